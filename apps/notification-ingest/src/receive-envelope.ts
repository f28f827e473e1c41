import { RegistryAction } from '@geo/contracts';
import type { Logger } from '@geo/telemetry';
import { IngestError } from './errors.js';
import type { EventPublisher } from './event-publisher.js';
import { actionLabel, type IngestMetrics } from './ingest-metrics.js';
import { parseEnvelope } from './parse-envelope.js';
import { selectEvents } from './select-events.js';

/** What {@link receiveEnvelope} needs. */
export interface ReceiveDependencies {
  publisher: EventPublisher;
  metrics: IngestMetrics;
  logger: Logger;
  now?: () => Date;
}

/** The HTTP answer to one envelope: a status and a JSON body. */
export interface EnvelopeAnswer {
  status: 200 | 400 | 503;
  body: Record<string, unknown>;
}

function invalid(error: IngestError): EnvelopeAnswer {
  return {
    status: 400,
    body: { error: 'invalid_envelope', reason: error.message, ...error.details },
  };
}

/**
 * Handles the body of an authorised request: parses the envelope, drops what
 * replication does not need and publishes the rest. Answers 200 only once
 * JetStream acknowledged every relevant event, so the registry retries the
 * envelope on 503, and the event ids make the retry store nothing twice.
 */
export async function receiveEnvelope(
  body: string | undefined,
  dependencies: ReceiveDependencies,
): Promise<EnvelopeAnswer> {
  const { publisher, metrics, logger } = dependencies;
  const receivedAt = dependencies.now?.() ?? new Date();

  let events: ReturnType<typeof parseEnvelope>['events'];
  try {
    events = parseEnvelope(body ?? '').events;
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    metrics.rejected.inc({ reason: 'invalid_envelope' });
    logger.warn({ reason: error.message }, 'notification refused: invalid envelope');
    return invalid(error);
  }

  const selection = selectEvents(events, receivedAt);
  for (const event of events) metrics.received.inc({ action: actionLabel(event.action) });
  for (const { action, reason } of selection.dropped) {
    metrics.dropped.inc({ action: actionLabel(action), reason });
  }
  if (selection.publish.length === 0) {
    return { status: 200, body: { published: 0, dropped: selection.dropped.length } };
  }

  try {
    await publisher.publish(selection.publish);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    metrics.rejected.inc({ reason: 'unavailable' });
    logger.warn({ err: error, eventId: error.details.eventId }, 'notification not stored');
    return {
      status: 503,
      body: { error: 'unavailable', reason: 'the event stream is unavailable' },
    };
  }

  for (const event of selection.publish) {
    const deleted = event.action === RegistryAction.REGISTRY_ACTION_DELETE;
    metrics.published.inc({ action: deleted ? 'delete' : 'push' });
  }
  logger.debug(
    { published: selection.publish.map((event) => event.id), dropped: selection.dropped.length },
    'notification stored',
  );
  return {
    status: 200,
    body: { published: selection.publish.length, dropped: selection.dropped.length },
  };
}
