import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { completeSync } from './complete-sync.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { recordEvent } from './record-event.js';
import { RepositoryState, registryRepositories } from './schema.js';
import {
  countByState,
  getCursor,
  getRepository,
  listRepositories,
  recordCursorLag,
  siteTotals,
} from './status-queries.js';

const site = 'eu-west';

describe('status queries', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
    await database.db.insert(registryRepositories).values([
      { site, name: 'alpha/app' },
      { site, name: 'beta/app', state: RepositoryState.failed },
      { site, name: 'beta/db', state: RepositoryState.synced },
      { site, name: 'gamma/app' },
      { site, name: 'delta/tool', state: RepositoryState.failed },
      { site: 'elsewhere', name: 'alpha/app' },
    ]);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('pages through the site rows by name', async () => {
    const first = await listRepositories(database.db, { site, limit: 2 });
    const second = await listRepositories(database.db, {
      site,
      limit: 2,
      afterName: first.at(-1)?.name,
    });
    const third = await listRepositories(database.db, {
      site,
      limit: 2,
      afterName: second.at(-1)?.name,
    });

    expect(first.map((row) => row.name)).toEqual(['alpha/app', 'beta/app']);
    expect(second.map((row) => row.name)).toEqual(['beta/db', 'delta/tool']);
    expect(third.map((row) => row.name)).toEqual(['gamma/app']);
  });

  it('filters by state and by a part of the name, taken literally', async () => {
    const failed = await listRepositories(database.db, {
      site,
      limit: 10,
      state: RepositoryState.failed,
    });
    const apps = await listRepositories(database.db, { site, limit: 10, nameContains: '/app' });
    const wildcard = await listRepositories(database.db, { site, limit: 10, nameContains: '%' });

    expect(failed.map((row) => row.name)).toEqual(['beta/app', 'delta/tool']);
    expect(apps.map((row) => row.name)).toEqual(['alpha/app', 'beta/app', 'gamma/app']);
    expect(wildcard).toEqual([]);
  });

  it('counts rows by state for one site only', async () => {
    expect(await countByState(database.db, site)).toEqual({
      pending: 2,
      started: 0,
      synced: 1,
      failed: 2,
      total: 5,
    });
    expect(await countByState(database.db, 'nowhere')).toEqual({
      pending: 0,
      started: 0,
      synced: 0,
      failed: 0,
      total: 0,
    });
  });

  it('sums what the site copied', async () => {
    expect(await siteTotals(database.db, 'nowhere')).toEqual({
      blobsCopied: 0,
      bytesCopied: 0,
      lastSyncedAt: null,
    });

    await claimRepository(database.db, {
      site,
      repository: 'alpha/app',
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });
    await completeSync(database.db, {
      site,
      repository: 'alpha/app',
      worker: 'w',
      jobId: 'j',
      outcome: 'synced',
      blobsCopied: 3,
      bytesCopied: 5_000_000_000,
    });

    const totals = await siteTotals(database.db, site);
    const row = await getRepository(database.db, site, 'alpha/app');
    expect(totals).toEqual({
      blobsCopied: 3,
      bytesCopied: 5_000_000_000,
      lastSyncedAt: row?.lastSyncedAt,
    });
  });
});

describe('recordCursorLag', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('persists the lag next to the cursor position, before and after the first event', async () => {
    await recordCursorLag(database.db, 'lagging', 7);
    const before = await getCursor(database.db, 'lagging');
    await recordEvent(database.db, {
      site: 'lagging',
      repository: 'a',
      sequence: 12,
      occurredAt: new Date(),
    });
    await recordCursorLag(database.db, 'lagging', 3);

    expect(before).toMatchObject({ streamSequence: 0, eventsBehind: 7 });
    expect(await getCursor(database.db, 'lagging')).toMatchObject({
      streamSequence: 12,
      eventsBehind: 3,
    });
  });
});
