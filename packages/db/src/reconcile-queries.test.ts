import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { completeSync } from './complete-sync.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { addRepositories, markForSync, markVerified } from './reconcile-queries.js';
import { recordEvent } from './record-event.js';
import { RepositoryState } from './schema.js';
import { getRepository, listAttempts } from './status-queries.js';

const site = 'rec';

describe('reconciliation queries', () => {
  let database: MigratedDatabase;

  const sync = async (repository: string, tagCount: number) => {
    await claimRepository(database.db, {
      site,
      repository,
      worker: 'w',
      jobId: `j-${repository}`,
      leaseMs: 60_000,
    });
    return completeSync(database.db, {
      site,
      repository,
      worker: 'w',
      jobId: `j-${repository}`,
      outcome: 'synced',
      checksum: 'c',
      tagCount,
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

  it('creates pending rows without jobs for names it does not know, and only those', async () => {
    await sync('known', 1);

    const created = await addRepositories(database.db, site, ['known', 'new-a', 'new-b']);

    expect(created.sort()).toEqual(['new-a', 'new-b']);
    expect(await getRepository(database.db, site, 'new-a')).toMatchObject({
      state: RepositoryState.pending,
      jobQueued: false,
    });
    expect(await getRepository(database.db, site, 'known')).toMatchObject({
      state: RepositoryState.synced,
    });
  });

  it('marks idle rows pending and running rows sync-again, keeping the back-off', async () => {
    await sync('idle', 2);
    await claimRepository(database.db, {
      site,
      repository: 'busy',
      worker: 'w',
      jobId: 'jb',
      leaseMs: 60_000,
    });

    const changed = await markForSync(database.db, site, ['idle', 'busy', 'absent']);

    expect(changed).toBe(2);
    expect(await getRepository(database.db, site, 'idle')).toMatchObject({
      state: RepositoryState.pending,
      jobQueued: false,
    });
    expect(await getRepository(database.db, site, 'busy')).toMatchObject({
      state: RepositoryState.started,
      syncAgain: true,
    });
  });

  it('removes the row and history of a repository gone from the primary once a sync emptied it', async () => {
    await sync('gone', 3);
    await markForSync(database.db, site, ['gone'], { missingOnPrimary: true });

    const result = await sync('gone', 0);

    expect(result).toEqual({ syncAgain: false, removed: true });
    expect(await getRepository(database.db, site, 'gone')).toBeUndefined();
    expect(await listAttempts(database.db, site, 'gone', 10)).toEqual([]);
  });

  it('keeps the row of a repository that an event shows back on the primary', async () => {
    await sync('back', 1);
    await markForSync(database.db, site, ['back'], { missingOnPrimary: true });
    await recordEvent(database.db, {
      site,
      repository: 'back',
      sequence: 1,
      occurredAt: new Date(),
    });

    const result = await sync('back', 0);

    expect(result.removed).toBe(false);
    expect(await getRepository(database.db, site, 'back')).toMatchObject({
      state: RepositoryState.synced,
      missingOnPrimary: false,
    });
  });

  it('records the time a row was last verified', async () => {
    await sync('checked', 1);

    await markVerified(database.db, site, ['checked']);

    const row = await getRepository(database.db, site, 'checked');
    expect(row?.verifiedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
