import { SyncReason } from '@geo/contracts';
import {
  type Database,
  recordCursorLag,
  takeDueRetries,
  takeLapsedClaims,
  takeOrphanedJobs,
  takeUnqueued,
} from '@geo/db';
import {
  eventsBehind,
  type JetStreamClient,
  jobsWaiting,
  type NatsConnection,
  newJob,
  publishJob,
} from '@geo/stream';
import type { Logger } from '@geo/telemetry';
import type { CursorMetrics } from './metrics.js';
import { type Periodic, runPeriodically } from './periodic.js';

/** What the scheduler needs; passed in so tests can give their own. */
export interface SchedulerDeps {
  db: Database;
  nc: NatsConnection;
  js: JetStreamClient;
  site: string;
  logger: Logger;
  metrics: CursorMetrics;
  /** Most rows of each kind taken per pass. */
  batchSize: number;
  /** Most jobs the site may have outstanding; absent, no limit. */
  capacity?: number;
  /** How long a row may say "job queued" while the queue is empty before its job counts as lost. */
  orphanAfterMs: number;
}

/**
 * One pass over the rows that need a job without an event: failed rows
 * whose back-off passed, rows of crashed workers, rows recorded while
 * replication was off, and rows whose queued job was lost. Returns how many
 * jobs it published.
 */
export async function schedulePass(deps: SchedulerDeps): Promise<number> {
  const { db, site, batchSize, capacity } = deps;
  let published = 0;

  const publish = async (names: string[], reason: SyncReason) => {
    for (const repository of names) {
      await publishJob(deps.js, newJob(site, repository, reason));
      deps.metrics.jobsDispatched.inc();
      published += 1;
    }
  };

  // Lapsed claims first: they hold a slot already, and their repositories wait longest.
  await publish(await takeLapsedClaims(db, site, batchSize), SyncReason.SYNC_REASON_RETRY);
  const retries = await takeDueRetries(db, site, batchSize, capacity);
  await publish(retries, SyncReason.SYNC_REASON_RETRY);
  const unqueued = await takeUnqueued(db, site, batchSize, capacity);
  await publish(unqueued, SyncReason.SYNC_REASON_RECONCILE);

  await recordCursorLag(db, site, await eventsBehind(deps.nc, site));

  // Only an empty queue proves a job that a row says is queued was lost.
  if ((await jobsWaiting(deps.nc, site)) === 0) {
    const orphaned = await takeOrphanedJobs(db, site, deps.orphanAfterMs, batchSize);
    await publish(orphaned, SyncReason.SYNC_REASON_RECONCILE);
  }

  return published;
}

/**
 * Runs {@link schedulePass} every `intervalMs` until stopped. A failed pass
 * is logged and the next one tries again; rows it marked queued without
 * publishing are found later as orphans.
 */
export function startScheduler(deps: SchedulerDeps, intervalMs: number): Periodic {
  return runPeriodically(
    async () => {
      const published = await schedulePass(deps);
      if (published > 0) deps.logger.info({ published }, 'scheduled jobs');
    },
    intervalMs,
    { onError: (error) => deps.logger.error({ err: error }, 'scheduling pass failed') },
  );
}
