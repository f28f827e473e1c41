import { type NatsConnection, nanos, RetentionPolicy, StorageType } from 'nats';
import { EVENT_STREAM, EVENT_SUBJECT } from './names.js';
import { upsertStream } from './upsert.js';

/** Options of {@link ensureEventStream}. */
export interface EventStreamOptions {
  /** How long a repeated event id is recognised as a duplicate; default 2 hours. */
  duplicateWindowMs?: number;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

/**
 * Creates the registry event stream if missing, idempotently. It keeps events
 * by limits (every site's cursor reads all of them), on file storage, and
 * drops an event whose id it saw within the duplicate window, because the
 * registry redelivers notifications it is unsure about.
 */
export async function ensureEventStream(
  nc: NatsConnection,
  options: EventStreamOptions = {},
): Promise<void> {
  const jsm = await nc.jetstreamManager();

  await upsertStream(jsm, {
    name: EVENT_STREAM,
    subjects: [EVENT_SUBJECT],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(options.duplicateWindowMs ?? TWO_HOURS_MS),
  });
}
