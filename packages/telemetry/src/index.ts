export { Counter, Gauge, Histogram } from 'prom-client';
export { createLogger, type Logger, silentLogger } from './logger.js';
export { metricsRegistry, startMetricsServer } from './metrics.js';
export { onShutdown } from './shutdown.js';
