import { hostname } from 'node:os';
import {
  booleanFlag,
  databaseUrl,
  grpcTarget,
  httpUrl,
  listenAddress,
  loadConfig,
  logLevel,
  natsServers,
  positiveInt,
  secret,
  siteName,
  z,
} from '@geo/config';

/** The environment sync-worker reads, with its defaults. */
export const configSchema = z.object({
  DATABASE_URL: databaseUrl,
  NATS_URL: natsServers,
  GEO_SITE: siteName,
  GEO_REPLICATION_ENABLED: booleanFlag,
  GEO_PRIMARY_REGISTRY_URL: httpUrl,
  GEO_SECONDARY_REGISTRY_URL: httpUrl,
  GEO_TOKEN_ISSUER_URL: grpcTarget,
  GEO_TOKEN_ISSUER_SECRET: secret,
  GEO_METRICS_LISTEN: listenAddress.optional(),
  LOG_LEVEL: logLevel,
  /** Blobs in flight per sync. */
  GEO_SYNC_CONCURRENCY: positiveInt(4),
  /** How long a claim on a repository lasts unless renewed. */
  GEO_SYNC_LEASE_MS: positiveInt(60_000),
  /** First back-off of a failed repository; it doubles with each consecutive failure. */
  GEO_BACKOFF_BASE_MS: positiveInt(10_000),
  /** Longest back-off of a failed repository. */
  GEO_BACKOFF_CAP_MS: positiveInt(3_600_000),
  /** Sync attempts kept per repository. */
  GEO_HISTORY_LIMIT: positiveInt(50),
  GEO_WORKER_ID: z.string().trim().min(1).default(`${hostname()}-${process.pid}`),
});

/** The parsed configuration of sync-worker. */
export type WorkerConfig = z.infer<typeof configSchema>;

/** Parses the environment once; exits with status 2 naming any bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return loadConfig(configSchema, env);
}
