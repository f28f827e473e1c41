import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { addRepositories } from './reconcile-queries.js';
import { recordEvent } from './record-event.js';
import { takeUnqueued } from './scheduler-queries.js';
import { RepositoryState } from './schema.js';
import { countByState, getRepository } from './status-queries.js';

describe('site capacity', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('queues no more unqueued rows than the free slots of the site', async () => {
    const site = 'cap-a';
    await addRepositories(
      database.db,
      site,
      Array.from({ length: 10 }, (_, i) => `repo-${i}`),
    );

    const first = await takeUnqueued(database.db, site, 100, 4);
    const second = await takeUnqueued(database.db, site, 100, 4);
    await claimRepository(database.db, {
      site,
      repository: first[0] ?? '',
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });
    const third = await takeUnqueued(database.db, site, 100, 4);

    expect(first).toHaveLength(4);
    expect(second).toEqual([]);
    expect(third).toEqual([]);
    expect(await countByState(database.db, site)).toMatchObject({ pending: 9, started: 1 });
  });

  it('leaves an event pending without a job while the site is at capacity', async () => {
    const site = 'cap-b';
    const event = (repository: string, sequence: number) =>
      recordEvent(database.db, {
        site,
        repository,
        sequence,
        occurredAt: new Date(),
        capacity: 1,
      });

    const first = await event('one', 1);
    const second = await event('two', 2);
    const again = await event('one', 3);

    expect(first.enqueue).toBe(true);
    expect(second.enqueue).toBe(false);
    expect(again.enqueue).toBe(false);
    expect(await getRepository(database.db, site, 'two')).toMatchObject({
      state: RepositoryState.pending,
      jobQueued: false,
    });
    expect(await takeUnqueued(database.db, site, 10, 1)).toEqual([]);
    expect(await takeUnqueued(database.db, site, 10, 2)).toEqual(['two']);
  });
});
