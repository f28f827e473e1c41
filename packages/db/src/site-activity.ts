import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from './database.js';
import { DbError } from './errors.js';
import { RepositoryState, registryRepositories, syncAttempts } from './schema.js';

/** How far back a worker's last attempt still counts as "seen recently". */
export const WORKERS_WINDOW_SECONDS = 600;

/** What the site's rows and attempts say about work waiting and workers running. */
export interface SiteActivity {
  /** The pending row left unchanged longest, and since when. */
  oldestPending?: { name: string; since: Date };
  /** Workers with an attempt started in the last {@link WORKERS_WINDOW_SECONDS}, by name. */
  recentWorkers: string[];
}

/** Reads the oldest pending row and the workers seen recently. */
export async function readSiteActivity(
  db: Database,
  site: string,
  now: Date = new Date(),
): Promise<SiteActivity> {
  const since = new Date(now.getTime() - WORKERS_WINDOW_SECONDS * 1000);

  try {
    const [oldest, workers] = await Promise.all([
      oldestPending(db, site),
      workersSince(db, site, since),
    ]);
    return {
      oldestPending: oldest && { name: oldest.name, since: oldest.updatedAt },
      recentWorkers: workers.map((row) => row.worker),
    };
  } catch (error) {
    throw DbError.from(error, 'QUERY_FAILED', `read activity of ${site}`, { site });
  }
}

async function oldestPending(db: Database, site: string) {
  const table = registryRepositories;

  const [row] = await db
    .select({ name: table.name, updatedAt: table.updatedAt })
    .from(table)
    .where(and(eq(table.site, site), eq(table.state, RepositoryState.pending)))
    .orderBy(asc(table.updatedAt), asc(table.name))
    .limit(1);
  return row;
}

function workersSince(db: Database, site: string, since: Date) {
  return db
    .selectDistinct({ worker: syncAttempts.worker })
    .from(syncAttempts)
    .where(and(eq(syncAttempts.site, site), gt(syncAttempts.startedAt, since)))
    .orderBy(asc(syncAttempts.worker));
}
