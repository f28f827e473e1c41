import type { NatsConnection } from 'nats';
import { StreamError } from './errors.js';
import { jobStreamName, WORKER_CONSUMER } from './names.js';
import { isNotFound } from './upsert.js';

/**
 * How many of the site's sync jobs are not done yet: waiting on the work
 * queue plus handed to a worker and not acked. 0 before the queue exists.
 */
export async function jobsWaiting(nc: NatsConnection, site: string): Promise<number> {
  const stream = jobStreamName(site);

  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.consumers.info(stream, WORKER_CONSUMER);
    return info.num_pending + info.num_ack_pending;
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw StreamError.from(error, 'INFO_FAILED', `read consumer ${WORKER_CONSUMER} of ${stream}`, {
      stream,
      consumer: WORKER_CONSUMER,
    });
  }
}
