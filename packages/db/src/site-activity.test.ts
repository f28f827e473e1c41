import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { RepositoryState, registryRepositories, syncAttempts } from './schema.js';
import { readSiteActivity, WORKERS_WINDOW_SECONDS } from './site-activity.js';

const site = 'eu-west';
const now = new Date('2026-12-04T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('readSiteActivity', () => {
  let database: MigratedDatabase;

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('says nothing is waiting and no worker ran on an empty site', async () => {
    expect(await readSiteActivity(database.db, site, now)).toEqual({ recentWorkers: [] });
  });

  it('names the pending row unchanged longest and the workers seen in the window', async () => {
    await database.db.insert(registryRepositories).values([
      { site, name: 'new/app', updatedAt: minutesAgo(1) },
      { site, name: 'old/app', updatedAt: minutesAgo(30) },
      { site, name: 'older/but-synced', state: RepositoryState.synced, updatedAt: minutesAgo(90) },
      { site: 'elsewhere', name: 'oldest/app', updatedAt: minutesAgo(120) },
    ]);
    const attempt = { site, repository: 'new/app', jobId: 'job' };
    const beyondWindow = WORKERS_WINDOW_SECONDS / 60 + 1;
    await database.db.insert(syncAttempts).values([
      { ...attempt, worker: 'worker-b', startedAt: minutesAgo(2) },
      { ...attempt, worker: 'worker-a', startedAt: minutesAgo(3) },
      { ...attempt, worker: 'worker-a', startedAt: minutesAgo(4) },
      { ...attempt, worker: 'worker-gone', startedAt: minutesAgo(beyondWindow) },
      { ...attempt, site: 'elsewhere', worker: 'worker-there', startedAt: minutesAgo(1) },
    ]);

    expect(await readSiteActivity(database.db, site, now)).toEqual({
      oldestPending: { name: 'old/app', since: minutesAgo(30) },
      recentWorkers: ['worker-a', 'worker-b'],
    });
  });
});
