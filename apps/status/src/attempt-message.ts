import type { SyncAttempt } from '@geo/contracts';
import type { SyncAttemptRow } from '@geo/db';

/** A sync_attempts row as the status service's SyncAttempt message. */
export function toAttemptMessage(row: SyncAttemptRow): SyncAttempt {
  return {
    jobId: row.jobId,
    worker: row.worker,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt ?? undefined,
    outcome: row.outcome ?? '',
    blobsCopied: row.blobsCopied,
    blobsMounted: row.blobsMounted,
    bytesCopied: row.bytesCopied,
    error: row.error ?? '',
  };
}
