import {
  addRepositories,
  type Database,
  listRepositories,
  markForSync,
  markVerified,
  type RepositoryRow,
  RepositoryState,
} from '@geo/db';
import type { RegistryClient } from '@geo/registry-client';
import type { Logger } from '@geo/telemetry';
import { tagChecksumOf } from './tag-checksum-of.js';

/** What a reconciliation pass needs; passed in so tests can give their own. */
export interface ReconcileDeps {
  db: Database;
  site: string;
  primary: RegistryClient;
  secondary: RegistryClient;
  logger: Logger;
  /** Repositories compared at once. */
  concurrency: number;
  signal?: AbortSignal;
}

/** What one pass found. */
export interface ReconcileSummary {
  /** Repositories on the primary that had no row: created pending. */
  added: number;
  /** Rows whose repository the primary no longer lists: marked for a sync that empties it. */
  missing: number;
  /** Synced rows whose tags differ between the registries: marked pending. */
  differing: number;
  /** Synced rows found identical on both sides. */
  verified: number;
}

const PAGE_SIZE = 500;

/**
 * Brings the site's rows level with the primary without relying on events:
 * every repository of the primary's catalog gets a row (backfill), rows
 * whose repository is gone from it are marked for the sync that empties the
 * secondary, and each synced repository's tag checksum is compared on both
 * registries and with the row's, marking those that differ pending. Pending
 * rows get their jobs from the scheduler, within the site's capacity. A
 * catalog that cannot be read fails the pass, changing nothing: an
 * unreachable primary must never look empty.
 */
export async function reconcilePass(deps: ReconcileDeps): Promise<ReconcileSummary> {
  const { db, site } = deps;
  const catalog = new Set(await deps.primary.listCatalog({ signal: deps.signal }));
  const summary: ReconcileSummary = { added: 0, missing: 0, differing: 0, verified: 0 };

  const names = [...catalog];
  for (let start = 0; start < names.length; start += PAGE_SIZE) {
    const added = await addRepositories(db, site, names.slice(start, start + PAGE_SIZE));
    summary.added += added.length;
  }

  let afterName: string | undefined;
  for (;;) {
    const rows = await listRepositories(db, { site, limit: PAGE_SIZE, afterName });
    await reconcileRows(deps, rows, catalog, summary);

    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) break;
    afterName = last.name;
  }

  return summary;
}

async function reconcileRows(
  deps: ReconcileDeps,
  rows: RepositoryRow[],
  catalog: Set<string>,
  summary: ReconcileSummary,
): Promise<void> {
  const { db, site } = deps;

  const missing = rows
    .filter((row) => !catalog.has(row.name) && !row.missingOnPrimary)
    .map((row) => row.name);
  summary.missing += await markForSync(db, site, missing, { missingOnPrimary: true });

  const synced = rows.filter(
    (row) => catalog.has(row.name) && row.state === RepositoryState.synced,
  );
  const differing: string[] = [];
  const verified: string[] = [];

  let next = 0;
  const compareNext = async (): Promise<void> => {
    while (next < synced.length) {
      const row = synced[next] as RepositoryRow;
      next += 1;
      const same = await isExactCopy(deps, row);
      if (same === true) verified.push(row.name);
      if (same === false) differing.push(row.name);
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency }, compareNext));

  summary.differing += await markForSync(db, site, differing);
  await markVerified(db, site, verified);
  summary.verified += verified.length;
}

/**
 * True when both registries hold the tags and digests the row last synced;
 * undefined when a registry could not be read (the next pass tries again).
 */
async function isExactCopy(deps: ReconcileDeps, row: RepositoryRow): Promise<boolean | undefined> {
  try {
    const [onPrimary, onSecondary] = await Promise.all([
      tagChecksumOf(deps.primary, row.name, deps.signal),
      tagChecksumOf(deps.secondary, row.name, deps.signal),
    ]);
    return onPrimary === onSecondary && onPrimary === row.verificationChecksum;
  } catch (error) {
    deps.logger.warn({ repository: row.name, err: error }, 'repository not compared');
    return undefined;
  }
}
