import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncReason, SyncState } from '@geo/contracts';
import { type Database, getRepository, openDatabase } from '@geo/db';
import { connectNats, decodeJob, jobStreamName, type NatsConnection } from '@geo/stream';
import {
  buildImage,
  createDatabase,
  freePort,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  skopeoCopy,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRow } from './seed-rows.test-helpers.js';
import { rpcError, statusClient } from './status-client.test-helpers.js';

const site = 'east';

describe('ResyncRepository of a name the site has no row for', () => {
  let dir: TempDir;
  let database: TestDatabase;
  let nats: NatsServer;
  let primary: Registry;
  let service: ManagedProcess;
  let db: Database;
  let closeDb: () => Promise<void>;
  let nc: NatsConnection;
  let client: ReturnType<typeof statusClient>;

  const jobsFor = async (repository: string) => {
    const jsm = await nc.jetstreamManager();
    const stream = jobStreamName(site);
    const { state } = await jsm.streams.info(stream);

    const jobs = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
      const job = decodeJob((await jsm.streams.getMessage(stream, { seq })).data);
      if (job.repository === repository) jobs.push(job);
    }
    return jobs;
  };

  beforeAll(async () => {
    dir = await tempDir('geo-resync-unknown-');
    [database, nats, primary] = await Promise.all([
      createDatabase(),
      startNats(),
      startRegistry({ name: 'primary' }),
    ]);

    // The registries of this test need no login: anonymous files, no token-issuer.
    const anonymous = join(dir.path, 'anonymous.json');
    await writeFile(anonymous, JSON.stringify({ type: 'anonymous' }), { mode: 0o600 });
    const port = await freePort();
    service = await startService('status', {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      GEO_SITE: site,
      GEO_REPLICATION_ENABLED: 'true',
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5000',
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: anonymous,
      GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: anonymous,
      GEO_STATUS_LISTEN: `127.0.0.1:${port}`,
    });

    const image = await buildImage({ layout: `${dir.path}/oci`, tag: 'v1' });
    await skopeoCopy(image.reference, `docker://${primary.host}/team/on-primary:v1`);

    ({ db, close: closeDb } = openDatabase(database.url, { max: 2 }));
    await seedRow(db, site, 'team/known', 'failed', 1);
    nc = await connectNats([nats.url], 'resync-unknown-test');
    client = statusClient(port);
  });

  afterAll(async () => {
    client?.close();
    await nc?.close();
    await closeDb?.();
    await service?.stop();
    await Promise.all([primary?.stop(), nats?.stop()]);
    await database?.drop();
    await dir?.remove();
  });

  it('refuses a name neither the site nor the primary has with NOT_FOUND, creating no row', async () => {
    const error = await rpcError(client.resyncRepository('nosuch/repo'));

    expect(error.code).toBe(status.NOT_FOUND);
    expect(error.details).toBe(
      'repository "nosuch/repo" not found on site east, nor on the primary registry ' +
        '(it lists no tags there)',
    );
    expect(await getRepository(db, site, 'nosuch/repo')).toBeUndefined();
    expect(await jobsFor('nosuch/repo')).toHaveLength(0);
  });

  it('accepts a name the primary has and the site has no row for yet, and enqueues it', async () => {
    const { repository } = await client.resyncRepository('team/on-primary');

    expect(repository).toMatchObject({
      name: 'team/on-primary',
      state: SyncState.SYNC_STATE_PENDING,
    });
    expect(await getRepository(db, site, 'team/on-primary')).toBeDefined();
    expect(await jobsFor('team/on-primary')).toMatchObject([
      { repository: 'team/on-primary', reason: SyncReason.SYNC_REASON_RESYNC },
    ]);
  });

  it('accepts a name the site knows without asking the primary, even while it is down', async () => {
    await primary.stop();

    const { repository } = await client.resyncRepository('team/known');

    expect(repository).toMatchObject({
      name: 'team/known',
      state: SyncState.SYNC_STATE_PENDING,
      retryCount: 0,
    });
  });

  it('answers UNAVAILABLE naming the primary when it cannot be asked about a new name', async () => {
    const error = await rpcError(client.resyncRepository('team/new'));

    expect(error.code).toBe(status.UNAVAILABLE);
    expect(error.details).toContain('the primary registry did not list the tags of team/new');
    expect(await getRepository(db, site, 'team/new')).toBeUndefined();
  });
});
