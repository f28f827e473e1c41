import { and, eq, sql } from 'drizzle-orm';
import { freeCapacity } from './capacity.js';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import { lockRow, requestSync, type Transaction } from './row-lock.js';
import { type RepositoryRow, registryRepositories, siteCursors } from './schema.js';

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
  /**
   * Most jobs the site may have outstanding. When reached, the row is left
   * pending without a job and the scheduler queues it once a slot frees.
   */
  capacity?: number;
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
export async function recordEvent(
  db: Database,
  input: RecordEventInput,
): Promise<{ enqueue: boolean }> {
  const [outcome] = await recordEvents(db, [input]);
  return outcome ?? { enqueue: false };
}

/**
 * Applies several events of one site in one transaction, as
 * {@link recordEvent} applies one; the outcomes come in the order of
 * `inputs`. One commit for a whole batch is what lets the cursor keep up
 * with a burst of notifications. Rows are locked in name order, so two
 * batches never wait on each other in a cycle.
 */
export function recordEvents(
  db: Database,
  inputs: readonly RecordEventInput[],
): Promise<Array<{ enqueue: boolean }>> {
  const first = inputs[0];
  if (!first) return Promise.resolve([]);
  const { site } = first;
  if (inputs.some((input) => input.site !== site)) {
    throw new Error('recordEvents takes the events of one site');
  }
  const order = inputs
    .map((input, index) => ({ input, index }))
    .sort(
      (a, b) =>
        a.input.repository.localeCompare(b.input.repository) || a.input.sequence - b.input.sequence,
    );
  const repository = inputs.length === 1 ? first.repository : undefined;

  return wrapQuery('record events of', { site, repository }, () =>
    db.transaction(async (tx) => {
      const outcomes: Array<{ enqueue: boolean }> = new Array(inputs.length);
      for (const { input, index } of order) {
        outcomes[index] = { enqueue: await applyEvent(tx, input) };
      }

      await advanceCursor(tx, inputs);
      return outcomes;
    }),
  );
}

/** Marks the event's row for a sync; true when the caller must publish its job. */
async function applyEvent(tx: Transaction, input: RecordEventInput): Promise<boolean> {
  const { site, repository, sequence, occurredAt } = input;
  const at = timestamptz(occurredAt);
  const locked = await lockRow(tx, site, repository);
  const queueJob = await mayQueue(tx, locked, input);
  const { changes, enqueue } = requestSync(locked, queueJob);
  const replayed = queueJob && sequence <= locked.row.lastEventSequence && locked.row.jobQueued;

  await tx
    .update(registryRepositories)
    .set({
      ...changes,
      missingOnPrimary: false,
      lastEventSequence: sql`GREATEST(${registryRepositories.lastEventSequence}, ${sequence})`,
      lastEventAt: sql`GREATEST(${registryRepositories.lastEventAt}, ${at})`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(registryRepositories.site, site), eq(registryRepositories.name, repository)));

  return enqueue || (replayed && !locked.active);
}

/** Moves the site's cursor to the newest of `inputs`, never backwards. */
async function advanceCursor(tx: Transaction, inputs: readonly RecordEventInput[]) {
  const site = inputs[0]?.site ?? '';
  const sequence = Math.max(...inputs.map((input) => input.sequence));
  const occurredAt = new Date(Math.max(...inputs.map((input) => input.occurredAt.getTime())));
  const at = timestamptz(occurredAt);

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
}

/** postgres.js binds a Date inside raw SQL badly, so it travels as text. */
function timestamptz(date: Date) {
  return sql`${date.toISOString()}::timestamptz`;
}

/**
 * Whether a job may be queued for the locked row: replication is on and,
 * when the row has none queued and none running, the site has a free slot.
 */
async function mayQueue(
  tx: Transaction,
  locked: { row: RepositoryRow; active: boolean },
  input: RecordEventInput,
): Promise<boolean> {
  if (input.queueJob === false) return false;
  if (input.capacity === undefined || locked.active || locked.row.jobQueued) return true;

  return (await freeCapacity(tx, input.site, input.capacity)) > 0;
}
