import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Replication state of a repository, as the reference product numbers it. */
export const RepositoryState = {
  pending: 0,
  started: 1,
  synced: 2,
  failed: 3,
} as const;

/** One of {@link RepositoryState}'s values. */
export type RepositoryStateValue = (typeof RepositoryState)[keyof typeof RepositoryState];

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per (site, repository): how far this site's copy of it has come. */
export const registryRepositories = pgTable(
  'registry_repositories',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    site: text('site').notNull(),
    name: text('name').notNull(),
    state: smallint('state').notNull().default(RepositoryState.pending),
    /** Events arrived while a sync ran: sync once more when it ends. */
    syncAgain: boolean('sync_again').notNull().default(false),
    /** A sync job for this row is on the work queue and not yet claimed. */
    jobQueued: boolean('job_queued').notNull().default(false),
    retryCount: integer('retry_count').notNull().default(0),
    retryAt: timestamptz('retry_at'),
    lastSyncFailure: text('last_sync_failure'),
    lastSyncedAt: timestamptz('last_synced_at'),
    startedAt: timestamptz('started_at'),
    /**
     * Reconciliation found the repository gone from the primary's catalog:
     * the row is removed once a sync has emptied it on the secondary.
     */
    missingOnPrimary: boolean('missing_on_primary').notNull().default(false),
    /** The worker holding the claim, and when the claim lapses if not renewed. */
    claimedBy: text('claimed_by'),
    claimExpiresAt: timestamptz('claim_expires_at'),
    lastEventSequence: bigint('last_event_sequence', { mode: 'number' }).notNull().default(0),
    lastEventAt: timestamptz('last_event_at'),
    /** SHA-256 over the sorted `tag digest` lines of the last successful sync. */
    verificationChecksum: text('verification_checksum'),
    verifiedAt: timestamptz('verified_at'),
    tagCount: integer('tag_count').notNull().default(0),
    blobsCopied: bigint('blobs_copied', { mode: 'number' }).notNull().default(0),
    bytesCopied: bigint('bytes_copied', { mode: 'number' }).notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('registry_repositories_site_name').on(table.site, table.name),
    index('registry_repositories_site_state').on(table.site, table.state),
    index('registry_repositories_retry_at')
      .on(table.site, table.retryAt)
      .where(sql`${table.state} = 3`),
    // Outstanding jobs (queued or running) are counted against the site's capacity.
    index('registry_repositories_outstanding')
      .on(table.site)
      .where(sql`${table.jobQueued} OR ${table.state} = 1`),
  ],
);

/** The cursor's position in the registry event stream, per site. */
export const siteCursors = pgTable('site_cursors', {
  site: text('site').primaryKey(),
  streamSequence: bigint('stream_sequence', { mode: 'number' }).notNull().default(0),
  lastEventAt: timestamptz('last_event_at'),
  /** Events the cursor had yet to apply when last measured, and when that was. */
  eventsBehind: bigint('events_behind', { mode: 'number' }).notNull().default(0),
  lagMeasuredAt: timestamptz('lag_measured_at'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** One row per sync attempt of a repository, for status and for tests. */
export const syncAttempts = pgTable(
  'sync_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    site: text('site').notNull(),
    repository: text('repository').notNull(),
    jobId: text('job_id').notNull(),
    worker: text('worker').notNull(),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
    /** `synced`, `failed`, or null while running. */
    outcome: text('outcome'),
    blobsCopied: bigint('blobs_copied', { mode: 'number' }).notNull().default(0),
    /** Blobs the secondary mounted from another of its repositories instead of a copy. */
    blobsMounted: bigint('blobs_mounted', { mode: 'number' }).notNull().default(0),
    bytesCopied: bigint('bytes_copied', { mode: 'number' }).notNull().default(0),
    error: text('error'),
  },
  (table) => [index('sync_attempts_site_repository').on(table.site, table.repository, table.id)],
);

/** A row of {@link registryRepositories}. */
export type RepositoryRow = typeof registryRepositories.$inferSelect;
/** A row of {@link syncAttempts}. */
export type SyncAttemptRow = typeof syncAttempts.$inferSelect;
