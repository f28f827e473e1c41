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
import { optionalSiteCredentials, type SiteCredentials } from '@geo/token-client';

/** The environment event-log-cursor reads; see DESIGN.md "Configuration". */
export const cursorConfigSchema = z.object({
  DATABASE_URL: databaseUrl,
  NATS_URL: natsServers,
  GEO_SITE: siteName,
  GEO_REPLICATION_ENABLED: booleanFlag,
  /** The primary registry, for backfill and reconciliation. */
  GEO_PRIMARY_REGISTRY_URL: httpUrl,
  /**
   * The secondary and the token-issuer (or credentials files), for backfill
   * and reconciliation; without them both are off and only events bring work.
   */
  GEO_SECONDARY_REGISTRY_URL: httpUrl.optional(),
  GEO_TOKEN_ISSUER_URL: grpcTarget.optional(),
  GEO_TOKEN_ISSUER_SECRET: secret.optional(),
  /** Credentials for the primary instead of the token-issuer's tokens. */
  GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: filePath.optional(),
  /** Credentials for the secondary instead of the token-issuer's tokens. */
  GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: filePath.optional(),
  GEO_METRICS_LISTEN: listenAddress.optional(),
  LOG_LEVEL: logLevel,
  /** How long an event that could not be applied waits before it is delivered again. */
  GEO_CURSOR_RETRY_DELAY_MS: positiveInt(5_000),
  /** How often failed rows, crashed workers' rows and lost jobs are looked for. */
  GEO_CURSOR_SCHEDULE_INTERVAL_MS: positiveInt(5_000),
  /** Most sync jobs the site may have outstanding (queued or running). */
  GEO_SITE_CAPACITY: positiveInt(1_000),
  /** List the primary's catalog at start-up and create a row for every repository. */
  GEO_CURSOR_BACKFILL: booleanFlag.default(true),
  /** How often both registries' catalogs and tag digests are compared. */
  GEO_RECONCILE_INTERVAL_MS: positiveInt(3_600_000),
  /** Repositories compared at once during reconciliation. */
  GEO_RECONCILE_CONCURRENCY: positiveInt(4),
  /** How long a row may wait, while the work queue is empty, before its job counts as lost. */
  GEO_CURSOR_ORPHAN_AFTER_MS: positiveInt(300_000),
});

/** The parsed configuration of event-log-cursor. */
export type CursorConfig = z.infer<typeof cursorConfigSchema> & {
  /** Both registries' credentials; undefined when registry access is off. */
  credentials?: SiteCredentials;
};

/**
 * Parses the environment and reads the credentials files once; exits with
 * status 2 naming a missing or bad variable.
 */
export function loadCursorConfig(env: NodeJS.ProcessEnv = process.env): CursorConfig {
  const config = loadConfig(cursorConfigSchema, env);

  return exitOnConfigError(() => ({ ...config, credentials: registryCredentials(config) }));
}

/**
 * Without a secondary, or with neither credentials files nor the token-issuer,
 * registry access is off, as it was before files existed. A credentials file
 * says registry access is wanted, so then whatever is missing is an error.
 */
export function registryCredentials(
  config: z.infer<typeof cursorConfigSchema>,
): SiteCredentials | undefined {
  if (!config.GEO_SECONDARY_REGISTRY_URL) return undefined;

  return optionalSiteCredentials(config);
}
