import type { ManifestDescriptor, RegistryClient } from '@geo/registry-client';
import type { BlobLocations } from './blob-locations.js';
import type { SyncCounters } from './sync-context.js';
import type { SyncProgress } from './sync-progress.js';

/** Options of {@link syncRepository}. */
export interface SyncOptions {
  /** Read from; needs only pull access. */
  primary: RegistryClient;
  /** Written to; needs pull, push and delete. */
  secondary: RegistryClient;
  repository: string;
  /** Blobs in flight at once, and tags worked on at once (default 4). */
  concurrency?: number;
  /** Tags per `tags/list` page (default 1000). */
  tagPageSize?: number;
  /**
   * Where blobs were seen on the secondary, for cross-repository mounts;
   * default one shared by every sync of the process.
   */
  blobLocations?: BlobLocations;
  signal?: AbortSignal;
  /** Called synchronously as the sync makes progress; its errors are ignored. */
  onProgress?: (event: SyncProgress) => void;
}

/** A tag the sync could not bring level, and why. */
export interface SyncFailure {
  tag: string;
  reason: string;
}

/** The outcome of one repository's sync. Any failure makes it a failed sync. */
export interface SyncResult extends SyncCounters {
  /** Tags on the primary. */
  tags: number;
  /** {@link tagChecksum} of the primary's tags. */
  checksum: string;
  /** {@link tagChecksum} of the secondary's tags, read back after the sync. */
  secondaryChecksum: string;
  failures: SyncFailure[];
}

/** Both sides' tags, resolved. */
export interface TagDigests {
  primary: Map<string, ManifestDescriptor>;
  /** Every tag the primary listed, including those that failed to resolve. */
  primaryListed: Set<string>;
  secondary: Map<string, ManifestDescriptor>;
}
