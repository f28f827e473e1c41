import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { recordEvent, recordEvents } from './record-event.js';
import { RepositoryState } from './schema.js';
import { getCursor, getRepository } from './status-queries.js';

const site = 'eu-west';
const occurredAt = new Date('2024-05-01T10:00:00Z');

describe('recordEvent', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('creates a pending row and asks for one job on the first event', async () => {
    const result = await recordEvent(database.db, {
      site,
      repository: 'app/one',
      sequence: 1,
      occurredAt,
    });

    const row = await getRepository(database.db, site, 'app/one');
    expect(result).toEqual({ enqueue: true });
    expect(row).toMatchObject({
      state: RepositoryState.pending,
      jobQueued: true,
      syncAgain: false,
      lastEventSequence: 1,
      lastEventAt: occurredAt,
    });
  });

  it('does not ask for a second job while the first is still queued', async () => {
    await recordEvent(database.db, { site, repository: 'app/two', sequence: 2, occurredAt });

    const second = await recordEvent(database.db, {
      site,
      repository: 'app/two',
      sequence: 3,
      occurredAt,
    });

    expect(second).toEqual({ enqueue: false });
    expect((await getRepository(database.db, site, 'app/two'))?.lastEventSequence).toBe(3);
  });

  it('asks again for a job when an event is redelivered: its publish may have failed', async () => {
    await recordEvent(database.db, { site, repository: 'app/redo', sequence: 4, occurredAt });

    const replay = await recordEvent(database.db, {
      site,
      repository: 'app/redo',
      sequence: 4,
      occurredAt,
    });

    expect(replay).toEqual({ enqueue: true });
  });

  it('marks a running sync to sync again instead of queueing a job', async () => {
    await recordEvent(database.db, { site, repository: 'app/busy', sequence: 5, occurredAt });
    await claimRepository(database.db, {
      site,
      repository: 'app/busy',
      worker: 'w1',
      jobId: 'j1',
      leaseMs: 60_000,
    });

    const during = await recordEvent(database.db, {
      site,
      repository: 'app/busy',
      sequence: 6,
      occurredAt,
    });

    const row = await getRepository(database.db, site, 'app/busy');
    expect(during).toEqual({ enqueue: false });
    expect(row).toMatchObject({
      state: RepositoryState.started,
      syncAgain: true,
      jobQueued: false,
    });
  });

  it('queues a job for a row whose worker let its claim lapse', async () => {
    await recordEvent(database.db, { site, repository: 'app/dead', sequence: 7, occurredAt });
    await claimRepository(database.db, {
      site,
      repository: 'app/dead',
      worker: 'w1',
      jobId: 'j1',
      leaseMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const after = await recordEvent(database.db, {
      site,
      repository: 'app/dead',
      sequence: 8,
      occurredAt,
    });

    expect(after).toEqual({ enqueue: true });
    expect((await getRepository(database.db, site, 'app/dead'))?.state).toBe(
      RepositoryState.pending,
    );
  });

  it('records a pending row without queueing a job while replication is disabled', async () => {
    const result = await recordEvent(database.db, {
      site,
      repository: 'app/off',
      sequence: 9,
      occurredAt,
      queueJob: false,
    });

    expect(result).toEqual({ enqueue: false });
    expect(await getRepository(database.db, site, 'app/off')).toMatchObject({
      state: RepositoryState.pending,
      jobQueued: false,
    });
  });

  it('advances the site cursor to the highest sequence seen, never back', async () => {
    const later = new Date('2024-05-02T00:00:00Z');
    await recordEvent(database.db, { site, repository: 'app/c', sequence: 100, occurredAt: later });
    await recordEvent(database.db, { site, repository: 'app/c', sequence: 50, occurredAt });

    expect(await getCursor(database.db, site)).toMatchObject({
      streamSequence: 100,
      lastEventAt: later,
    });
    expect(await getCursor(database.db, 'other-site')).toBeUndefined();
  });

  it('applies a batch in one transaction with one job per repository, in the order given', async () => {
    const later = new Date('2024-05-01T10:05:00Z');

    const outcomes = await recordEvents(database.db, [
      { site, repository: 'batch/b', sequence: 101, occurredAt },
      { site, repository: 'batch/a', sequence: 102, occurredAt },
      { site, repository: 'batch/b', sequence: 103, occurredAt: later },
    ]);

    expect(outcomes).toEqual([{ enqueue: true }, { enqueue: true }, { enqueue: false }]);
    expect((await getRepository(database.db, site, 'batch/b'))?.lastEventSequence).toBe(103);
    expect((await getCursor(database.db, site))?.streamSequence).toBe(103);
    expect((await getRepository(database.db, site, 'batch/b'))?.lastEventAt).toEqual(later);
  });

  it('refuses a batch that mixes sites', () => {
    const mixed = [
      { site, repository: 'x/a', sequence: 1, occurredAt },
      { site: 'other', repository: 'x/a', sequence: 2, occurredAt },
    ];

    expect(() => recordEvents(database.db, mixed)).toThrow(/one site/);
  });
});
