import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { completeSync } from './complete-sync.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { resyncAll, resyncKnownRepository, resyncRepository } from './resync.js';
import { RepositoryState, registryRepositories } from './schema.js';
import { countByState, getRepository } from './status-queries.js';

const site = 'eu-west';

describe('resync', () => {
  let database: MigratedDatabase;

  const failOnce = async (repository: string) => {
    await claimRepository(database.db, {
      site,
      repository,
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });
    await completeSync(database.db, {
      site,
      repository,
      worker: 'w',
      jobId: 'j',
      outcome: 'failed',
      failure: 'boom',
      blobsCopied: 0,
      bytesCopied: 0,
    });
  };

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('makes a failed repository pending with its back-off reset and asks for a job', async () => {
    await failOnce('failed/one');

    const { row, enqueue } = await resyncRepository(database.db, site, 'failed/one');

    expect(enqueue).toBe(true);
    expect(row).toMatchObject({
      state: RepositoryState.pending,
      retryCount: 0,
      retryAt: null,
      jobQueued: true,
    });
  });

  it('creates the row of an unknown repository, and asks for no second job', async () => {
    const first = await resyncRepository(database.db, site, 'unknown/one');
    const second = await resyncRepository(database.db, site, 'unknown/one');

    expect(first.enqueue).toBe(true);
    expect(second.enqueue).toBe(false);
  });

  it('resyncs a repository the site knows without creating the row of one it does not', async () => {
    await failOnce('known/one');

    const known = await resyncKnownRepository(database.db, site, 'known/one');
    const unknown = await resyncKnownRepository(database.db, site, 'unknown/two');

    expect(known?.enqueue).toBe(true);
    expect(known?.row).toMatchObject({ state: RepositoryState.pending, retryCount: 0 });
    expect(unknown).toBeUndefined();
    expect(await getRepository(database.db, site, 'unknown/two')).toBeUndefined();
  });

  it('marks a running sync to sync again', async () => {
    await claimRepository(database.db, {
      site,
      repository: 'running',
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });

    const { row, enqueue } = await resyncRepository(database.db, site, 'running');

    expect(enqueue).toBe(false);
    expect(row).toMatchObject({ state: RepositoryState.started, syncAgain: true });
  });

  it('resyncs every row in batches and names only those without a queued job', async () => {
    const other = 'big-site';
    const names = Array.from({ length: 1_203 }, (_, i) => `repo/${String(i).padStart(5, '0')}`);
    await database.db
      .insert(registryRepositories)
      .values(names.map((name) => ({ site: other, name, jobQueued: true })));
    await claimRepository(database.db, {
      site: other,
      repository: names[0] ?? '',
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });
    await completeSync(database.db, {
      site: other,
      repository: names[0] ?? '',
      worker: 'w',
      jobId: 'j',
      outcome: 'synced',
      blobsCopied: 0,
      bytesCopied: 0,
    });

    const result = await resyncAll(database.db, other);

    expect(result.count).toBe(1_203);
    expect(result.enqueue).toEqual([names[0]]);
    expect(await countByState(database.db, other)).toMatchObject({ pending: 1_203, total: 1_203 });
  });

  it('resyncs only the rows in the state asked for', async () => {
    await failOnce('failed/two');

    const result = await resyncAll(database.db, site, { state: RepositoryState.failed });

    expect(result).toEqual({ count: 1, enqueue: ['failed/two'] });
    expect((await getRepository(database.db, site, 'failed/two'))?.state).toBe(
      RepositoryState.pending,
    );
  });
});
