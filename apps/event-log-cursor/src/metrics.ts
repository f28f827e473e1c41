import { Counter, metricsRegistry } from '@geo/telemetry';

/** The counters of event-log-cursor. */
export interface CursorMetrics {
  eventsApplied: Counter;
  eventsDropped: Counter;
  eventsRetried: Counter;
  jobsDispatched: Counter;
}

/** Registers the cursor's counters on `registry` (the process registry by default). */
export function createCursorMetrics(
  registry: typeof metricsRegistry = metricsRegistry,
): CursorMetrics {
  const counter = (name: string, help: string) =>
    new Counter({ name, help, registers: [registry] });

  return {
    eventsApplied: counter(
      'geo_cursor_events_applied_total',
      'Registry events recorded in the registry state.',
    ),
    eventsDropped: counter(
      'geo_cursor_events_dropped_total',
      'Registry events that could not be decoded and were terminated.',
    ),
    eventsRetried: counter(
      'geo_cursor_events_retried_total',
      'Registry events handed back for redelivery after a failure.',
    ),
    jobsDispatched: counter('geo_cursor_jobs_dispatched_total', 'Sync jobs published.'),
  };
}
