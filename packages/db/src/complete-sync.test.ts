import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { completeSync } from './complete-sync.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { recordEvent } from './record-event.js';
import { RepositoryState } from './schema.js';
import { getRepository, listAttempts } from './status-queries.js';

const site = 'eu-west';
const totals = { blobsCopied: 2, blobsMounted: 4, bytesCopied: 1_000 };

describe('completeSync', () => {
  let database: MigratedDatabase;

  const claim = (repository: string, worker = 'w1', jobId = 'j1') =>
    claimRepository(database.db, { site, repository, worker, jobId, leaseMs: 60_000 });

  const fail = (repository: string, worker = 'w1', jobId = 'j1') =>
    completeSync(database.db, {
      site,
      repository,
      worker,
      jobId,
      outcome: 'failed',
      failure: 'tag v1: manifest unknown',
      ...totals,
    });

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('records a successful sync with its checksum, totals and a finished attempt', async () => {
    await claim('ok');

    const result = await completeSync(database.db, {
      site,
      repository: 'ok',
      worker: 'w1',
      jobId: 'j1',
      outcome: 'synced',
      checksum: 'abc123',
      tagCount: 3,
      ...totals,
    });

    const row = await getRepository(database.db, site, 'ok');
    expect(result).toEqual({ syncAgain: false, removed: false });
    expect(row).toMatchObject({
      state: RepositoryState.synced,
      retryCount: 0,
      retryAt: null,
      lastSyncFailure: null,
      verificationChecksum: 'abc123',
      tagCount: 3,
      blobsCopied: 2,
      bytesCopied: 1_000,
      claimedBy: null,
    });
    expect(row?.lastSyncedAt).toBeInstanceOf(Date);
    expect(row?.verifiedAt).toBeInstanceOf(Date);
    const [attempt] = await listAttempts(database.db, site, 'ok', 1);
    expect(attempt).toMatchObject({
      outcome: 'synced',
      blobsCopied: 2,
      blobsMounted: 4,
      error: null,
    });
    expect(attempt?.finishedAt).toBeInstanceOf(Date);
  });

  it('backs off further after every failure, without a new attempt resetting it', async () => {
    const delays: number[] = [];

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await claim('broken', 'w1', `j${attempt}`);
      const before = Date.now();
      await fail('broken', 'w1', `j${attempt}`);
      const row = await getRepository(database.db, site, 'broken');
      expect(row).toMatchObject({
        state: RepositoryState.failed,
        retryCount: attempt,
        lastSyncFailure: 'tag v1: manifest unknown',
      });
      delays.push((row?.retryAt?.getTime() ?? 0) - before);
    }

    expect(delays[0]).toBeGreaterThanOrEqual(5_000 - 50);
    expect(delays[0]).toBeLessThanOrEqual(10_000 + 50);
    expect(delays[2]).toBeGreaterThanOrEqual(20_000 - 50);
    expect(delays[2]).toBeLessThanOrEqual(40_000 + 50);
    const [latest] = await listAttempts(database.db, site, 'broken', 1);
    expect(latest).toMatchObject({
      jobId: 'j3',
      outcome: 'failed',
      error: 'tag v1: manifest unknown',
    });
  });

  it('clears the failure and back-off once a sync succeeds', async () => {
    await claim('heals');
    await fail('heals');
    await claim('heals', 'w1', 'j2');

    await completeSync(database.db, {
      site,
      repository: 'heals',
      worker: 'w1',
      jobId: 'j2',
      outcome: 'synced',
      ...totals,
    });

    const row = await getRepository(database.db, site, 'heals');
    expect(row).toMatchObject({ state: RepositoryState.synced, retryCount: 0, retryAt: null });
    expect(row?.lastSyncFailure).toBeNull();
    expect(row?.blobsCopied).toBe(4);
  });

  it('turns the row pending with a job queued when events arrived during the sync', async () => {
    await claim('busy');
    await recordEvent(database.db, {
      site,
      repository: 'busy',
      sequence: 9,
      occurredAt: new Date(),
    });

    const result = await completeSync(database.db, {
      site,
      repository: 'busy',
      worker: 'w1',
      jobId: 'j1',
      outcome: 'synced',
      ...totals,
    });

    const row = await getRepository(database.db, site, 'busy');
    expect(result).toEqual({ syncAgain: true, removed: false });
    expect(row).toMatchObject({
      state: RepositoryState.pending,
      syncAgain: false,
      jobQueued: true,
    });
    expect(row?.lastSyncedAt).toBeInstanceOf(Date);
  });

  it('does not let a worker whose claim was taken over overwrite the new sync', async () => {
    await claimRepository(database.db, {
      site,
      repository: 'taken',
      worker: 'old',
      jobId: 'j1',
      leaseMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await claim('taken', 'new', 'j2');

    const result = await fail('taken', 'old', 'j1');

    const row = await getRepository(database.db, site, 'taken');
    expect(result).toEqual({ syncAgain: false, removed: false });
    expect(row).toMatchObject({ state: RepositoryState.started, claimedBy: 'new', retryCount: 0 });
  });
});

describe('completeSync history', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('keeps only the newest attempts up to the history limit', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const jobId = `j${attempt}`;
      await claimRepository(database.db, {
        site,
        repository: 'busy',
        worker: 'w',
        jobId,
        leaseMs: 60_000,
      });
      await completeSync(database.db, {
        site,
        repository: 'busy',
        worker: 'w',
        jobId,
        outcome: 'synced',
        historyLimit: 3,
        ...totals,
      });
    }

    const attempts = await listAttempts(database.db, site, 'busy', 10);

    expect(attempts.map((attempt) => attempt.jobId)).toEqual(['j5', 'j4', 'j3']);
  });
});
