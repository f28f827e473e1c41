import { hostname } from 'node:os';
import {
  booleanFlag,
  databaseUrl,
  exitOnConfigError,
  filePath,
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
import { loadSiteCredentials, type SiteCredentials } from '@geo/token-client';

/**
 * The environment sync-worker reads, with its defaults. A registry without
 * a credentials file uses the token-issuer, so its variables are required
 * unless both files are set (a file may still say `token-issuer`, which
 * {@link readConfig} checks once it has read the files).
 */
export const configSchema = z
  .object({
    DATABASE_URL: databaseUrl,
    NATS_URL: natsServers,
    GEO_SITE: siteName,
    GEO_REPLICATION_ENABLED: booleanFlag,
    GEO_PRIMARY_REGISTRY_URL: httpUrl,
    GEO_SECONDARY_REGISTRY_URL: httpUrl,
    GEO_TOKEN_ISSUER_URL: grpcTarget.optional(),
    GEO_TOKEN_ISSUER_SECRET: secret.optional(),
    /** Credentials for the primary instead of the token-issuer's tokens. */
    GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: filePath.optional(),
    /** Credentials for the secondary instead of the token-issuer's tokens. */
    GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: filePath.optional(),
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
  })
  .superRefine(
    (env, context) => {
      const bothFiles =
        env.GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE && env.GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE;
      if (bothFiles) return;

      for (const variable of ['GEO_TOKEN_ISSUER_URL', 'GEO_TOKEN_ISSUER_SECRET'] as const) {
        if (env[variable] !== undefined) continue;
        context.addIssue({ code: 'custom', path: [variable], message: 'is required' });
      }
    },
    { when: () => true },
  );

/** The parsed configuration of sync-worker, with the registries' credentials read. */
export type WorkerConfig = z.infer<typeof configSchema> & { credentials: SiteCredentials };

/**
 * Parses the environment and reads the credentials files once; exits with
 * status 2 naming any bad variable (and why a token-issuer one is needed).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const config = loadConfig(configSchema, env);

  return exitOnConfigError(() => ({ ...config, credentials: loadSiteCredentials(config) }));
}
