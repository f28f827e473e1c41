import { AckPolicy, DeliverPolicy, type NatsConnection, nanos } from 'nats';
import { cursorConsumerName, EVENT_STREAM } from './names.js';
import { upsertConsumer } from './upsert.js';

const CURSOR_ACK_WAIT_MS = 30_000;

/**
 * Creates the durable pull consumer through which a site's event-log-cursor
 * reads the event stream from its first event, so its position survives
 * restarts. The event stream must exist already.
 */
export async function ensureCursorConsumer(nc: NatsConnection, site: string): Promise<void> {
  const jsm = await nc.jetstreamManager();

  await upsertConsumer(jsm, EVENT_STREAM, {
    durable_name: cursorConsumerName(site),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(CURSOR_ACK_WAIT_MS),
    max_deliver: -1,
  });
}
