export { type HeldLock, type HoldAdvisoryLockOptions, holdAdvisoryLock } from './advisory-lock.js';
export { type BackoffPolicy, DEFAULT_BACKOFF, nextRetryAt } from './backoff.js';
export { type ClaimInput, claimRepository, type RenewClaimInput, renewClaim } from './claims.js';
export { type CompleteSyncInput, completeSync } from './complete-sync.js';
export { type Database, type OpenDatabaseOptions, openDatabase } from './database.js';
export { DbError, type DbErrorCode } from './errors.js';
export { migrate, migrationsFolder } from './migrate.js';
export { type RecordEventInput, recordEvent } from './record-event.js';
export { resyncAll, resyncRepository } from './resync.js';
export {
  takeDueRetries,
  takeLapsedClaims,
  takeOrphanedJobs,
  takeUnqueued,
} from './scheduler-queries.js';
export * from './schema.js';
export {
  countByState,
  getCursor,
  getRepository,
  type ListRepositoriesQuery,
  listAttempts,
  listRepositories,
  type StateCounts,
  siteTotals,
} from './status-queries.js';
