import { SyncReason } from '@geo/contracts';
import { type Database, recordEvents } from '@geo/db';
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

/** Most events applied in one transaction. */
const maxBatch = 256;

/**
 * Applies one message of the event stream; see {@link handleEventBatch}.
 */
export async function handleEventMessage(
  message: JsMsg,
  deps: EventConsumerDeps,
): Promise<EventOutcome> {
  const [outcome] = await handleEventBatch([message], deps);
  return outcome ?? 'dropped';
}

/**
 * Applies messages of the event stream in one transaction: records the
 * events and publishes each repository's sync job when one is due, then
 * acks. An undecodable message can never succeed and is terminated; any
 * other failure naks the batch with a delay so its events are applied later
 * and never lost (a redelivered event queues its job again if needed).
 */
export async function handleEventBatch(
  messages: readonly JsMsg[],
  deps: EventConsumerDeps,
): Promise<EventOutcome[]> {
  const { logger, metrics } = deps;
  const outcomes = new Map<JsMsg, EventOutcome>();
  const decoded: Array<{ message: JsMsg; event: ReturnType<typeof decodeEvent> }> = [];
  for (const message of messages) {
    try {
      decoded.push({ message, event: decodeEvent(message.data) });
    } catch (error) {
      logger.warn({ streamSequence: message.seq, err: error }, 'undecodable event dropped');
      message.term();
      metrics.eventsDropped.inc();
      outcomes.set(message, 'dropped');
    }
  }

  const outcome = decoded.length > 0 ? await applyDecoded(decoded, deps) : 'applied';
  for (const { message } of decoded) outcomes.set(message, outcome);
  return messages.map((message) => outcomes.get(message) ?? 'dropped');
}

async function applyDecoded(
  decoded: Array<{ message: JsMsg; event: ReturnType<typeof decodeEvent> }>,
  deps: EventConsumerDeps,
): Promise<EventOutcome> {
  const { db, js, site, logger, metrics } = deps;

  try {
    const results = await recordEvents(
      db,
      decoded.map(({ message, event }) => ({
        site,
        repository: event.repository,
        sequence: message.seq,
        occurredAt: event.occurredAt ?? event.receivedAt ?? new Date(),
        queueJob: deps.replicationEnabled,
        capacity: deps.capacity,
      })),
    );

    const due = decoded.filter((_, index) => results[index]?.enqueue);
    await Promise.all(
      due.map(async ({ message, event }) => {
        const job = newJob(site, event.repository, SyncReason.SYNC_REASON_EVENT, message.seq);
        await publishJob(js, job);
        metrics.jobsDispatched.inc();
        logger.debug(
          { repository: event.repository, jobId: job.jobId, streamSequence: message.seq },
          'job queued',
        );
      }),
    );
  } catch (error) {
    const sequences = decoded.map(({ message }) => message.seq);
    logger.error(
      { firstSequence: sequences[0], events: sequences.length, err: error },
      'events not applied; they will be delivered again',
    );
    for (const { message } of decoded) message.nak(deps.retryDelayMs);
    metrics.eventsRetried.inc(decoded.length);
    return 'retried';
  }

  for (const { message } of decoded) message.ack();
  metrics.eventsApplied.inc(decoded.length);
  return 'applied';
}

/**
 * Applies `messages` until the iterator ends, in batches of whatever has
 * arrived while the previous batch was applied: one commit per batch instead
 * of one per event lets a burst of notifications land within a running
 * sync, so it costs one more sync, not one per event.
 */
export async function runEventConsumer(
  messages: AsyncIterable<JsMsg>,
  deps: EventConsumerDeps,
): Promise<void> {
  const waiting: JsMsg[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;

  const reading = (async () => {
    try {
      for await (const message of messages) {
        waiting.push(message);
        wake?.();
      }
    } catch (error) {
      failure = error;
    } finally {
      ended = true;
      wake?.();
    }
  })();

  while (waiting.length > 0 || !ended) {
    if (waiting.length === 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
      continue;
    }
    await handleEventBatch(waiting.splice(0, maxBatch), deps);
  }

  await reading;
  if (failure) throw failure;
}
