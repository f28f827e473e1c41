import type { ManifestDescriptor, RegistryClient } from '@geo/registry-client';
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
  failures: SyncFailure[];
}

/** Both sides' tags, resolved. */
export interface TagDigests {
  primary: Map<string, ManifestDescriptor>;
  /** Every tag the primary listed, including those that failed to resolve. */
  primaryListed: Set<string>;
  secondary: Map<string, ManifestDescriptor>;
}
