export { type HeldLock, type HoldAdvisoryLockOptions, holdAdvisoryLock } from './advisory-lock.js';
export { type BackoffPolicy, DEFAULT_BACKOFF, nextRetryAt } from './backoff.js';
export { type ClaimInput, claimRepository, type RenewClaimInput, renewClaim } from './claims.js';
export {
  type CompleteSyncInput,
  type CompleteSyncResult,
  completeSync,
  DEFAULT_HISTORY_LIMIT,
} from './complete-sync.js';
export { type Database, type OpenDatabaseOptions, openDatabase } from './database.js';
export { DbError, type DbErrorCode } from './errors.js';
export { migrate, migrationsFolder } from './migrate.js';
export {
  addRepositories,
  type MarkForSyncOptions,
  markForSync,
  markVerified,
} from './reconcile-queries.js';
export { type RecordEventInput, recordEvent, recordEvents } from './record-event.js';
export {
  type ResyncResult,
  resyncAll,
  resyncKnownRepository,
  resyncRepository,
} from './resync.js';
export {
  takeDueRetries,
  takeLapsedClaims,
  takeOrphanedJobs,
  takeUnqueued,
} from './scheduler-queries.js';
export * from './schema.js';
export { readSiteActivity, type SiteActivity, WORKERS_WINDOW_SECONDS } from './site-activity.js';
export {
  type CursorPosition,
  countByState,
  getCursor,
  getRepository,
  type ListRepositoriesQuery,
  listAttempts,
  listRepositories,
  recordCursorLag,
  type StateCounts,
  siteTotals,
} from './status-queries.js';
