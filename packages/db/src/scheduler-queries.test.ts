import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRepository } from './claims.js';
import { completeSync } from './complete-sync.js';
import { type MigratedDatabase, migratedDatabase } from './db.test-helpers.js';
import { recordEvent } from './record-event.js';
import {
  takeDueRetries,
  takeLapsedClaims,
  takeOrphanedJobs,
  takeUnqueued,
} from './scheduler-queries.js';
import { RepositoryState, registryRepositories } from './schema.js';
import { getRepository, listAttempts } from './status-queries.js';

const site = 'eu-west';

describe('scheduler queries', () => {
  let database: MigratedDatabase;

  const failNow = async (repository: string) => {
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
      backoff: { baseMs: 1, capMs: 1 },
    });
  };

  beforeAll(async () => {
    database = await migratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('takes failed rows whose back-off passed, once, keeping their retry count', async () => {
    await failNow('due');
    await new Promise((resolve) => setTimeout(resolve, 10));

    const first = await takeDueRetries(database.db, site, 10);
    const second = await takeDueRetries(database.db, site, 10);

    expect(first).toEqual(['due']);
    expect(second).toEqual([]);
    expect(await getRepository(database.db, site, 'due')).toMatchObject({
      state: RepositoryState.failed,
      retryCount: 1,
      jobQueued: true,
    });
  });

  it('leaves failed rows alone while they back off', async () => {
    await claimRepository(database.db, {
      site,
      repository: 'later',
      worker: 'w',
      jobId: 'j',
      leaseMs: 60_000,
    });
    await completeSync(database.db, {
      site,
      repository: 'later',
      worker: 'w',
      jobId: 'j',
      outcome: 'failed',
      blobsCopied: 0,
      bytesCopied: 0,
    });

    expect(await takeDueRetries(database.db, site, 10)).toEqual([]);
  });

  it('returns rows of a crashed worker to pending and closes its attempt', async () => {
    await claimRepository(database.db, {
      site,
      repository: 'crashed',
      worker: 'w',
      jobId: 'j',
      leaseMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(await takeLapsedClaims(database.db, site, 10)).toEqual(['crashed']);

    expect(await getRepository(database.db, site, 'crashed')).toMatchObject({
      state: RepositoryState.pending,
      claimedBy: null,
      jobQueued: true,
    });
    const [attempt] = await listAttempts(database.db, site, 'crashed', 1);
    expect(attempt).toMatchObject({ outcome: 'failed', error: 'worker claim lapsed' });
  });

  it('queues rows recorded while replication was disabled', async () => {
    await recordEvent(database.db, {
      site,
      repository: 'quiet',
      sequence: 1,
      occurredAt: new Date(),
      queueJob: false,
    });

    expect(await takeUnqueued(database.db, site, 10)).toEqual(['quiet']);
    expect(await takeUnqueued(database.db, site, 10)).toEqual([]);
  });

  it('finds queued rows that waited too long, and each only once per wait', async () => {
    await recordEvent(database.db, {
      site,
      repository: 'lost',
      sequence: 2,
      occurredAt: new Date(),
    });
    await database.db
      .update(registryRepositories)
      .set({ updatedAt: sql`now() - interval '1 hour'` });

    const orphans = await takeOrphanedJobs(database.db, site, 60_000, 100);

    expect(orphans).toContain('lost');
    expect(await takeOrphanedJobs(database.db, site, 60_000, 100)).toEqual([]);
  });
});
