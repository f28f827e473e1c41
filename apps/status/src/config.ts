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
  secret,
  siteName,
  z,
} from '@geo/config';
import { optionalSiteCredentials, type SiteCredentials } from '@geo/token-client';

/** The status service's environment, with the names DESIGN.md gives them. */
export const statusConfigSchema = z.object({
  DATABASE_URL: databaseUrl,
  NATS_URL: natsServers,
  GEO_SITE: siteName,
  GEO_REPLICATION_ENABLED: booleanFlag,
  // Validated now so a bad value fails at start; the dashboard links to it later.
  GEO_SECONDARY_REGISTRY_URL: httpUrl,
  // Optional, for Diagnose (geoctl doctor) and CheckFreshness: a check whose
  // variable is unset is skipped, a call that needs it is refused.
  GEO_PRIMARY_REGISTRY_URL: httpUrl.optional(),
  GEO_TOKEN_ISSUER_URL: grpcTarget.optional(),
  GEO_TOKEN_ISSUER_SECRET: secret.optional(),
  /** Credentials for the primary instead of the token-issuer's tokens. */
  GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: filePath.optional(),
  /** Credentials for the secondary instead of the token-issuer's tokens. */
  GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: filePath.optional(),
  // The registries' auth.token.rootcertbundle, so Diagnose can name an untrusted key.
  GEO_REGISTRY_ROOT_CERT_BUNDLE: z.string().trim().min(1).optional(),
  GEO_STATUS_LISTEN: listenAddress.default({ host: '127.0.0.1', port: 50051 }),
  GEO_STATUS_HTTP_LISTEN: listenAddress.optional(),
  GEO_METRICS_LISTEN: listenAddress.optional(),
  LOG_LEVEL: logLevel,
});

/** The status service's configuration, parsed, with the registries' credentials read. */
export type StatusConfig = z.infer<typeof statusConfigSchema> & {
  /** How the site logs in to both registries; undefined when registry access is off. */
  credentials?: SiteCredentials;
};

/**
 * Parses the environment and reads the credentials files once; exits with
 * status 2 naming a missing or malformed variable or an unreadable file.
 * With no registry-access variable set, `credentials` is undefined: access
 * is off (CheckFreshness is refused, doctor skips the primary).
 */
export function loadStatusConfig(env: NodeJS.ProcessEnv = process.env): StatusConfig {
  const config = loadConfig(statusConfigSchema, env);

  return exitOnConfigError(() => ({ ...config, credentials: optionalSiteCredentials(config) }));
}
