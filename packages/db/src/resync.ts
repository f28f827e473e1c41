import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import {
  claimActive,
  lockExistingRow,
  lockRow,
  requestSync,
  type Transaction,
} from './row-lock.js';
import { type RepositoryRow, RepositoryState, registryRepositories } from './schema.js';

const BATCH_SIZE = 500;

/** Back-off is forgotten on an operator's resync: they asked for a sync now. */
const freshRetries = { retryCount: 0, retryAt: null, updatedAt: sql`now()` };

/** A resync of one repository: its row now, and whether the caller must publish its job. */
export interface ResyncResult {
  row: RepositoryRow;
  enqueue: boolean;
}

/**
 * Asks for a fresh sync of one repository, creating its row if missing:
 * pending (or "sync again" while a sync runs) with the back-off reset.
 * `enqueue` says whether the caller must publish its sync job.
 */
export function resyncRepository(db: Database, site: string, name: string): Promise<ResyncResult> {
  return wrapQuery('resync', { site, repository: name }, () =>
    db.transaction(async (tx) => resyncLocked(tx, site, name, await lockRow(tx, site, name))),
  );
}

/**
 * As {@link resyncRepository}, for a repository the site already has a row
 * for: undefined, and nothing created, when it has none.
 */
export function resyncKnownRepository(
  db: Database,
  site: string,
  name: string,
): Promise<ResyncResult | undefined> {
  return wrapQuery('resync', { site, repository: name }, () =>
    db.transaction(async (tx) => {
      const locked = await lockExistingRow(tx, site, name);
      if (!locked) return undefined;

      return resyncLocked(tx, site, name, locked);
    }),
  );
}

async function resyncLocked(
  tx: Transaction,
  site: string,
  name: string,
  locked: { row: RepositoryRow; active: boolean },
): Promise<ResyncResult> {
  const { changes, enqueue } = requestSync(locked);

  const [row] = await tx
    .update(registryRepositories)
    .set({ ...changes, ...freshRetries })
    .where(and(eq(registryRepositories.site, site), eq(registryRepositories.name, name)))
    .returning();
  if (!row) throw new Error(`row of ${site}/${name} vanished`);

  return { row, enqueue };
}

/**
 * Asks for a fresh sync of every repository of `site` (or those in
 * `filter.state`), in batches of 500 by name so no transaction grows with
 * the registry. Returns how many rows changed and the names whose sync job
 * the caller must publish.
 */
export async function resyncAll(
  db: Database,
  site: string,
  filter: { state?: number } = {},
): Promise<{ count: number; enqueue: string[] }> {
  const enqueue: string[] = [];
  let count = 0;
  let after = '';

  for (;;) {
    const batch = await wrapQuery('resync all of', { site }, () =>
      resyncBatch(db, site, after, filter.state),
    );

    count += batch.length;
    enqueue.push(...batch.filter((row) => !row.active && !row.jobQueued).map((row) => row.name));

    const last = batch.at(-1);
    if (!last || batch.length < BATCH_SIZE) break;
    after = last.name;
  }

  return { count, enqueue };
}

function resyncBatch(db: Database, site: string, after: string, state: number | undefined) {
  const table = registryRepositories;
  const conditions: SQL[] = [eq(table.site, site), gt(table.name, after)];
  if (state !== undefined) conditions.push(eq(table.state, state));

  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ name: table.name, jobQueued: table.jobQueued, active: claimActive })
      .from(table)
      .where(and(...conditions))
      .orderBy(asc(table.name))
      .limit(BATCH_SIZE)
      .for('update');

    const idle = rows.filter((row) => !row.active).map((row) => row.name);
    const running = rows.filter((row) => row.active).map((row) => row.name);

    if (idle.length > 0) {
      await tx
        .update(table)
        .set({ state: RepositoryState.pending, jobQueued: true, ...freshRetries })
        .where(and(eq(table.site, site), inArray(table.name, idle)));
    }
    if (running.length > 0) {
      await tx
        .update(table)
        .set({ syncAgain: true, ...freshRetries })
        .where(and(eq(table.site, site), inArray(table.name, running)));
    }

    return rows;
  });
}
