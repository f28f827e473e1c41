import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import { claimActive } from './row-lock.js';
import { RepositoryState, registryRepositories } from './schema.js';

const table = registryRepositories;

/**
 * Creates a pending row, without a job, for each of `names` the site does
 * not know yet (the scheduler queues them within the site's capacity), and
 * clears "missing on primary" on those it knows. Returns the names created.
 */
export function addRepositories(db: Database, site: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return Promise.resolve([]);

  return wrapQuery('add repositories of', { site }, () =>
    db.transaction(async (tx) => {
      const created = await tx
        .insert(table)
        .values(names.map((name) => ({ site, name })))
        .onConflictDoNothing()
        .returning({ name: table.name });

      await tx
        .update(table)
        .set({ missingOnPrimary: false, updatedAt: sql`now()` })
        .where(
          and(eq(table.site, site), inArray(table.name, names), eq(table.missingOnPrimary, true)),
        );

      return created.map((row) => row.name);
    }),
  );
}

/** Options of {@link markForSync}. */
export interface MarkForSyncOptions {
  /** The primary's catalog no longer lists them. */
  missingOnPrimary?: boolean;
}

/**
 * Asks for one more sync of each of `names` without queueing a job: idle
 * rows turn pending (the scheduler queues them within the site's
 * capacity), running ones get "sync again". The back-off of failed rows is
 * kept. Returns how many rows changed.
 */
export function markForSync(
  db: Database,
  site: string,
  names: string[],
  options: MarkForSyncOptions = {},
): Promise<number> {
  if (names.length === 0) return Promise.resolve(0);
  const missing = options.missingOnPrimary ? { missingOnPrimary: true } : {};

  return wrapQuery('mark for sync rows of', { site }, () =>
    db.transaction(async (tx) => {
      const rows = await tx
        .select({ name: table.name, active: claimActive })
        .from(table)
        .where(and(eq(table.site, site), inArray(table.name, names)))
        .for('update');

      const idle = rows.filter((row) => !row.active).map((row) => row.name);
      const running = rows.filter((row) => row.active).map((row) => row.name);

      if (idle.length > 0) {
        await tx
          .update(table)
          .set({ state: RepositoryState.pending, ...missing, updatedAt: sql`now()` })
          .where(and(eq(table.site, site), inArray(table.name, idle)));
      }
      if (running.length > 0) {
        await tx
          .update(table)
          .set({ syncAgain: true, ...missing, updatedAt: sql`now()` })
          .where(and(eq(table.site, site), inArray(table.name, running)));
      }

      return rows.length;
    }),
  );
}

/** Records that reconciliation found `names` identical on both sides just now. */
export function markVerified(db: Database, site: string, names: string[]): Promise<void> {
  if (names.length === 0) return Promise.resolve();

  return wrapQuery('mark verified rows of', { site }, async () => {
    await db
      .update(table)
      .set({ verifiedAt: sql`now()` })
      .where(and(eq(table.site, site), inArray(table.name, names)));
  });
}
