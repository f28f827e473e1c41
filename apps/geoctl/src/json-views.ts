import type { Repository, SiteStatus } from '@geo/contracts';
import { type StateWord, stateWord } from './sync-state-words.js';

/** A repository as `--json` prints it. */
export interface RepositoryJson {
  name: string;
  state: StateWord | 'unknown';
  retryCount: number;
  retryAt: string | null;
  lastSyncFailure: string | null;
  lastSyncedAt: string | null;
  createdAt: string | null;
  startedAt: string | null;
  syncAgain: boolean;
  verificationChecksum: string | null;
  verifiedAt: string | null;
  tagCount: number;
  blobsCopied: number;
  bytesCopied: number;
}

/** The site's status as `--json` prints it. */
export interface SiteStatusJson {
  site: string;
  replicationEnabled: boolean;
  counts: { pending: number; started: number; synced: number; failed: number; total: number };
  eventsBehind: number;
  cursorSequence: number;
  lastEventAt: string | null;
  lastSyncedAt: string | null;
  blobsCopied: number;
  bytesCopied: number;
}

/** An ISO 8601 timestamp, or null for an unset one. */
export function isoOrNull(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

function textOrNull(text: string): string | null {
  return text === '' ? null : text;
}

/** Converts a Repository message into its JSON view. */
export function repositoryJson(repository: Repository): RepositoryJson {
  return {
    name: repository.name,
    state: stateWord(repository.state),
    retryCount: repository.retryCount,
    retryAt: isoOrNull(repository.retryAt),
    lastSyncFailure: textOrNull(repository.lastSyncFailure),
    lastSyncedAt: isoOrNull(repository.lastSyncedAt),
    createdAt: isoOrNull(repository.createdAt),
    startedAt: isoOrNull(repository.startedAt),
    syncAgain: repository.syncAgain,
    verificationChecksum: textOrNull(repository.verificationChecksum),
    verifiedAt: isoOrNull(repository.verifiedAt),
    tagCount: repository.tagCount,
    blobsCopied: repository.blobsCopied,
    bytesCopied: repository.bytesCopied,
  };
}

/** Converts a SiteStatus message into its JSON view. */
export function siteStatusJson(status: SiteStatus): SiteStatusJson {
  const counts = status.counts;

  return {
    site: status.site,
    replicationEnabled: status.replicationEnabled,
    counts: {
      pending: counts?.pending ?? 0,
      started: counts?.started ?? 0,
      synced: counts?.synced ?? 0,
      failed: counts?.failed ?? 0,
      total: counts?.total ?? 0,
    },
    eventsBehind: status.eventsBehind,
    cursorSequence: status.cursorSequence,
    lastEventAt: isoOrNull(status.lastEventAt),
    lastSyncedAt: isoOrNull(status.lastSyncedAt),
    blobsCopied: status.blobsCopied,
    bytesCopied: status.bytesCopied,
  };
}
