import { Counter, type metricsRegistry } from '@geo/telemetry';

/** Where a token request came in, as the `interface` label. */
export type RequestInterface = 'grpc' | 'http';

/** The counters token-issuer keeps. */
export interface IssuerMetrics {
  /** Tokens minted, by interface and audience (a configured service name). */
  issued: Counter<'interface' | 'service'>;
  /** Requests refused, by interface and reason (an error code). */
  refused: Counter<'interface' | 'reason'>;
}

/** Registers the service's counters in `registry`. */
export function createIssuerMetrics(registry: typeof metricsRegistry): IssuerMetrics {
  const registers = [registry];
  return {
    issued: new Counter({
      name: 'geo_token_issuer_tokens_issued_total',
      help: 'Registry tokens minted, by interface and service.',
      labelNames: ['interface', 'service'],
      registers,
    }),
    refused: new Counter({
      name: 'geo_token_issuer_requests_refused_total',
      help: 'Token requests refused, by interface and reason.',
      labelNames: ['interface', 'reason'],
      registers,
    }),
  };
}
