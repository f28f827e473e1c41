import { type SyncJob, SyncReason } from '@geo/contracts';
import {
  type BackoffPolicy,
  claimRepository,
  completeSync,
  type Database,
  renewClaim,
} from '@geo/db';
import type { RegistryClient } from '@geo/registry-client';
import { type SyncProgress, type SyncResult, syncRepository } from '@geo/replication';
import { decodeJob, type JetStreamClient, type JsMsg, newJob, publishJob } from '@geo/stream';
import type { Logger } from '@geo/telemetry';
import { startHeartbeat } from './heartbeat.js';
import type { WorkerMetrics } from './worker-metrics.js';

/** What a job needs; passed in so tests can give their own. */
export interface JobDeps {
  db: Database;
  js: JetStreamClient;
  site: string;
  worker: string;
  replicationEnabled: boolean;
  leaseMs: number;
  concurrency: number;
  primary: RegistryClient;
  secondary: RegistryClient;
  logger: Logger;
  metrics: WorkerMetrics;
  /** Aborted when the worker stops: the running sync ends as failed. */
  stopping: AbortSignal;
  /** Redelivery delay when the outcome could not be recorded. */
  retryDelayMs?: number;
  /** How failed repositories back off; the package default when absent. */
  backoff?: BackoffPolicy;
  /** Sync attempts kept per repository; the package default when absent. */
  historyLimit?: number;
}

/** What became of one job message. */
export type JobOutcome = 'synced' | 'failed' | 'dropped' | 'retried';

/** Failure text kept in the row: one `tag: reason` line per tag, at most this many. */
const maxFailureLines = 50;

/**
 * Runs one sync job: claims the repository, syncs it while telling
 * JetStream and Postgres the work goes on, records the outcome, enqueues
 * the follow-up sync when events arrived meanwhile, then acks.
 */
export async function handleJobMessage(message: JsMsg, deps: JobDeps): Promise<JobOutcome> {
  const job = decode(message, deps);
  if (!job) return 'dropped';

  const logger = deps.logger.child({
    site: deps.site,
    repository: job.repository,
    jobId: job.jobId,
  });
  if (!deps.replicationEnabled || job.site !== deps.site) {
    const reason = deps.replicationEnabled ? 'other site' : 'replication disabled';
    logger.info({ reason, jobSite: job.site }, 'job dropped');
    return drop(message, deps, reason);
  }

  try {
    const claim = { site: deps.site, repository: job.repository, worker: deps.worker };
    const row = await claimRepository(deps.db, {
      ...claim,
      jobId: job.jobId,
      leaseMs: deps.leaseMs,
    });
    if (!row) {
      logger.info('repository is being synced by another worker; job dropped');
      return drop(message, deps, 'claimed elsewhere');
    }

    return await syncClaimed(message, job, deps, logger, row.lastEventAt);
  } catch (error) {
    logger.error({ err: error }, 'job not finished; it will be delivered again');
    message.nak(deps.retryDelayMs ?? 5_000);
    return 'retried';
  }
}

async function syncClaimed(
  message: JsMsg,
  job: SyncJob,
  deps: JobDeps,
  logger: Logger,
  lastEventAt: Date | null,
): Promise<JobOutcome> {
  const { db, site, worker } = deps;
  const repository = job.repository;
  const started = performance.now();
  logger.info({ reason: SyncReason[job.reason] }, 'sync started');

  const outcome = await runSync(message, job, deps, logger);
  const synced = outcome.result !== undefined && outcome.result.failures.length === 0;
  const { syncAgain, removed } = await completeSync(db, {
    site,
    repository,
    worker,
    jobId: job.jobId,
    outcome: synced ? 'synced' : 'failed',
    failure: synced ? undefined : outcome.failure,
    checksum: outcome.result?.checksum,
    tagCount: outcome.result?.tags,
    blobsCopied: outcome.result?.copiedBlobs ?? 0,
    blobsMounted: outcome.result?.mountedBlobs ?? 0,
    bytesCopied: outcome.result?.copiedBytes ?? 0,
    backoff: deps.backoff,
    historyLimit: deps.historyLimit,
  });

  const seconds = (performance.now() - started) / 1000;
  deps.metrics.syncDuration.observe({ outcome: synced ? 'synced' : 'failed' }, seconds);
  if (synced && lastEventAt && !syncAgain && isEventDriven(job.reason)) {
    deps.metrics.pushToReplica.observe((Date.now() - lastEventAt.getTime()) / 1000);
  }
  const summary = { seconds, ...summarise(outcome.result), syncAgain, removed };
  if (synced) logger.info(summary, 'sync finished');
  else logger.warn({ ...summary, failure: outcome.failure }, 'sync failed');

  if (syncAgain) {
    const next = newJob(site, repository, SyncReason.SYNC_REASON_AGAIN);
    await publishJob(deps.js, next);
    logger.info({ nextJobId: next.jobId }, 'sync again queued');
  }
  message.ack();
  return synced ? 'synced' : 'failed';
}

