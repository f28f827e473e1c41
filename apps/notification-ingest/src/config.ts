import {
  listenAddress,
  loadConfig,
  logLevel,
  natsServers,
  positiveInt,
  secret,
  z,
} from '@geo/config';

/** The environment notification-ingest reads, with its defaults. */
export const configSchema = z.object({
  GEO_INGEST_LISTEN: listenAddress,
  NATS_URL: natsServers,
  GEO_NOTIFICATION_SECRET: secret,
  GEO_METRICS_LISTEN: listenAddress.optional(),
  LOG_LEVEL: logLevel,
  GEO_INGEST_MAX_BODY_BYTES: positiveInt(1024 * 1024),
  GEO_INGEST_PUBLISH_TIMEOUT_MS: positiveInt(5_000),
});

/** The parsed configuration of notification-ingest. */
export type IngestConfig = z.infer<typeof configSchema>;

/** Parses the environment once; exits with status 2 naming any bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  return loadConfig(configSchema, env);
}
