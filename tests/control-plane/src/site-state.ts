import {
  type Database,
  listAttempts,
  type RepositoryRow,
  RepositoryState,
  registryRepositories,
  type SyncAttemptRow,
} from '@geo/db';
import type { RegistryClient } from '@geo/registry-client';
import { eventsBehind as behind, connectNats } from '@geo/stream';
import { and, count, eq, or } from 'drizzle-orm';

/** What `geoctl status --json` prints, as far as the tests read it. */
export interface StatusJson {
  replicationEnabled: boolean;
  counts: { pending: number; started: number; synced: number; failed: number; total: number };
  eventsBehind: number;
  cursorSequence: number;
}

/** Jobs of `site` queued or running right now, as the capacity counts them. */
export async function outstandingJobs(db: Database, site: string): Promise<number> {
  const table = registryRepositories;
  const [row] = await db
    .select({ n: count() })
    .from(table)
    .where(
      and(
        eq(table.site, site),
        or(eq(table.jobQueued, true), eq(table.state, RepositoryState.started)),
      ),
    );
  return row?.n ?? 0;
}

/** Every row of `site`. */
export function rowsOf(db: Database, site: string): Promise<RepositoryRow[]> {
  return db.select().from(registryRepositories).where(eq(registryRepositories.site, site));
}

/** The repository's attempts, oldest first. */
export async function attemptsOf(
  db: Database,
  site: string,
  repository: string,
): Promise<SyncAttemptRow[]> {
  return (await listAttempts(db, site, repository, 1_000)).reverse();
}

/** True when two attempts of the list ran at the same time. */
export function overlapping(attempts: SyncAttemptRow[]): boolean {
  const sorted = [...attempts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return sorted.some((attempt, index) => {
    const previous = sorted[index - 1];
    if (!previous) return false;
    const previousEnd = previous.finishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    return attempt.startedAt.getTime() < previousEnd;
  });
}

/** Tag to digest of `repository` on one registry. */
export async function tagDigests(
  client: RegistryClient,
  repository: string,
): Promise<Record<string, string>> {
  const tags = await client.listTags(repository);
  const entries = await Promise.all(
    tags.map(async (tag) => [tag, (await client.resolveManifest(repository, tag)).digest] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** True when the secondary holds exactly the primary's tags and digests for every name. */
export async function exactCopies(
  primary: RegistryClient,
  secondary: RegistryClient,
  repositories: string[],
): Promise<boolean> {
  for (const repository of repositories) {
    const [want, have] = await Promise.all([
      tagDigests(primary, repository),
      tagDigests(secondary, repository),
    ]);
    if (JSON.stringify(want) !== JSON.stringify(have)) return false;
  }
  return true;
}

/** Events the site's cursor has yet to apply, asked of JetStream. */
export async function eventsBehind(natsUrl: string, site: string): Promise<number> {
  const nc = await connectNats([natsUrl], 'control-plane-test');
  try {
    return await behind(nc, site);
  } finally {
    await nc.close();
  }
}
