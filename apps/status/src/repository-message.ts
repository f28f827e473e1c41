import type { Repository } from '@geo/contracts';
import { type RepositoryRow, RepositoryState } from '@geo/db';
import { parseFailedTags } from './failed-tags.js';
import { toSyncState } from './sync-state.js';

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

/**
 * A registry row as the status service's Repository message, with the
 * failing tags of a failed row; `attempts` is left to GetRepository.
 */
export function toRepositoryMessage(row: RepositoryRow): Repository {
  return {
    name: row.name,
    state: toSyncState(row.state),
    retryCount: row.retryCount,
    retryAt: orUndefined(row.retryAt),
    lastSyncFailure: row.lastSyncFailure ?? '',
    lastSyncedAt: orUndefined(row.lastSyncedAt),
    createdAt: row.createdAt,
    startedAt: orUndefined(row.startedAt),
    syncAgain: row.syncAgain,
    verificationChecksum: row.verificationChecksum ?? '',
    verifiedAt: orUndefined(row.verifiedAt),
    blobsCopied: row.blobsCopied,
    bytesCopied: row.bytesCopied,
    tagCount: row.tagCount,
    failedTags: row.state === RepositoryState.failed ? parseFailedTags(row.lastSyncFailure) : [],
    attempts: [],
  };
}
