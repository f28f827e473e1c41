import { RegistryAction, type RegistryEvent, type SyncJob } from '@geo/contracts';
import { type Database, getRepository, openDatabase } from '@geo/db';
import {
  connectNats,
  cursorConsumerName,
  decodeJob,
  EVENT_STREAM,
  EVENT_SUBJECT,
  ensureEventStream,
  eventsBehind,
  jobStreamName,
  type NatsConnection,
  publishEvent,
} from '@geo/stream';
import {
  createDatabase,
  freePort,
  type ManagedProcess,
  type NatsServer,
  serviceMain,
  startNats,
  startProcess,
  startService,
  type TestDatabase,
  waitFor,
  waitForOutput,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const site = 'eu-west';
let counter = 0;

function event(repository: string): RegistryEvent {
  counter += 1;
  return {
    id: `event-${counter}`,
    action: RegistryAction.REGISTRY_ACTION_PUSH,
    repository,
    tag: 'latest',
    digest: `sha256:${String(counter).padStart(64, '0')}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    occurredAt: new Date(),
    receivedAt: new Date(),
    sourceInstance: 'primary',
  };
}

describe('event-log-cursor', () => {
  let nats: NatsServer;
  let database: TestDatabase;
  let nc: NatsConnection;
  let db: Database;
  let closeDb: () => Promise<void>;
  const running: ManagedProcess[] = [];

  const env = (overrides: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
    GEO_PRIMARY_REGISTRY_URL: 'http://127.0.0.1:5999',
    GEO_CURSOR_RETRY_DELAY_MS: '200',
    ...overrides,
  });

  const start = async (overrides: Record<string, string> = {}) => {
    const service = await startService('event-log-cursor', env(overrides));
    running.push(service);
    return service;
  };

  const jobs = async (forSite = site) => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(jobStreamName(forSite));
    const found: SyncJob[] = [];
    if (info.state.messages === 0) return found;
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(jobStreamName(forSite), { seq });
      found.push(decodeJob(message.data));
    }
    return found;
  };

  const row = (repository: string, forSite = site) =>
    waitFor(() => getRepository(db, forSite, repository), { what: `row of ${repository}` });

  beforeAll(async () => {
    [nats, database] = await Promise.all([startNats(), createDatabase()]);
    nc = await connectNats([nats.url], 'cursor-test');
    await ensureEventStream(nc);
    ({ db, close: closeDb } = openDatabase(database.url, { max: 2 }));
  });

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await closeDb?.();
    await nc?.close();
    await nats?.stop();
    await database?.drop();
  });

  it('records an event and publishes one job, also when a second event follows', async () => {
    const service = await start();

    const first = await publishEvent(nc.jetstream(), event('group/app'));
    await row('group/app');
    const second = await publishEvent(nc.jetstream(), event('group/app'));
    await waitFor(
      async () => (await getRepository(db, site, 'group/app'))?.lastEventSequence === second.seq,
      { what: 'the second event applied' },
    );

    const queued = await jobs();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ site, repository: 'group/app', eventSequence: first.seq });
    expect(await getRepository(db, site, 'group/app')).toMatchObject({ state: 0, jobQueued: true });
    await service.stop();
  });

  it('resumes after a restart where it stopped, without applying events twice', async () => {
    await publishEvent(nc.jetstream(), event('group/other'));
    const metricsPort = await freePort();

    await start({ GEO_METRICS_LISTEN: `127.0.0.1:${metricsPort}` });

    await row('group/other');
    await waitFor(async () => (await eventsBehind(nc, site)) === 0, { what: 'cursor caught up' });
    expect((await jobs()).map((job) => job.repository)).toEqual(['group/app', 'group/other']);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^geo_cursor_events_applied_total 1$/m);
    expect(metrics).toMatch(/^geo_cursor_jobs_dispatched_total 1$/m);
  });

  it('drops an undecodable event without its payload and carries on', async () => {
    const service = running.at(-1) as ManagedProcess;

    const garbage = await nc.jetstream().publish(EVENT_SUBJECT, new TextEncoder().encode('junk!'));
    await publishEvent(nc.jetstream(), event('group/after-junk'));

    await row('group/after-junk');
    await waitForOutput(service, /undecodable event dropped/);
    const line = service
      .output()
      .split('\n')
      .find((text) => text.includes('undecodable'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ streamSequence: garbage.seq });
    expect(line).not.toContain('junk!');
    await waitFor(async () => (await eventsBehind(nc, site)) === 0, { what: 'cursor caught up' });
  });

  it('lets a standby wait for the lock and take over when the active cursor stops', async () => {
    const active = running.at(-1) as ManagedProcess;
    const standby = startProcess(process.execPath, [serviceMain('event-log-cursor')], {
      name: 'standby',
      env: { PATH: process.env.PATH, ...env() },
    });
    running.push(standby);

    await waitForOutput(standby, /waiting for the cursor lock/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(standby.output()).not.toContain('"msg":"ready"');

    await active.stop();
    await waitForOutput(standby, /"msg":"ready"/);
    await publishEvent(nc.jetstream(), event('group/standby'));
    await row('group/standby');
  });

  it('records rows but publishes no job while replication is disabled', async () => {
    const quiet = 'quiet-site';
    await start({ GEO_SITE: quiet, GEO_REPLICATION_ENABLED: 'false' });

    const rowOf = await row('group/app', quiet);

    await waitFor(async () => (await eventsBehind(nc, quiet)) === 0, { what: 'quiet caught up' });
    expect(rowOf).toMatchObject({ state: 0, jobQueued: false });
    expect(await jobs(quiet)).toEqual([]);
    const jsm = await nc.jetstreamManager();
    const consumer = await jsm.consumers.info(EVENT_STREAM, cursorConsumerName(quiet));
    expect(consumer.num_ack_pending).toBe(0);
  });

  it('exits with status 2 naming GEO_SITE when it is missing', async () => {
    const { GEO_SITE: _, ...withoutSite } = env();
    const broken = startProcess(process.execPath, [serviceMain('event-log-cursor')], {
      name: 'no-site',
      env: { PATH: process.env.PATH, ...withoutSite },
    });

    expect(await broken.exited()).toBe(2);
    expect(broken.output()).toContain('GEO_SITE');
  });
});
