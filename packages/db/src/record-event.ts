import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import { lockRow, requestSync } from './row-lock.js';
import { registryRepositories, siteCursors } from './schema.js';

/** A registry event as the cursor applies it. */
export interface RecordEventInput {
  site: string;
  repository: string;
  /** The event's sequence in the event stream. */
  sequence: number;
  occurredAt: Date;
  /**
   * False while replication is disabled: the row is recorded pending but no
   * job is queued and `enqueue` stays false. Default true.
   */
  queueJob?: boolean;
}

/**
 * Applies one registry event in one transaction: the repository's row asks
 * for a sync (pending, or "sync again" while a sync runs) and the site's
 * cursor advances. `enqueue` is true when the caller must publish the one
 * sync job of the row, because none is queued yet.
 *
 * A row left `started` by a worker whose claim lapsed counts as not running,
 * so an event still brings it a job. An event applied before (redelivered
 * because the cursor died or failed to publish before acking) enqueues
 * again while the row still waits for its job: that job may never have been
 * published, and a duplicate is harmless since workers claim the row first.
 */
export function recordEvent(db: Database, input: RecordEventInput): Promise<{ enqueue: boolean }> {
  const { site, repository, sequence, occurredAt } = input;
  // postgres.js binds a Date inside raw SQL badly, so it travels as text.
  const at = sql`${occurredAt.toISOString()}::timestamptz`;

  return wrapQuery('record event of', { site, repository }, () =>
    db.transaction(async (tx) => {
      const locked = await lockRow(tx, site, repository);
      const { changes, enqueue } = requestSync(locked, input.queueJob ?? true);
      const replayed =
        input.queueJob !== false &&
        sequence <= locked.row.lastEventSequence &&
        locked.row.jobQueued;

      await tx
        .update(registryRepositories)
        .set({
          ...changes,
          lastEventSequence: sql`GREATEST(${registryRepositories.lastEventSequence}, ${sequence})`,
          lastEventAt: sql`GREATEST(${registryRepositories.lastEventAt}, ${at})`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(registryRepositories.site, site), eq(registryRepositories.name, repository)));

      await tx
        .insert(siteCursors)
        .values({ site, streamSequence: sequence, lastEventAt: occurredAt })
        .onConflictDoUpdate({
          target: siteCursors.site,
          set: {
            streamSequence: sql`GREATEST(${siteCursors.streamSequence}, ${sequence})`,
            lastEventAt: sql`GREATEST(${siteCursors.lastEventAt}, ${at})`,
            updatedAt: sql`now()`,
          },
        });

      return { enqueue: enqueue || (replayed && !locked.active) };
    }),
  );
}
