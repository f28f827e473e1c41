import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { type RepositoryRow, RepositoryState, registryRepositories } from './schema.js';

/** A transaction of {@link Database}. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** SQL: the row is being synced by a worker whose claim has not lapsed. */
export const claimActive = sql<boolean>`(${registryRepositories.state} = ${RepositoryState.started}
  AND ${registryRepositories.claimExpiresAt} > now())`;

/**
 * Creates the repository's row if missing and locks it for the rest of the
 * transaction, so concurrent events, claims and resyncs of one repository
 * apply one after the other.
 */
export async function lockRow(
  tx: Transaction,
  site: string,
  name: string,
): Promise<{ row: RepositoryRow; active: boolean }> {
  await tx.insert(registryRepositories).values({ site, name }).onConflictDoNothing();

  const locked = await lockExistingRow(tx, site, name);
  if (!locked) throw new Error(`row of ${site}/${name} vanished`);

  return locked;
}

/**
 * Locks the repository's row for the rest of the transaction, as
 * {@link lockRow} does, but creates none: undefined when the site has no row.
 */
export async function lockExistingRow(
  tx: Transaction,
  site: string,
  name: string,
): Promise<{ row: RepositoryRow; active: boolean } | undefined> {
  const [locked] = await tx
    .select({ row: registryRepositories, active: claimActive })
    .from(registryRepositories)
    .where(and(eq(registryRepositories.site, site), eq(registryRepositories.name, name)))
    .for('update');

  return locked;
}

/**
 * The changes that ask for one more sync of a locked row: a running sync
 * gets "sync again"; otherwise the row turns pending and, when `queueJob`,
 * a job is queued. `enqueue` says whether the caller must publish that job
 * (none was queued).
 */
export function requestSync(
  locked: { row: RepositoryRow; active: boolean },
  queueJob = true,
): { changes: Partial<RepositoryRow>; enqueue: boolean } {
  if (locked.active) {
    return { changes: { syncAgain: true }, enqueue: false };
  }

  if (!queueJob) {
    return { changes: { state: RepositoryState.pending }, enqueue: false };
  }

  return {
    changes: { state: RepositoryState.pending, jobQueued: true },
    enqueue: !locked.row.jobQueued,
  };
}
