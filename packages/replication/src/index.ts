export {
  BlobLocations,
  type BlobLocationsOptions,
  processBlobLocations,
} from './blob-locations.js';
export { ReplicationError, type ReplicationErrorCode } from './errors.js';
export { createLimiter, type Limiter } from './limiter.js';
export {
  type Descriptor,
  isForeignLayer,
  type ManifestReferences,
  manifestReferences,
} from './manifest-references.js';
export type { SyncCounters } from './sync-context.js';
export type { SyncProgress } from './sync-progress.js';
export { syncRepository } from './sync-repository.js';
export type { SyncFailure, SyncOptions, SyncResult } from './sync-types.js';
export { tagChecksum } from './tag-checksum.js';
