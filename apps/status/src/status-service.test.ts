import { join } from 'node:path';
import { RegistryAction, SyncReason, SyncState } from '@geo/contracts';
import { type Database, openDatabase } from '@geo/db';
import {
  connectNats,
  decodeJob,
  ensureCursorConsumer,
  ensureEventStream,
  jobStreamName,
  type NatsConnection,
  publishEvent,
} from '@geo/stream';
import {
  createDatabase,
  freePort,
  type ManagedProcess,
  type NatsServer,
  repoRoot,
  run,
  startNats,
  startService,
  type TestDatabase,
} from '@geo/testkit';
import { credentials, loadPackageDefinition, type ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedOutcome, seedRow } from './seed-rows.test-helpers.js';
import { rpcError, statusClient } from './status-client.test-helpers.js';

const site = 'eu-west';
const disabledSite = 'dr-site';
const total = 250;

/** Row i's state: a fifth failed, a fifth pending, a tenth started, the rest synced. */
function outcomeOf(i: number): SeedOutcome {
  if (i % 5 === 0) return 'failed';
  if (i % 5 === 1) return 'pending';
  if (i % 10 === 2) return 'started';
  return 'synced';
}

function nameOf(i: number): string {
  return `group-${i % 2 === 0 ? 'even' : 'odd'}/app-${String(i).padStart(3, '0')}`;
}

const seeded = Array.from({ length: total }, (_, i) => ({
  name: nameOf(i),
  outcome: outcomeOf(i),
}));

function statusEnv(database: TestDatabase, nats: NatsServer, overrides: Record<string, string>) {
  return {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
    GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5000',
    ...overrides,
  };
}

async function jobsOn(nc: NatsConnection, jobSite: string) {
  const jsm = await nc.jetstreamManager();
  const stream = jobStreamName(jobSite);
  const { state } = await jsm.streams.info(stream);

  const jobs = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    jobs.push(decodeJob(message.data));
  }
  return jobs;
}

