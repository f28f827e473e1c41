import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository, renewClaim } from './claims.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { recordEvent } from './record-event.js';
import { RepositoryState } from './schema.js';
import { listAttempts } from './status-queries.js';

const site = 'eu-west';
const claim = (repository: string, worker: string, leaseMs = 60_000) => ({
  site,
  repository,
  worker,
  jobId: `job-${worker}`,
  leaseMs,
});

describe('claimRepository', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('starts the row for the worker, unqueues its job and records an attempt', async () => {
    await recordEvent(database.db, { site, repository: 'a', sequence: 1, occurredAt: new Date() });

    const row = await claimRepository(database.db, claim('a', 'w1'));

    expect(row).toMatchObject({
      state: RepositoryState.started,
      claimedBy: 'w1',
      jobQueued: false,
    });
    expect(row?.claimExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    const attempts = await listAttempts(database.db, site, 'a', 10);
    expect(attempts).toMatchObject([{ worker: 'w1', jobId: 'job-w1', finishedAt: null }]);
  });

  it('gives a second worker nothing while the first holds the claim', async () => {
    await claimRepository(database.db, claim('b', 'w1'));

    const second = await claimRepository(database.db, claim('b', 'w2'));

    expect(second).toBeUndefined();
    expect(await listAttempts(database.db, site, 'b', 10)).toHaveLength(1);
  });

  it('lets exactly one of many concurrent workers win', async () => {
    const workers = ['w1', 'w2', 'w3', 'w4', 'w5'];

    const results = await Promise.all(
      workers.map((worker) => claimRepository(database.db, claim('race', worker))),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets another worker take over a claim that lapsed', async () => {
    await claimRepository(database.db, claim('c', 'w1', 1));
    await new Promise((resolve) => setTimeout(resolve, 20));

    const takeover = await claimRepository(database.db, claim('c', 'w2'));

    expect(takeover).toMatchObject({ claimedBy: 'w2', state: RepositoryState.started });
  });

  it('creates the row of a repository it has never seen', async () => {
    const row = await claimRepository(database.db, claim('new/one', 'w1'));

    expect(row).toMatchObject({ name: 'new/one', state: RepositoryState.started });
  });

  it('renews only the claim the worker still holds', async () => {
    await claimRepository(database.db, claim('d', 'w1', 1_000));

    const mine = await renewClaim(database.db, {
      site,
      repository: 'd',
      worker: 'w1',
      leaseMs: 60_000,
    });
    const theirs = await renewClaim(database.db, {
      site,
      repository: 'd',
      worker: 'w2',
      leaseMs: 60_000,
    });

    expect(mine).toBe(true);
    expect(theirs).toBe(false);
    expect(await claimRepository(database.db, claim('d', 'w2'))).toBeUndefined();
  });
});
