import { SyncReason } from '@geo/contracts';
import {
  addRepositories,
  claimRepository,
  completeSync,
  countByState,
  type Database,
  getCursor,
  getRepository,
  migrate,
  openDatabase,
} from '@geo/db';
import {
  connectNats,
  decodeJob,
  ensureJobStream,
  jobStreamName,
  type NatsConnection,
} from '@geo/stream';
import { silentLogger } from '@geo/telemetry';
import { createDatabase, type NatsServer, startNats, type TestDatabase } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCursorMetrics } from './metrics.js';
import { type SchedulerDeps, schedulePass } from './scheduler.js';

const site = 'eu-west';

describe('schedulePass', () => {
  let nats: NatsServer;
  let database: TestDatabase;
  let nc: NatsConnection;
  let db: Database;
  let closeDb: () => Promise<void>;
  let deps: SchedulerDeps;

  beforeAll(async () => {
    [nats, database] = await Promise.all([startNats(), createDatabase()]);
    await migrate(database.url);
    ({ db, close: closeDb } = openDatabase(database.url, { max: 2 }));
    nc = await connectNats([nats.url], 'scheduler-test');
    await ensureJobStream(nc, site);
    deps = {
      db,
      nc,
      js: nc.jetstream(),
      site,
      logger: silentLogger,
      metrics: createCursorMetrics(),
      batchSize: 100,
      orphanAfterMs: 60_000,
    };
  });

  afterAll(async () => {
    await closeDb?.();
    await nc?.close();
    await nats?.stop();
    await database?.drop();
  });

  it('publishes one retry for a failed repository once its back-off passed', async () => {
    await claimRepository(db, {
      site,
      repository: 'flaky',
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });
    await completeSync(db, {
      site,
      repository: 'flaky',
      worker: 'w',
      jobId: 'j',
      outcome: 'failed',
      failure: 'boom',
      blobsCopied: 0,
      bytesCopied: 0,
      backoff: { baseMs: 1, capMs: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(await schedulePass(deps)).toBe(1);
    expect(await schedulePass(deps)).toBe(0);

    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage(jobStreamName(site), {
      last_by_subj: `geo.sync.jobs.${site}`,
    });
    expect(decodeJob(message.data)).toMatchObject({
      repository: 'flaky',
      reason: SyncReason.SYNC_REASON_RETRY,
    });
    expect(await getRepository(db, site, 'flaky')).toMatchObject({
      jobQueued: true,
      retryCount: 1,
    });
  });

  it('queues backfilled rows no faster than the free slots of the site, and records the lag', async () => {
    const capped = { ...deps, site: 'capped', capacity: 2 };
    await ensureJobStream(nc, 'capped');
    await addRepositories(db, 'capped', ['a', 'b', 'c', 'd', 'e']);

    const first = await schedulePass(capped);
    const second = await schedulePass(capped);

    expect(first).toBe(2);
    expect(second).toBe(0);
    expect(await countByState(db, 'capped')).toMatchObject({ pending: 5, total: 5 });
    expect((await getCursor(db, 'capped'))?.lagMeasuredAt).toBeInstanceOf(Date);
  });
});