describe('status service', () => {
  let database: TestDatabase;
  let nats: NatsServer;
  let service: ManagedProcess;
  let disabled: ManagedProcess;
  let db: Database;
  let closeDb: () => Promise<void>;
  let nc: NatsConnection;
  let port: number;
  let disabledPort: number;
  let httpPort: number;
  let client: ReturnType<typeof statusClient>;

  beforeAll(async () => {
    [database, nats] = await Promise.all([createDatabase(), startNats()]);
    [port, disabledPort, httpPort] = await Promise.all([freePort(), freePort(), freePort()]);

    service = await startService(
      'status',
      statusEnv(database, nats, {
        GEO_STATUS_LISTEN: `127.0.0.1:${port}`,
        GEO_STATUS_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
      }),
    );
    disabled = await startService(
      'status',
      statusEnv(database, nats, {
        GEO_SITE: disabledSite,
        GEO_REPLICATION_ENABLED: 'false',
        GEO_STATUS_LISTEN: `127.0.0.1:${disabledPort}`,
      }),
      { instance: 'status-disabled' },
    );

    ({ db, close: closeDb } = openDatabase(database.url, { max: 4 }));
    for (let start = 0; start < total; start += 25) {
      const batch = seeded.slice(start, start + 25);
      await Promise.all(
        batch.map((row, k) => seedRow(db, site, row.name, row.outcome, start + k + 1)),
      );
    }
    await seedRow(db, 'another-site', 'group-even/app-000', 'synced', 999);
    await seedRow(db, disabledSite, 'group-even/app-000', 'failed', 999);

    nc = await connectNats([nats.url], 'status-test');
    client = statusClient(port);
  });

  afterAll(async () => {
    client?.close();
    await nc?.close();
    await closeDb?.();
    await Promise.all([service?.stop(), disabled?.stop()]);
    await nats?.stop();
    await database?.drop();
  });

  it('reports counts, cursor, totals and the events the cursor has yet to apply', async () => {
    await ensureEventStream(nc);
    await ensureCursorConsumer(nc, site);
    const js = nc.jetstream();
    for (const id of ['e1', 'e2', 'e3']) {
      await publishEvent(js, {
        id,
        action: RegistryAction.REGISTRY_ACTION_PUSH,
        repository: 'group-even/app-000',
        tag: 'latest',
        digest: 'sha256:00',
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        occurredAt: new Date(),
        receivedAt: new Date(),
        sourceInstance: 'primary',
      });
    }

    const siteStatus = await client.getSiteStatus();

    expect(siteStatus.site).toBe(site);
    expect(siteStatus.replicationEnabled).toBe(true);
    expect(siteStatus.counts).toEqual({
      pending: 50,
      started: 25,
      synced: 125,
      failed: 50,
      total: 250,
    });
    expect(siteStatus.eventsBehind).toBe(3);
    expect(siteStatus.cursorSequence).toBe(total);
    expect(siteStatus.lastEventAt).toBeInstanceOf(Date);
    expect(siteStatus.lastSyncedAt).toBeInstanceOf(Date);
    expect(siteStatus.blobsCopied).toBe(175 * 3);
    expect(siteStatus.bytesCopied).toBe(175 * 1000);
  });

  it('returns one repository with its failure, retry count and retry time', async () => {
    const repository = await client.getRepository(nameOf(0));

    expect(repository).toMatchObject({
      name: nameOf(0),
      state: SyncState.SYNC_STATE_FAILED,
      retryCount: 1,
      lastSyncFailure: `tag v1 of ${nameOf(0)}: blob unknown`,
      lastSyncedAt: undefined,
    });
    expect(repository.retryAt?.getTime()).toBeGreaterThan(Date.now());
    expect(repository.createdAt).toBeInstanceOf(Date);

    const synced = await client.getRepository(nameOf(3));
    expect(synced).toMatchObject({ state: SyncState.SYNC_STATE_SYNCED, tagCount: 2 });
    expect(synced.verificationChecksum).toBe('a'.repeat(64));
  });

  it('answers NOT_FOUND naming a repository the site does not have', async () => {
    const error = await rpcError(client.getRepository('group-even/missing'));

    expect(error.code).toBe(status.NOT_FOUND);
    expect(error.details).toContain('group-even/missing');
  });

  it('refuses a malformed repository name with INVALID_ARGUMENT', async () => {
    const error = await rpcError(client.getRepository('Not A Name'));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^name: /);
    expect((await rpcError(client.getRepository(''))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('pages through filtered repositories in name order without gaps or repeats', async () => {
    const expected = seeded
      .filter((row) => row.outcome === 'failed' && row.name.includes('even'))
      .map((row) => row.name)
      .sort();
    const names: string[] = [];
    let pageToken = '';
    let pages = 0;

    do {
      const page = await client.listRepositories({
        pageSize: 4,
        pageToken,
        state: SyncState.SYNC_STATE_FAILED,
        nameContains: 'even',
      });
      expect(page.repositories.length).toBeLessThanOrEqual(4);
      names.push(...page.repositories.map((repository) => repository.name));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== '');

    expect(expected).toHaveLength(25);
    expect(names).toEqual(expected);
    expect(pages).toBe(7);
  });

  it('hands out 100 repositories by default and at most 1000', async () => {
    const first = await client.listRepositories({});
    const second = await client.listRepositories({ pageToken: first.nextPageToken });
    const third = await client.listRepositories({ pageToken: second.nextPageToken });
    const all = await client.listRepositories({ pageSize: 5000 });

    expect([first, second, third].map((page) => page.repositories.length)).toEqual([100, 100, 50]);
    expect(third.nextPageToken).toBe('');
    expect(all.repositories).toHaveLength(250);
    expect(all.repositories.map((repository) => repository.name)).toEqual(
      seeded.map((row) => row.name).sort(),
    );
  });

  it('refuses a page token it did not issue, or one issued for other filters', async () => {
    const page = await client.listRepositories({ pageSize: 2, nameContains: 'odd' });

    const garbage = await rpcError(client.listRepositories({ pageToken: 'not-a-token' }));
    const reused = await rpcError(
      client.listRepositories({ pageToken: page.nextPageToken, nameContains: 'even' }),
    );
    const badState = await rpcError(client.listRepositories({ state: 9 as SyncState }));

    for (const error of [garbage, reused, badState])
      expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(garbage.details).toMatch(/^page_token: /);
    expect(reused.details).toContain('other filters');
  });

  it('marks a failed repository pending and publishes one resync job for it', async () => {
    const before = await jobsOn(nc, site);

    const { repository } = await client.resyncRepository(nameOf(5));

    expect(repository).toMatchObject({
      name: nameOf(5),
      state: SyncState.SYNC_STATE_PENDING,
      retryCount: 0,
      retryAt: undefined,
    });
    const jobs = (await jobsOn(nc, site)).slice(before.length);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      site,
      repository: nameOf(5),
      reason: SyncReason.SYNC_REASON_RESYNC,
    });
  });

  it('refuses to resync a name it has no row for when it cannot ask the primary', async () => {
    const error = await rpcError(client.resyncRepository('group-new/app'));

    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.details).toContain('resync of group-new/app (no row on this site');
    expect(error.details).toContain('the primary must be asked');
    expect(error.details).toContain('GEO_PRIMARY_REGISTRY_URL');
    expect((await rpcError(client.getRepository('group-new/app'))).code).toBe(status.NOT_FOUND);
  });

  it('marks pending but publishes nothing while replication is disabled', async () => {
    const disabledClient = statusClient(disabledPort);
    try {
      const { repository } = await disabledClient.resyncRepository('group-even/app-000');
      const count = await disabledClient.resyncAll();

      expect(repository?.state).toBe(SyncState.SYNC_STATE_PENDING);
      expect(count.count).toBe(1);
      expect(await jobsOn(nc, disabledSite)).toHaveLength(0);
      expect((await disabledClient.getSiteStatus()).replicationEnabled).toBe(false);
    } finally {
      disabledClient.close();
    }
  });

  it('answers health checks with SERVING for the server and for the status service', async () => {
    const definition = loadPackageDefinition(
      loadSync(healthProtoPath, { enums: String }),
    ) as unknown as {
      grpc: { health: { v1: { Health: new (target: string, creds: unknown) => HealthClient } } };
    };
    const health = new definition.grpc.health.v1.Health(
      `127.0.0.1:${port}`,
      credentials.createInsecure(),
    );
    const check = (service: string) =>
      new Promise<string>((resolve, reject) =>
        health.check({ service }, (error, response) =>
          error ? reject(error) : resolve(response.status),
        ),
      );

    try {
      expect(await check('')).toBe('SERVING');
      expect(await check('geo.status.v1.StatusService')).toBe('SERVING');
    } finally {
      health.close();
    }
  });

  it('lists its methods through server reflection, so generic tools can call it', async () => {
    const buf = join(repoRoot, 'packages/contracts/node_modules/.bin/buf');
    const target = `http://127.0.0.1:${port}`;
    const grpcFlags = ['curl', '--protocol', 'grpc', '--http2-prior-knowledge'];

    const methods = await run(buf, [...grpcFlags, '--list-methods', target]);
    const answer = await run(buf, [
      ...grpcFlags,
      '-d',
      JSON.stringify({ name: nameOf(3) }),
      `${target}/geo.status.v1.StatusService/GetRepository`,
    ]);

    expect(methods).toContain('geo.status.v1.StatusService/GetSiteStatus');
    expect(methods).toContain('geo.status.v1.StatusService/ResyncAll');
    expect(JSON.parse(answer)).toMatchObject({ name: nameOf(3), state: 'SYNC_STATE_SYNCED' });
  });

  it('serves the site status as JSON over HTTP, with a health endpoint', async () => {
    const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    const response = await fetch(`http://127.0.0.1:${httpPort}/api/status`);
    const body = (await response.json()) as { lastSyncedAt: unknown };

    expect(health.status).toBe(200);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ site, replicationEnabled: true, counts: { total } });
    expect(typeof body.lastSyncedAt).toBe('string');
  });

  it('marks every failed repository pending and publishes a job for each', async () => {
    const before = await jobsOn(nc, site);
    const failed = (await client.getSiteStatus()).counts?.failed;

    const { count } = await client.resyncAll(SyncState.SYNC_STATE_FAILED);

    const jobs = (await jobsOn(nc, site)).slice(before.length);
    expect(count).toBe(failed);
    expect(jobs).toHaveLength(count);
    expect(jobs.every((job) => job.reason === SyncReason.SYNC_REASON_RESYNC)).toBe(true);
    expect((await client.getSiteStatus()).counts?.failed).toBe(0);
  });
});

interface HealthClient {
  check(
    request: { service: string },
    done: (error: ServiceError | null, response: { status: string }) => void,
  ): void;
  close(): void;
}
