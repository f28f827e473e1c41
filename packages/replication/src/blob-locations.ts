/** Options of {@link BlobLocations}. */
export interface BlobLocationsOptions {
  /** Blobs remembered at most; the least recently used is forgotten first (default 100 000). */
  capacity?: number;
}

/** A blob being copied into a repository of the secondary. */
export interface BlobUpload {
  repository: string;
  /** Settles when the copy ends: true when it stored the blob. Never rejects. */
  done: Promise<boolean>;
}

/**
 * Remembers, per secondary registry, one repository known to hold each
 * blob, so a blob another repository already has is mounted there instead
 * of copied again; and the copies under way, so that repositories synced
 * at once wait for the one copy of a shared blob and mount it, instead of
 * each uploading it. A hint only: a stale entry makes the mount fail, and
 * the blob is then copied. Bounded, least recently used first out.
 */
export class BlobLocations {
  private readonly capacity: number;
  private readonly entries = new Map<string, string>();
  private readonly uploads = new Map<string, BlobUpload>();

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

  /** The copy of `digest` into a repository of `registry` under way, if any. */
  uploading(registry: string, digest: string): BlobUpload | undefined {
    return this.uploads.get(`${registry} ${digest}`);
  }

  /**
   * Notes that `repository` of `registry` is receiving `digest` until
   * `copy` settles, and remembers it as the blob's location if the copy
   * succeeds.
   */
  track(registry: string, digest: string, repository: string, copy: Promise<unknown>): void {
    const key = `${registry} ${digest}`;
    const upload: BlobUpload = {
      repository,
      done: copy.then(
        () => {
          this.remember(registry, digest, repository);
          return true;
        },
        () => false,
      ),
    };
    this.uploads.set(key, upload);

    void upload.done.then(() => {
      if (this.uploads.get(key) === upload) this.uploads.delete(key);
    });
  }

  /** How many blobs are remembered. */
  get size(): number {
    return this.entries.size;
  }
}

/** The locations shared by every sync of this process that is given none. */
export const processBlobLocations = new BlobLocations();
