import { RegistryAction } from '@geo/contracts';
import { getRepository, migrate, openDatabase } from '@geo/db';
import {
  connectNats,
  cursorConsumerName,
  EVENT_STREAM,
  ensureCursorConsumer,
  ensureEventStream,
  ensureJobStream,
  jobsWaiting,
  type NatsConnection,
  publishEvent,
} from '@geo/stream';
import { silentLogger } from '@geo/telemetry';
import {
  createDatabase,
  freePort,
  type NatsServer,
  startNats,
  type TestDatabase,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventConsumerDeps, handleEventMessage } from './event-consumer.js';
import { createCursorMetrics } from './metrics.js';

const site = 'eu-west';

describe('handleEventMessage', () => {
  let nats: NatsServer;
  let database: TestDatabase;
  let nc: NatsConnection;

  beforeAll(async () => {
    [nats, database] = await Promise.all([startNats(), createDatabase()]);
    await migrate(database.url);
    nc = await connectNats([nats.url], 'consumer-test');
    await ensureEventStream(nc);
    await ensureJobStream(nc, site);
    await ensureCursorConsumer(nc, site);
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
    await database?.drop();
  });

  it('hands an event back for redelivery while the database is down, then applies it', async () => {
    const js = nc.jetstream();
    const metrics = createCursorMetrics();
    const down = openDatabase(`postgres://nobody@127.0.0.1:${await freePort()}/none`, { max: 1 });
    const up = openDatabase(database.url, { max: 1 });
    const deps = (db: EventConsumerDeps['db']): EventConsumerDeps => ({
      db,
      js,
      site,
      replicationEnabled: true,
      retryDelayMs: 100,
      logger: silentLogger,
      metrics,
    });
    await publishEvent(js, {
      id: 'e1',
      action: RegistryAction.REGISTRY_ACTION_PUSH,
      repository: 'group/app',
      tag: 'v1',
      digest: 'sha256:00',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      occurredAt: new Date(),
      receivedAt: new Date(),
      sourceInstance: 'primary',
    });
    const consumer = await js.consumers.get(EVENT_STREAM, cursorConsumerName(site));

    try {
      const first = await consumer.next({ expires: 5_000 });
      if (!first) throw new Error('no event delivered');
      expect(await handleEventMessage(first, deps(down.db))).toBe('retried');

      const again = await consumer.next({ expires: 5_000 });
      if (!again) throw new Error('event not redelivered');
      expect(again.seq).toBe(first.seq);
      expect(await handleEventMessage(again, deps(up.db))).toBe('applied');
    } finally {
      await down.close();
      await up.close();
    }

    const verify = openDatabase(database.url, { max: 1 });
    expect(await getRepository(verify.db, site, 'group/app')).toMatchObject({ jobQueued: true });
    await verify.close();
    expect(await jobsWaiting(nc, site)).toBe(1);
  });
});
