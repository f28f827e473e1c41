import { holdAdvisoryLock, migrate, openDatabase } from '@geo/db';
import {
  connectNats,
  cursorConsumerName,
  EVENT_STREAM,
  ensureCursorConsumer,
  ensureEventStream,
  ensureJobStream,
} from '@geo/stream';
import { createLogger, onShutdown, startMetricsServer } from '@geo/telemetry';
import { loadCursorConfig } from './config.js';
import { runEventConsumer } from './event-consumer.js';
import { createCursorMetrics } from './metrics.js';
import { startReconciler } from './reconciler.js';
import { openRegistryAccess } from './registry-access.js';
import { startScheduler } from './scheduler.js';

const config = loadCursorConfig();
const site = config.GEO_SITE;
const logger = createLogger('event-log-cursor', config.LOG_LEVEL).child({ site });
let stopping = false;

try {
  await start();
} catch (error) {
  logger.fatal({ err: error }, 'event-log-cursor failed to start');
  process.exit(1);
}

async function start(): Promise<void> {
  const metrics = createCursorMetrics();
  const metricsServer = config.GEO_METRICS_LISTEN
    ? await startMetricsServer(config.GEO_METRICS_LISTEN)
    : undefined;

  await migrate(config.DATABASE_URL);

  const nc = await connectNats(config.NATS_URL, `event-log-cursor-${site}`);
  await ensureEventStream(nc);
  await ensureJobStream(nc, site);
  await ensureCursorConsumer(nc, site);

  // One cursor per site: a standby blocks here until the active one is gone.
  logger.info('waiting for the cursor lock');
  const lock = await holdAdvisoryLock(config.DATABASE_URL, `geo:event-log-cursor:${site}`);
  const database = openDatabase(config.DATABASE_URL);

  const js = nc.jetstream();
  const consumer = await js.consumers.get(EVENT_STREAM, cursorConsumerName(site));
  const messages = await consumer.consume({ max_messages: 100 });
  const consuming = runEventConsumer(messages, {
    db: database.db,
    js,
    site,
    replicationEnabled: config.GEO_REPLICATION_ENABLED,
    capacity: config.GEO_SITE_CAPACITY,
    retryDelayMs: config.GEO_CURSOR_RETRY_DELAY_MS,
    logger,
    metrics,
  });

  // While replication is off, rows are only recorded: nothing is retried.
  const scheduler = config.GEO_REPLICATION_ENABLED
    ? startScheduler(
        {
          db: database.db,
          nc,
          js,
          site,
          logger,
          metrics,
          batchSize: 500,
          capacity: config.GEO_SITE_CAPACITY,
          orphanAfterMs: config.GEO_CURSOR_ORPHAN_AFTER_MS,
        },
        config.GEO_CURSOR_SCHEDULE_INTERVAL_MS,
      )
    : undefined;

  const registries = openRegistryAccess(config);
  if (!registries) {
    logger.warn(
      'backfill and reconciliation off: GEO_SECONDARY_REGISTRY_URL, GEO_TOKEN_ISSUER_URL ' +
        'or GEO_TOKEN_ISSUER_SECRET is not set',
    );
  }
  const reconciler =
    registries && config.GEO_REPLICATION_ENABLED
      ? startReconciler(
          {
            db: database.db,
            site,
            primary: registries.primary,
            secondary: registries.secondary,
            logger,
            concurrency: config.GEO_RECONCILE_CONCURRENCY,
          },
          {
            intervalMs: config.GEO_RECONCILE_INTERVAL_MS,
            backfill: config.GEO_CURSOR_BACKFILL,
          },
        )
      : undefined;

  onShutdown(logger, [
    async () => {
      stopping = true;
      messages.stop();
      await consuming;
    },
    () => scheduler?.stop(),
    () => reconciler?.stop(),
    () => registries?.close(),
    () => lock.release(),
    () => nc.drain(),
    () => database.close(),
    () =>
      new Promise<void>((resolve) =>
        metricsServer ? metricsServer.close(() => resolve()) : resolve(),
      ),
  ]);

  void exitWhenLost(lock.lost, 'cursor lock lost');
  void exitWhenLost(nc.closed(), 'NATS connection closed');
  void exitWhenLost(consuming, 'event consumer stopped');

  logger.info(
    {
      replicationEnabled: config.GEO_REPLICATION_ENABLED,
      capacity: config.GEO_SITE_CAPACITY,
      reconciliation: reconciler !== undefined,
    },
    'ready',
  );
}

/**
 * Ends the process when something the cursor cannot run without is gone,
 * unless it is stopping anyway; a supervisor restarts it.
 */
async function exitWhenLost(gone: Promise<unknown>, reason: string): Promise<void> {
  const error = await gone.catch((caught: unknown) => caught);
  if (stopping) return;

  logger.fatal({ err: error }, reason);
  process.exit(1);
}
