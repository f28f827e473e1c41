import { and, count, eq, or, sql } from 'drizzle-orm';
import type { Transaction } from './row-lock.js';
import { RepositoryState, registryRepositories } from './schema.js';

const table = registryRepositories;

/**
 * How many more jobs the site may have outstanding (queued or running)
 * under `capacity`. Takes a transaction-scoped advisory lock first, so two
 * transactions that dispatch for one site count one after the other and
 * together never exceed the capacity.
 */
export async function freeCapacity(
  tx: Transaction,
  site: string,
  capacity: number,
): Promise<number> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`geo:capacity:${site}`}, 0))`,
  );

  const [row] = await tx
    .select({ outstanding: count() })
    .from(table)
    .where(
      and(
        eq(table.site, site),
        or(eq(table.jobQueued, true), eq(table.state, RepositoryState.started)),
      ),
    );

  return Math.max(0, capacity - (row?.outstanding ?? 0));
}
