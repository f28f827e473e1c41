import { join } from 'node:path';
import { Freshness, SyncState } from '@geo/contracts';
import {
  claimRepository,
  completeSync,
  type Database,
  openDatabase,
  recordEvent,
  registryRepositories,
} from '@geo/db';
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
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcError, statusClient } from './status-client.test-helpers.js';

const site = 'north';
const bulk = 1_050;

/** Records one attempt of `worker` on `repository` ending as `outcome`. */
async function attempt(
  db: Database,
  repository: string,
  worker: string,
  outcome: 'synced' | 'failed',
  failure?: string,
): Promise<void> {
  const jobId = `${worker}-${Math.random().toString(36).slice(2)}`;
  await claimRepository(db, { site, repository, worker, jobId, leaseMs: 60_000 });
  await completeSync(db, {
    site,
    repository,
    worker,
    jobId,
    outcome,
    failure,
    blobsCopied: outcome === 'synced' ? 2 : 0,
    blobsMounted: outcome === 'synced' ? 5 : 0,
    bytesCopied: outcome === 'synced' ? 512 : 0,
  });
}

describe('status service: history, activity, paging, watching and reflection', () => {
  let database: TestDatabase;
  let nats: NatsServer;
  let service: ManagedProcess;
  let db: Database;
  let closeDb: () => Promise<void>;
  let port: number;
  let client: ReturnType<typeof statusClient>;

  beforeAll(async () => {
    [database, nats] = await Promise.all([createDatabase(), startNats()]);
    port = await freePort();
    service = await startService('status', {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      GEO_SITE: site,
      GEO_REPLICATION_ENABLED: 'true',
      GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5000',
      GEO_STATUS_LISTEN: `127.0.0.1:${port}`,
    });
    ({ db, close: closeDb } = openDatabase(database.url, { max: 4 }));

    const names = Array.from({ length: bulk }, (_, i) => `bulk/r${String(i).padStart(4, '0')}`);
    await db.insert(registryRepositories).values(names.map((name) => ({ site, name })));

    await recordEvent(db, { site, repository: 'team/app', sequence: 1, occurredAt: new Date() });
    await attempt(db, 'team/app', 'worker-a', 'synced');
    await attempt(
      db,
      'team/app',
      'worker-b',
      'failed',
      'v1: blob unknown\nlatest: manifest invalid',
    );

    client = statusClient(port);
  });

  afterAll(async () => {
    client?.close();
    await closeDb?.();
    await service?.stop();
    await nats?.stop();
    await database?.drop();
  });

  it('returns a failed repository with its failing tags and its attempts, newest first', async () => {
    const repository = await client.getRepository('team/app');

    expect(repository.state).toBe(SyncState.SYNC_STATE_FAILED);
    expect(repository.failedTags).toEqual([
      { tag: 'v1', reason: 'blob unknown' },
      { tag: 'latest', reason: 'manifest invalid' },
    ]);
    expect(
      repository.attempts.map((a) => [a.worker, a.outcome, a.blobsCopied, a.blobsMounted]),
    ).toEqual([
      ['worker-b', 'failed', 0, 0],
      ['worker-a', 'synced', 2, 5],
    ]);
    expect(repository.attempts[0]?.error).toContain('v1: blob unknown');
    expect(repository.attempts[1]?.finishedAt).toBeInstanceOf(Date);
  });

  it('reports the oldest pending repository and the workers seen recently', async () => {
    const siteStatus = await client.getSiteStatus();

    expect(siteStatus.counts).toMatchObject({ pending: bulk, failed: 1, total: bulk + 1 });
    expect(siteStatus.oldestPendingRepository).toMatch(/^bulk\//);
    expect(siteStatus.oldestPendingSince).toBeInstanceOf(Date);
    expect(siteStatus.recentWorkers).toEqual(['worker-a', 'worker-b']);
    expect(siteStatus.workersWindowSeconds).toBeGreaterThan(0);
  });

  it('pages over more than 1,000 repositories in name order, without gaps or repeats', async () => {
    for (const pageSize of [0, 1000, 333]) {
      const names: string[] = [];
      let pageToken = '';
      let pages = 0;

      do {
        const page = await client.listRepositories({ pageSize, pageToken, nameContains: 'bulk/' });
        names.push(...page.repositories.map((repository) => repository.name));
        pageToken = page.nextPageToken;
        pages += 1;
      } while (pageToken !== '');

      expect(names).toHaveLength(bulk);
      expect(new Set(names).size).toBe(bulk);
      expect(names).toEqual([...names].sort());
      expect(pages).toBe(Math.ceil(bulk / (pageSize || 100)));
    }
  });

  it('streams the site status at once and again when it changes', async () => {
    const updates = client.watchSiteStatus(2);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await recordEvent(db, { site, repository: 'team/new', sequence: 2, occurredAt: new Date() });

    const [first, second] = await updates;
    expect(first?.counts?.total).toBe(bulk + 1);
    expect(second?.counts?.total).toBe(bulk + 2);
  });

  it('refuses the freshness query with FAILED_PRECONDITION when the primary is not configured', async () => {
    const error = await rpcError(client.checkFreshness('team/app', 'v1'));

    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.details).toContain('GEO_PRIMARY_REGISTRY_URL');
    expect(Freshness.FRESHNESS_FRESH).toBe(1);
  });

  it('refuses a malformed tag with INVALID_ARGUMENT before asking any registry', async () => {
    const error = await rpcError(client.checkFreshness('team/app', '-bad tag'));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^tag: /);
  });

  it('lists the status and health services through reflection and answers buf curl', async () => {
    const buf = join(repoRoot, 'packages/contracts/node_modules/.bin/buf');
    const target = `http://127.0.0.1:${port}`;
    const flags = ['curl', '--protocol', 'grpc', '--http2-prior-knowledge'];

    const services = await run(buf, [...flags, '--list-services', target]);
    const health = await run(buf, [...flags, `${target}/grpc.health.v1.Health/Check`]);
    const siteStatus = await run(buf, [
      ...flags,
      `${target}/geo.status.v1.StatusService/GetSiteStatus`,
    ]);

    expect(services.split('\n')).toEqual(
      expect.arrayContaining(['geo.status.v1.StatusService', 'grpc.health.v1.Health']),
    );
    expect(JSON.parse(health)).toEqual({ status: 'SERVING' });
    expect(JSON.parse(siteStatus)).toMatchObject({ site, replicationEnabled: true });
  });
});
