/** Options of {@link BlobLocations}. */
export interface BlobLocationsOptions {
  /** Blobs remembered at most; the least recently used is forgotten first (default 100 000). */
  capacity?: number;
}

/**
 * Remembers, per secondary registry, one repository known to hold each
 * blob, so a blob another repository already has is mounted there instead
 * of copied again. A hint only: a stale entry makes the mount fail, and
 * the blob is then copied. Bounded, least recently used first out.
 */
export class BlobLocations {
  private readonly capacity: number;
  private readonly entries = new Map<string, string>();

  constructor(options: BlobLocationsOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 100_000);
  }

  /** A repository of `registry` that held `digest` when last seen, if any. */
  find(registry: string, digest: string): string | undefined {
    const key = `${registry} ${digest}`;
    const repository = this.entries.get(key);
    if (repository === undefined) return undefined;

    this.entries.delete(key);
    this.entries.set(key, repository);
    return repository;
  }

  /** Notes that `repository` of `registry` holds `digest`. */
  remember(registry: string, digest: string, repository: string): void {
    const key = `${registry} ${digest}`;
    this.entries.delete(key);
    this.entries.set(key, repository);

    if (this.entries.size <= this.capacity) return;
    const oldest = this.entries.keys().next().value;
    if (oldest !== undefined) this.entries.delete(oldest);
  }

  /** How many blobs are remembered. */
  get size(): number {
    return this.entries.size;
  }
}

/** The locations shared by every sync of this process that is given none. */
export const processBlobLocations = new BlobLocations();
