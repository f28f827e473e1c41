import { Counter, type metricsRegistry } from '@geo/telemetry';

/** Why a whole envelope was refused, as the `reason` label of the rejected counter. */
export type RejectReason =
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'invalid_envelope'
  | 'bad_request'
  | 'unavailable';

/** The counters notification-ingest keeps. */
export interface IngestMetrics {
  /** Events of accepted-for-parsing envelopes, by action. */
  received: Counter<'action'>;
  /** Events JetStream acknowledged, by action. */
  published: Counter<'action'>;
  /** Events not relevant to replication, by action and reason. */
  dropped: Counter<'action' | 'reason'>;
  /** Envelopes answered with an error, by reason. */
  rejected: Counter<'reason'>;
}

const knownActions = new Set(['push', 'pull', 'delete', 'mount']);

/** Keeps the action label's values bounded whatever a sender puts there. */
export function actionLabel(action: string): string {
  return knownActions.has(action) ? action : 'other';
}

/** Registers the service's counters in `registry`. */
export function createIngestMetrics(registry: typeof metricsRegistry): IngestMetrics {
  const registers = [registry];
  return {
    received: new Counter({
      name: 'geo_ingest_events_received_total',
      help: 'Notification events received, by action.',
      labelNames: ['action'],
      registers,
    }),
    published: new Counter({
      name: 'geo_ingest_events_published_total',
      help: 'Notification events acknowledged by JetStream, by action.',
      labelNames: ['action'],
      registers,
    }),
    dropped: new Counter({
      name: 'geo_ingest_events_dropped_total',
      help: 'Notification events dropped as irrelevant, by action and reason.',
      labelNames: ['action', 'reason'],
      registers,
    }),
    rejected: new Counter({
      name: 'geo_ingest_envelopes_rejected_total',
      help: 'Notification envelopes answered with an error, by reason.',
      labelNames: ['reason'],
      registers,
    }),
  };
}
