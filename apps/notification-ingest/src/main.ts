import { createLogger, metricsRegistry, onShutdown, startMetricsServer } from '@geo/telemetry';
import { buildServer } from './build-server.js';
import { readConfig } from './config.js';
import { createIngestMetrics } from './ingest-metrics.js';
import { NatsLink, type NatsLinkReport } from './nats-link.js';

const config = readConfig();
const logger = createLogger('notification-ingest', config.LOG_LEVEL);

function logReport(report: NatsLinkReport): void {
  switch (report.type) {
    case 'ready':
      logger.info('event stream ready');
      break;
    case 'disconnected':
      logger.warn('disconnected from NATS');
      break;
    case 'reconnected':
      logger.info('reconnected to NATS');
      break;
    case 'stream_failed':
      logger.warn({ err: report.error }, 'event stream declaration failed');
      break;
    case 'connect_failed': {
      // Retries come every second while NATS is down: warn now and then, not each time.
      const level = report.attempt % 60 === 1 ? 'warn' : 'debug';
      logger[level]({ err: report.error, attempt: report.attempt }, 'NATS connection failed');
      break;
    }
  }
}

const link = new NatsLink({
  servers: config.NATS_URL,
  name: 'notification-ingest',
  publishTimeoutMs: config.GEO_INGEST_PUBLISH_TIMEOUT_MS,
  onReport: logReport,
});
link.start();

const server = buildServer({
  secret: config.GEO_NOTIFICATION_SECRET,
  maxBodyBytes: config.GEO_INGEST_MAX_BODY_BYTES,
  publisher: link,
  metrics: createIngestMetrics(metricsRegistry),
  logger,
});

try {
  const listen = config.GEO_INGEST_LISTEN;
  await server.listen({ host: listen.host, port: listen.port });
  const metrics = config.GEO_METRICS_LISTEN
    ? await startMetricsServer(config.GEO_METRICS_LISTEN)
    : undefined;

  onShutdown(logger, [
    () => server.close(),
    () => new Promise<void>((resolve) => (metrics ? metrics.close(() => resolve()) : resolve())),
    () => link.close(),
  ]);
  logger.info({ listen, metrics: config.GEO_METRICS_LISTEN ?? null }, 'ready');
} catch (error) {
  logger.fatal({ err: error }, 'start failed');
  await link.close();
  process.exit(1);
}
