import { ReplicationError, reasonOf } from './errors.js';
import type { Limiter } from './limiter.js';
import { resolveTags, unreadableTags } from './resolve-tags.js';
import type { SyncContext } from './sync-context.js';
import type { SyncFailure } from './sync-types.js';
import { tagChecksum } from './tag-checksum.js';

/** What {@link verifyCopy} found on the secondary. */
export interface Verification {
  /** {@link tagChecksum} of the secondary's tags as read back. */
  checksum: string;
  /** One entry per tag where the secondary differs from `expected`. */
  mismatches: SyncFailure[];
}

/** Options of {@link verifyCopy}. */
export interface VerifyOptions {
  /** Tags whose digest on the secondary is known already; they are listed but not resolved. */
  known?: ReadonlyMap<string, string>;
  pageSize?: number;
}

/**
 * Lists the secondary's tags again, after the sync, and compares each with
 * the digest the primary had (`expected`), so that a sync is only called
 * complete when the secondary is an exact copy. A listed tag is resolved
 * unless `known` gives its digest. Tags in `skip` (those that already
 * failed, or that the primary could not resolve) are not compared.
 */
export async function verifyCopy(
  context: SyncContext,
  expected: ReadonlyMap<string, string>,
  skip: ReadonlySet<string>,
  limit: Limiter,
  options: VerifyOptions = {},
): Promise<Verification> {
  const { secondary, repository, signal } = context;
  const { known = new Map<string, string>(), pageSize } = options;
  const tags = await secondary.listTags(repository, { pageSize, signal }).catch((error) => {
    const code = signal?.aborted ? 'ABORTED' : 'SECONDARY_UNAVAILABLE';
    throw new ReplicationError(code, `verify: list tags: ${reasonOf(error)}`, {
      repository,
      cause: error,
    });
  });
  const unknown = tags.filter((tag) => !known.has(tag));
  const read = await resolveTags(secondary, repository, unknown, limit, signal);
  const actual = new Map<string, { digest: string }>(read.resolved);
  for (const tag of tags) {
    const digest = known.get(tag);
    if (digest !== undefined) actual.set(tag, { digest });
  }

  return compareCopy(expected, actual, unreadableTags(read), skip);
}

/**
 * Compares the secondary's tags (`actual`, resolved; `unreadable`, those
 * that failed to resolve, with the reason) with `expected`, as
 * {@link verifyCopy} does after reading them.
 */
export function compareCopy(
  expected: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, { digest: string }>,
  unreadable: ReadonlyMap<string, string>,
  skip: ReadonlySet<string>,
): Verification {
  const digests = new Map([...actual].map(([tag, { digest }]) => [tag, digest]));
  const mismatches: SyncFailure[] = [];
  for (const [tag, reason] of unreadable) {
    if (!skip.has(tag)) mismatches.push({ tag, reason: `verify: ${reason}` });
  }
  for (const tag of new Set([...expected.keys(), ...digests.keys()])) {
    if (skip.has(tag) || unreadable.has(tag)) continue;
    const reason = difference(expected.get(tag), digests.get(tag));
    if (reason) mismatches.push({ tag, reason: `verify: ${reason}` });
  }

  return { checksum: tagChecksum(digests), mismatches };
}

function difference(primary?: string, secondary?: string): string | undefined {
  if (primary === secondary) return undefined;
  if (secondary === undefined) return `missing on the secondary (primary ${primary})`;
  if (primary === undefined) return `on the secondary (${secondary}) but not on the primary`;
  return `the secondary has ${secondary}, the primary ${primary}`;
}
