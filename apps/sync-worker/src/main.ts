import { migrate, openDatabase } from '@geo/db';
import { connectNats, ensureJobStream } from '@geo/stream';
import { createLogger, metricsRegistry, onShutdown, startMetricsServer } from '@geo/telemetry';
import { connectTokenIssuer, createRegistryClients } from '@geo/token-client';
import { readConfig } from './config.js';
import { consumeJobs } from './consume-jobs.js';
import { handleJobMessage } from './handle-job.js';
import { createWorkerMetrics } from './worker-metrics.js';

const config = readConfig();
const site = config.GEO_SITE;
const worker = config.GEO_WORKER_ID;
const logger = createLogger('sync-worker', config.LOG_LEVEL).child({ site, worker });

try {
  await start();
} catch (error) {
  logger.fatal({ err: error }, 'sync-worker failed to start');
  process.exit(1);
}

async function start(): Promise<void> {
  const metrics = createWorkerMetrics(metricsRegistry);
  const metricsServer = config.GEO_METRICS_LISTEN
    ? await startMetricsServer(config.GEO_METRICS_LISTEN)
    : undefined;

  await migrate(config.DATABASE_URL);
  const database = openDatabase(config.DATABASE_URL);
  const nc = await connectNats(config.NATS_URL, `sync-worker-${site}-${worker}`);
  await ensureJobStream(nc, site);

  const { credentials } = config;
  const tokenIssuer = credentials.tokenIssuer
    ? connectTokenIssuer(credentials.tokenIssuer.url)
    : undefined;
  const { primary, secondary } = createRegistryClients({
    primaryUrl: config.GEO_PRIMARY_REGISTRY_URL,
    secondaryUrl: config.GEO_SECONDARY_REGISTRY_URL,
    tokenIssuer,
    secret: credentials.tokenIssuer?.secret,
    primaryCredentials: credentials.primary,
    secondaryCredentials: credentials.secondary,
    site,
    concurrency: config.GEO_SYNC_CONCURRENCY,
  });

  const stopping = new AbortController();
  const deps = {
    db: database.db,
    js: nc.jetstream(),
    site,
    worker,
    replicationEnabled: config.GEO_REPLICATION_ENABLED,
    leaseMs: config.GEO_SYNC_LEASE_MS,
    backoff: { baseMs: config.GEO_BACKOFF_BASE_MS, capMs: config.GEO_BACKOFF_CAP_MS },
    historyLimit: config.GEO_HISTORY_LIMIT,
    concurrency: config.GEO_SYNC_CONCURRENCY,
    primary,
    secondary,
    logger,
    metrics,
    stopping: stopping.signal,
  };
  const consuming = consumeJobs({
    nc,
    site,
    signal: stopping.signal,
    handle: (message) => handleJobMessage(message, deps),
    onError: (error) => logger.warn({ err: error }, 'pulling a job failed'),
    onReady: () =>
      logger.info(
        {
          replicationEnabled: config.GEO_REPLICATION_ENABLED,
          concurrency: config.GEO_SYNC_CONCURRENCY,
          metrics: config.GEO_METRICS_LISTEN ?? null,
          // Only the kinds: the credentials themselves never reach a log.
          primaryAuth: credentials.primary.type,
          secondaryAuth: credentials.secondary.type,
        },
        'ready',
      ),
  });

  onShutdown(
    logger,
    [
      async () => {
        stopping.abort();
        await consuming;
      },
      () => nc.drain(),
      () => database.close(),
      () => primary.close(),
      () => secondary.close(),
      () => tokenIssuer?.close(),
      () =>
        new Promise<void>((resolve) =>
          metricsServer ? metricsServer.close(() => resolve()) : resolve(),
        ),
    ],
    30_000,
  );

  void consuming.then(
    () => undefined,
    (error: unknown) => {
      logger.fatal({ err: error }, 'job consumer stopped');
      process.exit(1);
    },
  );
  void nc.closed().then(() => {
    if (stopping.signal.aborted) return;
    logger.fatal('NATS connection closed');
    process.exit(1);
  });
}
