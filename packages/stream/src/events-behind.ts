import type { NatsConnection } from 'nats';
import { StreamError } from './errors.js';
import { cursorConsumerName, EVENT_STREAM } from './names.js';
import { isNotFound } from './upsert.js';

/**
 * How many events the site's cursor has yet to apply: those not delivered
 * yet plus those delivered but not acked. 0 before the cursor first ran.
 */
export async function eventsBehind(nc: NatsConnection, site: string): Promise<number> {
  const consumer = cursorConsumerName(site);

  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.consumers.info(EVENT_STREAM, consumer);
    return info.num_pending + info.num_ack_pending;
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw StreamError.from(error, 'INFO_FAILED', `read consumer ${consumer}`, {
      stream: EVENT_STREAM,
      consumer,
    });
  }
}
