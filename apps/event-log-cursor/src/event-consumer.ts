import { SyncReason } from '@geo/contracts';
import { type Database, recordEvent } from '@geo/db';
import { decodeEvent, type JetStreamClient, type JsMsg, newJob, publishJob } from '@geo/stream';
import type { Logger } from '@geo/telemetry';
import type { CursorMetrics } from './metrics.js';

/** What the event consumer needs; passed in so tests can give their own. */
export interface EventConsumerDeps {
  db: Database;
  js: JetStreamClient;
  site: string;
  /** When false, rows are recorded but no sync job is published. */
  replicationEnabled: boolean;
  /** Most jobs the site may have outstanding; beyond it the scheduler queues later. */
  capacity?: number;
  /** Redelivery delay of an event that could not be applied. */
  retryDelayMs: number;
  logger: Logger;
  metrics: CursorMetrics;
}

/** What became of one event message. */
export type EventOutcome = 'applied' | 'dropped' | 'retried';

/**
 * Applies one message of the event stream: records the event and publishes
 * the repository's sync job when one is due, then acks. An undecodable
 * message can never succeed and is terminated; any other failure naks it
 * with a delay so the event is applied later and never lost.
 */
export async function handleEventMessage(
  message: JsMsg,
  deps: EventConsumerDeps,
): Promise<EventOutcome> {
  const { db, js, site, logger, metrics } = deps;

  let event: ReturnType<typeof decodeEvent>;
  try {
    event = decodeEvent(message.data);
  } catch (error) {
    logger.warn({ streamSequence: message.seq, err: error }, 'undecodable event dropped');
    message.term();
    metrics.eventsDropped.inc();
    return 'dropped';
  }

  const repository = event.repository;
  try {
    const { enqueue } = await recordEvent(db, {
      site,
      repository,
      sequence: message.seq,
      occurredAt: event.occurredAt ?? event.receivedAt ?? new Date(),
      queueJob: deps.replicationEnabled,
      capacity: deps.capacity,
    });

    if (enqueue) {
      const job = newJob(site, repository, SyncReason.SYNC_REASON_EVENT, message.seq);
      await publishJob(js, job);
      metrics.jobsDispatched.inc();
      logger.debug({ repository, jobId: job.jobId, streamSequence: message.seq }, 'job queued');
    }
  } catch (error) {
    logger.error(
      { repository, streamSequence: message.seq, err: error },
      'event not applied; it will be delivered again',
    );
    message.nak(deps.retryDelayMs);
    metrics.eventsRetried.inc();
    return 'retried';
  }

  message.ack();
  metrics.eventsApplied.inc();
  return 'applied';
}

/**
 * Applies `messages` one after the other until the iterator ends.
 *
 * TODO: one transaction per event caps the cursor near 90 events/s (a
 * commit each), so a burst can outlast a short sync and cost extra syncs;
 * applying the consumed messages in batches, one transaction and then one
 * ack per batch, would fix it (see tests/control-plane/README.md).
 */
export async function runEventConsumer(
  messages: AsyncIterable<JsMsg>,
  deps: EventConsumerDeps,
): Promise<void> {
  for await (const message of messages) {
    await handleEventMessage(message, deps);
  }
}
