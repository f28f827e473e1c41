import { and, eq, isNull, sql } from 'drizzle-orm';
import { type BackoffPolicy, DEFAULT_BACKOFF, nextRetryAt } from './backoff.js';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import type { Transaction } from './row-lock.js';
import {
  type RepositoryRow,
  RepositoryState,
  registryRepositories,
  syncAttempts,
} from './schema.js';

/** Input of {@link completeSync}. */
export interface CompleteSyncInput {
  site: string;
  repository: string;
  worker: string;
  jobId: string;
  outcome: 'synced' | 'failed';
  /** Why it failed: the tags and reasons. Must not hold secrets. */
  failure?: string;
  /** Verification checksum of a successful sync. */
  checksum?: string;
  tagCount?: number;
  blobsCopied: number;
  /** Blobs mounted from another repository of the secondary instead of copied; default 0. */
  blobsMounted?: number;
  bytesCopied: number;
  backoff?: BackoffPolicy;
  /** Attempts kept per repository, newest first; default {@link DEFAULT_HISTORY_LIMIT}. */
  historyLimit?: number;
}

/** Sync attempts kept per repository unless told otherwise. */
export const DEFAULT_HISTORY_LIMIT = 50;

/** What {@link completeSync} did besides recording the outcome. */
export interface CompleteSyncResult {
  /** Events arrived meanwhile: the caller publishes the follow-up job. */
  syncAgain: boolean;
  /**
   * The repository is gone from the primary and the sync left nothing on
   * the secondary, so its row and history were removed.
   */
  removed: boolean;
}

/**
 * Records the end of `worker`'s sync. Synced clears the failure and back-off;
 * failed counts one more failure and backs off from the count so far. When
 * events arrived meanwhile the row turns pending with a job queued, and
 * `syncAgain` tells the caller to publish that job. A worker whose claim was
 * taken over only adds its totals and finishes its attempt. Older attempts
 * beyond the history limit are deleted.
 */
export function completeSync(db: Database, input: CompleteSyncInput): Promise<CompleteSyncResult> {
  const { site, repository, worker } = input;
  const where = and(eq(registryRepositories.site, site), eq(registryRepositories.name, repository));

  return wrapQuery('complete sync of', { site, repository }, () =>
    db.transaction(async (tx) => {
      await finishAttempt(tx, input);
      await pruneHistory(tx, input);

      const [row] = await tx.select().from(registryRepositories).where(where).for('update');
      if (!row) return { syncAgain: false, removed: false };

      const owns = row.state === RepositoryState.started && row.claimedBy === worker;
      const again = owns && row.syncAgain && !row.jobQueued;

      if (owns && !row.syncAgain && emptied(row, input)) {
        await tx.delete(registryRepositories).where(where);
        await tx
          .delete(syncAttempts)
          .where(and(eq(syncAttempts.site, site), eq(syncAttempts.repository, repository)));
        return { syncAgain: false, removed: true };
      }

      await tx
        .update(registryRepositories)
        .set({
          ...(owns ? outcomeChanges(row, input) : {}),
          ...(owns && row.syncAgain
            ? { state: RepositoryState.pending, syncAgain: false, jobQueued: true }
            : {}),
          blobsCopied: sql`${registryRepositories.blobsCopied} + ${input.blobsCopied}`,
          bytesCopied: sql`${registryRepositories.bytesCopied} + ${input.bytesCopied}`,
          updatedAt: sql`now()`,
        })
        .where(where);

      return { syncAgain: again, removed: false };
    }),
  );
}

/** A successful sync of a repository the primary no longer lists found no tag to keep. */
function emptied(row: RepositoryRow, input: CompleteSyncInput): boolean {
  return row.missingOnPrimary && input.outcome === 'synced' && (input.tagCount ?? 0) === 0;
}

/** Deletes the repository's attempts older than the newest `historyLimit`. */
async function pruneHistory(tx: Transaction, input: CompleteSyncInput): Promise<void> {
  const keep = Math.max(1, input.historyLimit ?? DEFAULT_HISTORY_LIMIT);

  await tx.execute(sql`DELETE FROM ${syncAttempts}
    WHERE ${syncAttempts.site} = ${input.site} AND ${syncAttempts.repository} = ${input.repository}
      AND ${syncAttempts.id} < (
        SELECT ${syncAttempts.id} FROM ${syncAttempts}
        WHERE ${syncAttempts.site} = ${input.site}
          AND ${syncAttempts.repository} = ${input.repository}
        ORDER BY ${syncAttempts.id} DESC OFFSET ${keep - 1} LIMIT 1)`);
}

function outcomeChanges(row: RepositoryRow, input: CompleteSyncInput): Partial<RepositoryRow> {
  const released = { claimedBy: null, claimExpiresAt: null };

  if (input.outcome === 'synced') {
    const now = new Date();
    return {
      ...released,
      state: RepositoryState.synced,
      retryCount: 0,
      retryAt: null,
      lastSyncFailure: null,
      lastSyncedAt: now,
      verificationChecksum: input.checksum ?? null,
      verifiedAt: input.checksum ? now : null,
      tagCount: input.tagCount ?? 0,
    };
  }

  const retryCount = row.retryCount + 1;
  return {
    ...released,
    state: RepositoryState.failed,
    retryCount,
    retryAt: nextRetryAt(retryCount, input.backoff ?? DEFAULT_BACKOFF),
    lastSyncFailure: input.failure ?? 'sync failed',
  };
}

async function finishAttempt(tx: Transaction, input: CompleteSyncInput): Promise<void> {
  await tx
    .update(syncAttempts)
    .set({
      finishedAt: sql`now()`,
      outcome: input.outcome,
      blobsCopied: input.blobsCopied,
      blobsMounted: input.blobsMounted ?? 0,
      bytesCopied: input.bytesCopied,
      error: input.outcome === 'failed' ? (input.failure ?? 'sync failed') : null,
    })
    .where(
      and(
        eq(syncAttempts.site, input.site),
        eq(syncAttempts.repository, input.repository),
        eq(syncAttempts.jobId, input.jobId),
        eq(syncAttempts.worker, input.worker),
        isNull(syncAttempts.finishedAt),
      ),
    );
}
