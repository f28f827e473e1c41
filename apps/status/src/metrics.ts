import { Counter, metricsRegistry } from '@geo/telemetry';

/** Calls answered by the status service, by method and gRPC status. */
export const requestsTotal = new Counter({
  name: 'geo_status_requests_total',
  help: 'gRPC calls answered by the status service, by method and status code',
  labelNames: ['method', 'code'] as const,
  registers: [metricsRegistry],
});
