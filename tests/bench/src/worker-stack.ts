import {
  createDatabase,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';

/** A primary and a secondary registry with the services that replicate between them. */
export interface WorkerStack {
  primary: Registry;
  secondary: Registry;
  /** The one sync-worker process. */
  worker: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts what a sync-worker needs to receive a job the way production
 * does: a primary whose notifications go to notification-ingest, NATS,
 * a fresh database, event-log-cursor, the token-issuer and one worker.
 * The registries are anonymous (they ignore the worker's tokens), which
 * changes nothing about what the worker holds in memory while it copies.
 */
export async function startWorkerStack(concurrency: number): Promise<WorkerStack> {
  const dir: TempDir = await tempDir('geo-bench-stack-');
  const started: ManagedProcess[] = [];
  let nats: NatsServer | undefined;
  let database: TestDatabase | undefined;
  const registries: Registry[] = [];

  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
    await Promise.all([...registries.map((registry) => registry.stop()), nats?.stop()]);
    await database?.drop();
    await dir.remove();
  };

  try {
    const key = await generateSigningKey(dir.path);
    const [tokenGrpc, tokenHttp, ingest] = await Promise.all([freePort(), freePort(), freePort()]);
    const ingestUrl = `http://127.0.0.1:${ingest}/api/v4/container_registry_event/events`;
    const notificationSecret = 'bench-notification-secret';
    const tokenSecret = 'bench-token-secret';
    nats = await startNats();
    database = await createDatabase();
    const primary = await startRegistry({
      name: 'primary',
      notifications: { url: ingestUrl, secret: notificationSecret },
    });
    registries.push(primary);
    const secondary = await startRegistry({ name: 'secondary' });
    registries.push(secondary);
    const site = {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      GEO_SITE: 'bench',
      GEO_REPLICATION_ENABLED: 'true',
    };

    started.push(
      await startService('token-issuer', {
        GEO_REGISTRY_KEY_FILE: key.keyFile,
        GEO_TOKEN_ISSUER: 'geo-bench-issuer',
        GEO_TOKEN_SERVICE: 'geo-primary',
        GEO_TOKEN_SECONDARY_SERVICES: 'bench=geo-secondary-bench',
        GEO_TOKEN_ISSUER_SECRET: tokenSecret,
        GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${tokenGrpc}`,
        GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${tokenHttp}`,
      }),
    );
    started.push(
      await startService('notification-ingest', {
        NATS_URL: nats.url,
        GEO_NOTIFICATION_SECRET: notificationSecret,
        GEO_INGEST_LISTEN: `127.0.0.1:${ingest}`,
      }),
    );
    started.push(
      await startService('event-log-cursor', { ...site, GEO_PRIMARY_REGISTRY_URL: primary.url }),
    );
    const worker = await startService('sync-worker', {
      ...site,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
      GEO_TOKEN_ISSUER_URL: `127.0.0.1:${tokenGrpc}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
      GEO_SYNC_CONCURRENCY: String(concurrency),
      LOG_LEVEL: 'info',
    });
    started.push(worker);

    return { primary, secondary, worker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
