import {
  type CheckFreshnessResponse,
  Freshness,
  type Repository,
  type SiteStatus,
  type SyncAttempt,
} from '@geo/contracts';
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
  /** The tags a failed sync could not replicate, with why. */
  failedTags: { tag: string; reason: string }[];
  /** The latest attempts, newest first (`geoctl repo` only; empty in lists). */
  attempts: AttemptJson[];
}

/** One sync attempt as `--json` prints it. */
export interface AttemptJson {
  jobId: string;
  worker: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** `synced`, `failed`, or null while running. */
  outcome: string | null;
  blobsCopied: number;
  /** Blobs mounted from another repository of the secondary instead of copied. */
  blobsMounted: number;
  bytesCopied: number;
  error: string | null;
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
  oldestPendingRepository: string | null;
  oldestPendingSince: string | null;
  recentWorkers: string[];
  workersWindowSeconds: number;
}

/** The words `geoctl fresh` uses for a tag's freshness. */
export type FreshnessWord =
  | 'fresh'
  | 'stale'
  | 'missing-on-secondary'
  | 'missing-on-primary'
  | 'unknown';

/** A freshness answer as `geoctl fresh --json` prints it. */
export interface FreshnessJson {
  repository: string;
  tag: string;
  freshness: FreshnessWord;
  fresh: boolean;
  primaryDigest: string | null;
  secondaryDigest: string | null;
  checkedAt: string | null;
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
    failedTags: repository.failedTags.map(({ tag, reason }) => ({ tag, reason })),
    attempts: repository.attempts.map(attemptJson),
  };
}

function attemptJson(attempt: SyncAttempt): AttemptJson {
  return {
    jobId: attempt.jobId,
    worker: attempt.worker,
    startedAt: isoOrNull(attempt.startedAt),
    finishedAt: isoOrNull(attempt.finishedAt),
    outcome: textOrNull(attempt.outcome),
    blobsCopied: attempt.blobsCopied,
    blobsMounted: attempt.blobsMounted,
    bytesCopied: attempt.bytesCopied,
    error: textOrNull(attempt.error),
  };
}

const freshnessWords: Record<number, FreshnessWord> = {
  [Freshness.FRESHNESS_FRESH]: 'fresh',
  [Freshness.FRESHNESS_STALE]: 'stale',
  [Freshness.FRESHNESS_MISSING_ON_SECONDARY]: 'missing-on-secondary',
  [Freshness.FRESHNESS_MISSING_ON_PRIMARY]: 'missing-on-primary',
};

/** Converts a CheckFreshness answer into its JSON view. */
export function freshnessJson(answer: CheckFreshnessResponse): FreshnessJson {
  return {
    repository: answer.repository,
    tag: answer.tag,
    freshness: freshnessWords[answer.freshness] ?? 'unknown',
    fresh: answer.fresh,
    primaryDigest: textOrNull(answer.primaryDigest),
    secondaryDigest: textOrNull(answer.secondaryDigest),
    checkedAt: isoOrNull(answer.checkedAt),
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
    oldestPendingRepository: textOrNull(status.oldestPendingRepository),
    oldestPendingSince: isoOrNull(status.oldestPendingSince),
    recentWorkers: status.recentWorkers,
    workersWindowSeconds: status.workersWindowSeconds,
  };
}