interface SyncOutcome {
  result?: SyncResult;
  failure?: string;
}

/**
 * The sync itself, with a heartbeat that keeps the job from being
 * redelivered and the claim from lapsing. A lost claim aborts the sync:
 * another worker owns the repository now.
 */
async function runSync(
  message: JsMsg,
  job: SyncJob,
  deps: JobDeps,
  logger: Logger,
): Promise<SyncOutcome> {
  const abort = new AbortController();
  const stop = () => abort.abort(new Error('worker stopping'));
  deps.stopping.addEventListener('abort', stop, { once: true });
  if (deps.stopping.aborted) stop();

  const claim = { site: deps.site, repository: job.repository, worker: deps.worker };
  const heartbeat = startHeartbeat(
    heartbeatInterval(deps.leaseMs),
    async () => {
      message.working();
      if (await renewClaim(deps.db, { ...claim, leaseMs: deps.leaseMs })) return;
      logger.warn('claim lost; aborting the sync');
      abort.abort(new Error('claim lost'));
    },
    (error) => logger.warn({ err: error }, 'heartbeat failed'),
  );

  try {
    const result = await syncRepository({
      primary: deps.primary,
      secondary: deps.secondary,
      repository: job.repository,
      concurrency: deps.concurrency,
      signal: abort.signal,
      onProgress: (event) => record(deps.metrics, logger, event),
    });
    return { result, failure: failureText(result) };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  } finally {
    heartbeat.stop();
    deps.stopping.removeEventListener('abort', stop);
  }
}

/** Beat well inside both the claim lease and the default 60 s ack wait. */
function heartbeatInterval(leaseMs: number): number {
  return Math.max(500, Math.min(leaseMs, 60_000) / 3);
}

function failureText(result: SyncResult): string | undefined {
  if (result.failures.length === 0) return undefined;

  const lines = result.failures
    .slice(0, maxFailureLines)
    .map(({ tag, reason }) => `${tag}: ${reason}`);
  const more = result.failures.length - maxFailureLines;
  if (more > 0) lines.push(`… and ${more} more`);
  return lines.join('\n');
}

/** Whether the job answers registry events, whose time then measures replication lag. */
function isEventDriven(reason: SyncReason): boolean {
  return reason === SyncReason.SYNC_REASON_EVENT || reason === SyncReason.SYNC_REASON_AGAIN;
}

function record(metrics: WorkerMetrics, logger: Logger, event: SyncProgress): void {
  if (event.type === 'blob-copied') {
    metrics.blobsCopied.inc();
    metrics.bytesCopied.inc(event.bytes);
  } else if (event.type === 'blob-skipped') {
    metrics.blobsSkipped.inc();
  } else if (event.type === 'blob-mounted') {
    metrics.blobsMounted.inc();
  }
  logger.debug(event, 'sync progress');
}

function summarise(result: SyncResult | undefined) {
  if (!result) return {};
  const { failures, ...counts } = result;
  return { ...counts, failedTags: failures.length };
}

function decode(message: JsMsg, deps: JobDeps): SyncJob | undefined {
  try {
    return decodeJob(message.data);
  } catch (error) {
    deps.logger.warn({ streamSequence: message.seq, err: error }, 'undecodable job dropped');
    deps.metrics.jobsDropped.inc({ reason: 'undecodable' });
    message.term();
    return undefined;
  }
}

function drop(message: JsMsg, deps: JobDeps, reason: string): JobOutcome {
  deps.metrics.jobsDropped.inc({ reason });
  message.ack();
  return 'dropped';
}
