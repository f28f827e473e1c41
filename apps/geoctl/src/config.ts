import { UsageError } from './errors.js';

/** Where geoctl looks for the status service when neither `--server` nor the environment says. */
export const DEFAULT_STATUS_URL = '127.0.0.1:50051';

/** How long one call to the status service may take before geoctl gives up. */
export const CALL_TIMEOUT_MS = 15_000;

/** What geoctl takes from its environment. */
export interface GeoctlConfig {
  /** The default `--server`: `GEO_STATUS_URL`, else {@link DEFAULT_STATUS_URL}. */
  statusUrl: string;
}

const grpcTarget = /^(dns:\/\/\/)?[^\s/]+:\d{1,5}$/;

/**
 * Reads geoctl's environment once; this is the only place that looks at it.
 * A malformed `GEO_STATUS_URL` is a usage error naming the variable.
 */
export function loadGeoctlConfig(env: NodeJS.ProcessEnv = process.env): GeoctlConfig {
  const statusUrl = env.GEO_STATUS_URL?.trim();
  if (!statusUrl) return { statusUrl: DEFAULT_STATUS_URL };

  return { statusUrl: parseServerTarget(statusUrl, 'GEO_STATUS_URL') };
}

/** Checks a grpc-js target (`host:port` or `dns:///host:port`) given by `source`. */
export function parseServerTarget(value: string, source = '--server'): string {
  const target = value.trim();
  if (!grpcTarget.test(target)) {
    throw new UsageError(`${source}: expected host:port or dns:///host:port, got "${value}"`);
  }

  return target;
}
