import { and, asc, count, desc, eq, gt, max, type SQL, sql, sum } from 'drizzle-orm';
import type { Database } from './database.js';
import { wrapQuery } from './errors.js';
import {
  type RepositoryRow,
  RepositoryState,
  registryRepositories,
  type SyncAttemptRow,
  siteCursors,
  syncAttempts,
} from './schema.js';

/** The repository's row, or undefined when the site has none. */
export function getRepository(
  db: Database,
  site: string,
  name: string,
): Promise<RepositoryRow | undefined> {
  return wrapQuery('read', { site, repository: name }, async () => {
    const [row] = await db
      .select()
      .from(registryRepositories)
      .where(and(eq(registryRepositories.site, site), eq(registryRepositories.name, name)));
    return row;
  });
}

/** A page query of {@link listRepositories}. */
export interface ListRepositoriesQuery {
  site: string;
  limit: number;
  /** Only names after this one: the last name of the previous page. */
  afterName?: string;
  state?: number;
  /** Only names containing this text. */
  nameContains?: string;
}

/** One page of the site's rows, ordered by name. */
export function listRepositories(
  db: Database,
  query: ListRepositoriesQuery,
): Promise<RepositoryRow[]> {
  const table = registryRepositories;
  const conditions: SQL[] = [eq(table.site, query.site)];
  if (query.afterName) conditions.push(gt(table.name, query.afterName));
  if (query.state !== undefined) conditions.push(eq(table.state, query.state));
  if (query.nameContains) conditions.push(sql`strpos(${table.name}, ${query.nameContains}) > 0`);

  return wrapQuery('list repositories of', { site: query.site }, () =>
    db
      .select()
      .from(table)
      .where(and(...conditions))
      .orderBy(asc(table.name))
      .limit(query.limit),
  );
}

/** How many of the site's rows are in each state. */
export interface StateCounts {
  pending: number;
  started: number;
  synced: number;
  failed: number;
  total: number;
}

/** Counts the site's rows by state. */
export function countByState(db: Database, site: string): Promise<StateCounts> {
  return wrapQuery('count states of', { site }, async () => {
    const rows = await db
      .select({ state: registryRepositories.state, count: count() })
      .from(registryRepositories)
      .where(eq(registryRepositories.site, site))
      .groupBy(registryRepositories.state);

    const of = (state: number) => rows.find((row) => row.state === state)?.count ?? 0;
    return {
      pending: of(RepositoryState.pending),
      started: of(RepositoryState.started),
      synced: of(RepositoryState.synced),
      failed: of(RepositoryState.failed),
      total: rows.reduce((total, row) => total + row.count, 0),
    };
  });
}

/** What the site copied in total, and when it last finished a sync. */
export function siteTotals(
  db: Database,
  site: string,
): Promise<{ blobsCopied: number; bytesCopied: number; lastSyncedAt: Date | null }> {
  return wrapQuery('total copies of', { site }, async () => {
    const [row] = await db
      .select({
        blobsCopied: sum(registryRepositories.blobsCopied).mapWith(Number),
        bytesCopied: sum(registryRepositories.bytesCopied).mapWith(Number),
        lastSyncedAt: max(registryRepositories.lastSyncedAt),
      })
      .from(registryRepositories)
      .where(eq(registryRepositories.site, site));

    return {
      blobsCopied: row?.blobsCopied ?? 0,
      bytesCopied: row?.bytesCopied ?? 0,
      lastSyncedAt: row?.lastSyncedAt ?? null,
    };
  });
}

/** The cursor's position in the event stream and its lag behind it, as last recorded. */
export interface CursorPosition {
  streamSequence: number;
  lastEventAt: Date | null;
  /** Events the cursor had yet to apply when last measured. */
  eventsBehind: number;
  lagMeasuredAt: Date | null;
}

/** The cursor's position in the event stream, or undefined before it first recorded one. */
export function getCursor(db: Database, site: string): Promise<CursorPosition | undefined> {
  return wrapQuery('read cursor of', { site }, async () => {
    const [row] = await db
      .select({
        streamSequence: siteCursors.streamSequence,
        lastEventAt: siteCursors.lastEventAt,
        eventsBehind: siteCursors.eventsBehind,
        lagMeasuredAt: siteCursors.lagMeasuredAt,
      })
      .from(siteCursors)
      .where(eq(siteCursors.site, site));
    return row;
  });
}

/** Persists how many events the site's cursor has yet to apply, measured just now. */
export function recordCursorLag(db: Database, site: string, eventsBehind: number): Promise<void> {
  return wrapQuery('record cursor lag of', { site }, async () => {
    await db
      .insert(siteCursors)
      .values({ site, eventsBehind, lagMeasuredAt: new Date() })
      .onConflictDoUpdate({
        target: siteCursors.site,
        set: { eventsBehind, lagMeasuredAt: sql`now()`, updatedAt: sql`now()` },
      });
  });
}

/** The repository's latest `limit` sync attempts, newest first. */
export function listAttempts(
  db: Database,
  site: string,
  repository: string,
  limit: number,
): Promise<SyncAttemptRow[]> {
  return wrapQuery('list attempts of', { site, repository }, () =>
    db
      .select()
      .from(syncAttempts)
      .where(and(eq(syncAttempts.site, site), eq(syncAttempts.repository, repository)))
      .orderBy(desc(syncAttempts.id))
      .limit(limit),
  );
}
