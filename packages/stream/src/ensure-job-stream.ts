import {
  AckPolicy,
  DeliverPolicy,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';
import { jobStreamName, jobSubject, WORKER_CONSUMER } from './names.js';
import { upsertConsumer, upsertStream } from './upsert.js';

/** Options of {@link ensureJobStream}. */
export interface JobStreamOptions {
  /** How long a worker may hold a job without acking or reporting progress; default 60 s. */
  ackWaitMs?: number;
}

const DEFAULT_ACK_WAIT_MS = 60_000;
const JOB_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/**
 * Creates one site's sync job stream (a work queue: a job leaves it once a
 * worker acks it) and the pull consumer all of the site's workers share.
 * Jobs are redelivered without limit: a job is dropped only by a worker.
 */
export async function ensureJobStream(
  nc: NatsConnection,
  site: string,
  options: JobStreamOptions = {},
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const stream = jobStreamName(site);

  await upsertStream(jsm, {
    name: stream,
    subjects: [jobSubject(site)],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: nanos(JOB_DUPLICATE_WINDOW_MS),
  });

  await upsertConsumer(jsm, stream, {
    durable_name: WORKER_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
    max_deliver: -1,
  });
}
