import { randomUUID } from 'node:crypto';
import type { SyncJob, SyncReason } from '@geo/contracts';

/** A fresh sync job for one repository of `site`, with a random id, enqueued now. */
export function newJob(
  site: string,
  repository: string,
  reason: SyncReason,
  eventSequence = 0,
): SyncJob {
  return {
    jobId: randomUUID(),
    site,
    repository,
    reason,
    eventSequence,
    enqueuedAt: new Date(),
  };
}
