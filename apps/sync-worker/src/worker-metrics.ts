import { Counter, Histogram, type metricsRegistry } from '@geo/telemetry';

type Registry = typeof metricsRegistry;

/** The metrics sync-worker exports on `/metrics`. */
export interface WorkerMetrics {
  syncDuration: Histogram<'outcome'>;
  blobsCopied: Counter;
  blobsSkipped: Counter;
  blobsMounted: Counter;
  pushToReplica: Histogram;
  bytesCopied: Counter;
  jobsDropped: Counter<'reason'>;
}

/** Creates the worker's metrics in `registry`. */
export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const registers = [registry];

  return {
    syncDuration: new Histogram({
      name: 'geo_sync_duration_seconds',
      help: 'Duration of repository syncs, by outcome (synced, failed).',
      labelNames: ['outcome'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
    blobsCopied: new Counter({
      name: 'geo_sync_blobs_copied_total',
      help: 'Blobs copied from the primary to the secondary.',
      registers,
    }),
    blobsSkipped: new Counter({
      name: 'geo_sync_blobs_skipped_total',
      help: 'Blobs the secondary already had.',
      registers,
    }),
    blobsMounted: new Counter({
      name: 'geo_sync_blobs_mounted_total',
      help: 'Blobs mounted from another repository of the secondary instead of copied.',
      registers,
    }),
    pushToReplica: new Histogram({
      name: 'geo_push_to_replica_seconds',
      help: 'From the registry event of a push or delete to the repository synced.',
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers,
    }),
    bytesCopied: new Counter({
      name: 'geo_sync_bytes_copied_total',
      help: 'Bytes of blobs copied to the secondary.',
      registers,
    }),
    jobsDropped: new Counter({
      name: 'geo_sync_jobs_dropped_total',
      help: 'Jobs acked without a sync, by reason.',
      labelNames: ['reason'],
      registers,
    }),
  };
}
