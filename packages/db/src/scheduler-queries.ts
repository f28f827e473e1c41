import { and, asc, eq, inArray, isNull, lt, lte, type SQLWrapper, sql } from 'drizzle-orm';
import { freeCapacity } from './capacity.js';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import type { Transaction } from './row-lock.js';
import { RepositoryState, registryRepositories, syncAttempts } from './schema.js';

const table = registryRepositories;

/**
 * Failed rows whose back-off has passed and that have no job queued: marks
 * a job queued for up to `limit` of them and returns their names, whose
 * RETRY jobs the caller must publish. Rows locked by another transaction
 * are skipped, so two schedulers never take the same row.
 */
export function takeDueRetries(
  db: Database,
  site: string,
  limit: number,
  capacity?: number,
): Promise<string[]> {
  return wrapQuery('take due retries of', { site }, () =>
    db.transaction(async (tx) => {
      const room = await roomFor(tx, site, limit, capacity);
      if (room === 0) return [];

      const due = tx
        .select({ id: table.id })
        .from(table)
        .where(
          and(
            eq(table.site, site),
            eq(table.state, RepositoryState.failed),
            lte(table.retryAt, sql`now()`),
            eq(table.jobQueued, false),
          ),
        )
        .orderBy(asc(table.retryAt))
        .limit(room)
        .for('update', { skipLocked: true });

      return queueJobs(tx, due);
    }),
  );
}

/**
 * Rows left `started` by a worker whose claim lapsed (it crashed or lost its
 * connection): they turn pending with a job queued, their open attempts
 * are closed as failed, and their names are returned for the caller to
 * publish their jobs.
 */
export function takeLapsedClaims(db: Database, site: string, limit: number): Promise<string[]> {
  const lapsed = db
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        eq(table.site, site),
        eq(table.state, RepositoryState.started),
        lt(table.claimExpiresAt, sql`now()`),
        eq(table.jobQueued, false),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });

  return wrapQuery('take lapsed claims of', { site }, () =>
    db.transaction(async (tx) => {
      const rows = await tx
        .update(table)
        .set({
          state: RepositoryState.pending,
          claimedBy: null,
          claimExpiresAt: null,
          jobQueued: true,
          syncAgain: false,
          updatedAt: sql`now()`,
        })
        .where(inArray(table.id, lapsed))
        .returning({ name: table.name });
      const names = rows.map((row) => row.name);

      if (names.length > 0) {
        await tx
          .update(syncAttempts)
          .set({ finishedAt: sql`now()`, outcome: 'failed', error: 'worker claim lapsed' })
          .where(
            and(
              eq(syncAttempts.site, site),
              inArray(syncAttempts.repository, names),
              isNull(syncAttempts.finishedAt),
            ),
          );
      }

      return names;
    }),
  );
}

/**
 * Pending rows with no job queued (recorded while replication was disabled,
 * or created by a backfill): marks a job queued for up to `limit` of them
 * and returns their names for the caller to publish.
 */
export function takeUnqueued(
  db: Database,
  site: string,
  limit: number,
  capacity?: number,
): Promise<string[]> {
  return wrapQuery('take unqueued rows of', { site }, () =>
    db.transaction(async (tx) => {
      const room = await roomFor(tx, site, limit, capacity);
      if (room === 0) return [];

      const unqueued = tx
        .select({ id: table.id })
        .from(table)
        .where(
          and(
            eq(table.site, site),
            eq(table.state, RepositoryState.pending),
            eq(table.jobQueued, false),
          ),
        )
        .orderBy(asc(table.name))
        .limit(room)
        .for('update', { skipLocked: true });

      return queueJobs(tx, unqueued);
    }),
  );
}

/** Rows to take at most: `limit`, and no more than the site's free slots under `capacity`. */
async function roomFor(
  tx: Transaction,
  site: string,
  limit: number,
  capacity: number | undefined,
): Promise<number> {
  if (capacity === undefined) return limit;
  return Math.min(limit, await freeCapacity(tx, site, capacity));
}

/** Marks a job queued on the rows `ids` selects and returns their names. */
async function queueJobs(tx: Transaction, ids: SQLWrapper): Promise<string[]> {
  const rows = await tx
    .update(table)
    .set({ jobQueued: true, updatedAt: sql`now()` })
    .where(inArray(table.id, ids))
    .returning({ name: table.name });
  return rows.map((row) => row.name);
}

/**
 * Rows that say a job is queued, unchanged for `olderThanMs`. Call it only
 * when the site's work queue is empty: then their job was lost (a process
 * died between recording and publishing it), and the caller publishes a new
 * one for each name returned.
 */
export function takeOrphanedJobs(
  db: Database,
  site: string,
  olderThanMs: number,
  limit: number,
): Promise<string[]> {
  const orphaned = db
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        eq(table.site, site),
        inArray(table.state, [RepositoryState.pending, RepositoryState.failed]),
        eq(table.jobQueued, true),
        lt(table.updatedAt, sql`now() - ${olderThanMs} * interval '1 millisecond'`),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });

  return wrapQuery('take orphaned jobs of', { site }, async () => {
    const rows = await db
      .update(table)
      .set({ updatedAt: sql`now()` })
      .where(inArray(table.id, orphaned))
      .returning({ name: table.name });
    return rows.map((row) => row.name);
  });
}
