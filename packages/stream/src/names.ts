/** The stream every registry event of the primary is stored in, shared by all sites. */
export const EVENT_STREAM = 'GEO_REGISTRY_EVENTS';

/** The subject registry events are published on. */
export const EVENT_SUBJECT = 'geo.registry.events';

/** The durable pull consumer that all sync-workers of a site share. */
export const WORKER_CONSUMER = 'sync-workers';

/** The work-queue stream of one site's sync jobs: `GEO_SYNC_JOBS_<SITE>`. */
export function jobStreamName(site: string): string {
  return `GEO_SYNC_JOBS_${site.toUpperCase().replaceAll('-', '_')}`;
}

/** The subject one site's sync jobs are published on. */
export function jobSubject(site: string): string {
  return `geo.sync.jobs.${site}`;
}

/** The durable consumer through which a site's event-log-cursor reads the event stream. */
export function cursorConsumerName(site: string): string {
  return `cursor-${site}`;
}
