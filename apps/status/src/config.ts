import {
  booleanFlag,
  databaseUrl,
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

/** The status service's environment, with the names DESIGN.md gives them. */
export const statusConfigSchema = z.object({
  DATABASE_URL: databaseUrl,
  NATS_URL: natsServers,
  GEO_SITE: siteName,
  GEO_REPLICATION_ENABLED: booleanFlag,
  // Validated now so a bad value fails at start; the dashboard links to it later.
  GEO_SECONDARY_REGISTRY_URL: httpUrl,
  // Optional, for Diagnose (geoctl doctor): a check whose variable is unset is skipped.
  GEO_PRIMARY_REGISTRY_URL: httpUrl.optional(),
  GEO_TOKEN_ISSUER_URL: grpcTarget.optional(),
  GEO_TOKEN_ISSUER_SECRET: secret.optional(),
  // The registries' auth.token.rootcertbundle, so Diagnose can name an untrusted key.
  GEO_REGISTRY_ROOT_CERT_BUNDLE: z.string().trim().min(1).optional(),
  GEO_STATUS_LISTEN: listenAddress.default({ host: '127.0.0.1', port: 50051 }),
  GEO_STATUS_HTTP_LISTEN: listenAddress.optional(),
  GEO_METRICS_LISTEN: listenAddress.optional(),
  LOG_LEVEL: logLevel,
});

/** The status service's configuration, parsed. */
export type StatusConfig = z.infer<typeof statusConfigSchema>;

/** Parses the environment once; exits with status 2 naming a missing or malformed variable. */
export function loadStatusConfig(env: NodeJS.ProcessEnv = process.env): StatusConfig {
  return loadConfig(statusConfigSchema, env);
}
