import { SyncReason } from '@geo/contracts';
import {
  type Database,
  takeDueRetries,
  takeLapsedClaims,
  takeOrphanedJobs,
  takeUnqueued,
} from '@geo/db';
import {
  type JetStreamClient,
  jobsWaiting,
  type NatsConnection,
  newJob,
  publishJob,
} from '@geo/stream';
import type { Logger } from '@geo/telemetry';
import type { CursorMetrics } from './metrics.js';

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
  const { db, site, batchSize } = deps;
  let published = 0;

  const publish = async (names: string[], reason: SyncReason) => {
    for (const repository of names) {
      await publishJob(deps.js, newJob(site, repository, reason));
      deps.metrics.jobsDispatched.inc();
      published += 1;
    }
  };

  await publish(await takeDueRetries(db, site, batchSize), SyncReason.SYNC_REASON_RETRY);
  await publish(await takeLapsedClaims(db, site, batchSize), SyncReason.SYNC_REASON_RETRY);
  await publish(await takeUnqueued(db, site, batchSize), SyncReason.SYNC_REASON_RECONCILE);

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
 * publishing are found later as orphans. A pass still running when the next
 * is due is not doubled, so `stop` waits for the only one there is.
 */
export function startScheduler(deps: SchedulerDeps, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;

  const tick = () => {
    if (running) return;

    running = schedulePass(deps)
      .then(
        (published) => {
          if (published > 0) deps.logger.info({ published }, 'scheduled jobs');
        },
        (error: unknown) => deps.logger.error({ err: error }, 'scheduling pass failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
