import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import { lockRow } from './row-lock.js';
import {
  type RepositoryRow,
  RepositoryState,
  registryRepositories,
  syncAttempts,
} from './schema.js';

/** Input of {@link claimRepository}. */
export interface ClaimInput {
  site: string;
  repository: string;
  /** Identifies the worker process, e.g. host name and pid. */
  worker: string;
  jobId: string;
  /** How long the claim lasts unless renewed. */
  leaseMs: number;
}

/** SQL: the database's now plus `ms` milliseconds. */
export function nowPlus(ms: number) {
  return sql`now() + ${ms} * interval '1 millisecond'`;
}

/**
 * Takes the repository for `worker`: the row turns `started` with a claim
 * lasting `leaseMs`, its queued job is taken off, and an attempt is
 * recorded. Resolves undefined, changing nothing, while another worker holds
 * an unexpired claim; that worker's sync will see "sync again". A lapsed
 * claim is taken over. Creates the row if missing.
 */
export function claimRepository(
  db: Database,
  input: ClaimInput,
): Promise<RepositoryRow | undefined> {
  const { site, repository, worker, jobId, leaseMs } = input;

  return wrapQuery('claim', { site, repository }, () =>
    db.transaction(async (tx) => {
      const locked = await lockRow(tx, site, repository);
      if (locked.active && locked.row.claimedBy !== worker) return undefined;

      const [row] = await tx
        .update(registryRepositories)
        .set({
          state: RepositoryState.started,
          startedAt: sql`now()`,
          claimedBy: worker,
          claimExpiresAt: nowPlus(leaseMs),
          jobQueued: false,
          updatedAt: sql`now()`,
        })
        .where(and(eq(registryRepositories.site, site), eq(registryRepositories.name, repository)))
        .returning();

      await tx.insert(syncAttempts).values({ site, repository, jobId, worker });

      return row;
    }),
  );
}

/** Input of {@link renewClaim}. */
export interface RenewClaimInput {
  site: string;
  repository: string;
  worker: string;
  leaseMs: number;
}

/**
 * Extends `worker`'s claim by `leaseMs` from now. False when the worker no
 * longer holds it (another took it over): the worker should stop its sync.
 */
export function renewClaim(db: Database, input: RenewClaimInput): Promise<boolean> {
  const { site, repository, worker, leaseMs } = input;

  return wrapQuery('renew claim of', { site, repository }, async () => {
    const renewed = await db
      .update(registryRepositories)
      .set({ claimExpiresAt: nowPlus(leaseMs), updatedAt: sql`now()` })
      .where(
        and(
          eq(registryRepositories.site, site),
          eq(registryRepositories.name, repository),
          eq(registryRepositories.state, RepositoryState.started),
          eq(registryRepositories.claimedBy, worker),
        ),
      )
      .returning({ id: registryRepositories.id });

    return renewed.length > 0;
  });
}
