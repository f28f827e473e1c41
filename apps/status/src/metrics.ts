import type { StateCounts } from '@geo/db';
import { Counter, Gauge, metricsRegistry } from '@geo/telemetry';

/** Calls answered by the status service, by method and gRPC status. */
export const requestsTotal = new Counter({
  name: 'geo_status_requests_total',
  help: 'gRPC calls answered by the status service, by method and status code',
  labelNames: ['method', 'code'] as const,
  registers: [metricsRegistry],
});

/**
 * Registers `geo_repositories{site,state}`: the site's rows per state, read
 * from Postgres at each scrape so it is never stale. A failed read leaves
 * the gauge out of that scrape rather than reporting zeros.
 */
export function registerStateGauge(site: string, read: () => Promise<StateCounts>): Gauge {
  return new Gauge({
    name: 'geo_repositories',
    help: 'Repositories of the site, by replication state',
    labelNames: ['site', 'state'] as const,
    registers: [metricsRegistry],
    async collect() {
      const counts = await read().catch(() => undefined);
      this.reset();
      if (!counts) return;

      for (const state of ['pending', 'started', 'synced', 'failed'] as const) {
        this.set({ site, state }, counts[state]);
      }
    },
  });
}
