import type { Manifest, RegistryClient } from '@geo/registry-client';
import { processBlobLocations } from './blob-locations.js';
import { pushTag } from './copy-manifest.js';
import { copyReferrers } from './copy-referrers.js';
import { ReplicationError, reasonOf } from './errors.js';
import { createLimiter, type Limiter } from './limiter.js';
import { pruneTags } from './prune-tags.js';
import { reachPrimary } from './reach-primary.js';
import { resolveTags, unreadableTags } from './resolve-tags.js';
import { keepFetched, type SyncContext } from './sync-context.js';
import type { SyncFailure, SyncOptions, SyncResult, TagDigests } from './sync-types.js';
import { tagChecksum } from './tag-checksum.js';
import { compareCopy, verifyCopy } from './verify-copy.js';

/**
 * Makes `repository` on the secondary an exact copy of the primary's: every
 * tag at the same digest, with every manifest, blob and referrer it needs,
 * and no tag the primary lacks (a repository the primary does not know is
 * emptied). A tag that fails does not stop the others; it is listed in
 * `failures`, as is every tag the secondary does not hold at the primary's
 * digest at the end. A sync that wrote lists the secondary's tags again
 * for that check and resolves each unless its digest is known: read by
 * this sync, or named by the registry when this sync put it, and nothing
 * deleted since. A sync that wrote nothing compares the tags it has just
 * read. Throws when the sync cannot run at all
 * (primary refused or unreachable, a tag list unreadable), so a refusal
 * never looks like an empty repository.
 */
export async function syncRepository(options: SyncOptions): Promise<SyncResult> {
  const context = createContext(options);
  const concurrency = options.concurrency ?? 4;
  const failures: SyncFailure[] = [];
  const resolveLimit = createLimiter(Math.max(concurrency, 8));

  const tags = await reachAndList(context, resolveLimit, failures, options.tagPageSize);

  const tagLimit = createLimiter(concurrency);
  await Promise.all(
    [...tags.primary].map(([tag, { digest }]) =>
      tagLimit(() => syncTag(context, tags, tag, digest, failures)),
    ),
  );
  checkAborted(context);

  await pruneTags(context, tags, failures);
  checkAborted(context);

  const digests = new Map([...tags.primary].map(([tag, { digest }]) => [tag, digest]));
  const skip = new Set(failures.map((failure) => failure.tag));
  // The secondary's tags were resolved moments ago in this sync: when it
  // wrote nothing, comparing them is the verification, without reading again.
  const verified = context.wrote
    ? await verifyCopy(context, digests, skip, resolveLimit, {
        known: knownSecondaryTags(context, tags),
        pageSize: options.tagPageSize,
      })
    : compareCopy(digests, tags.secondary, new Map(), skip);
  failures.push(...verified.mismatches);
  checkAborted(context);

  return {
    tags: digests.size,
    checksum: tagChecksum(digests),
    secondaryChecksum: verified.checksum,
    ...context.counters,
    failures,
  };
}

/**
 * What the secondary's tags point at without asking again: when the sync
 * deleted nothing, each tag is where this sync's listing found it or where
 * a put of this sync moved it (the registry named the digest it stored); a
 * tag put without a named digest is unknown, even one listed before. A
 * delete removes every tag on a digest, so after one nothing is known.
 */
function knownSecondaryTags(context: SyncContext, tags: TagDigests): Map<string, string> {
  if (context.deleted) return new Map();

  const known = new Map([...tags.secondary].map(([tag, { digest }]) => [tag, digest]));
  for (const [tag, digest] of context.tagged) {
    if (digest === undefined) known.delete(tag);
    else known.set(tag, digest);
  }
  return known;
}

function createContext(options: SyncOptions): SyncContext {
  const { primary, secondary, repository, signal, onProgress } = options;

  return {
    primary,
    secondary,
    repository,
    signal,
    blobLimit: createLimiter(options.concurrency ?? 4),
    counters: {
      copiedBlobs: 0,
      mountedBlobs: 0,
      skippedBlobs: 0,
      copiedBytes: 0,
      pushedManifests: 0,
      deletedTags: 0,
    },
    report(event) {
      try {
        onProgress?.(event);
      } catch {
        // A progress listener must not break the sync.
      }
    },
    blobs: new Map(),
    prepared: new Map(),
    pushedChildren: new Map(),
    referrers: new Map(),
    referrersApi: true,
    referrerDigests: new Set(),
    wrote: false,
    deleted: false,
    tagged: new Map(),
    secondaryEmpty: false,
    fetched: new Map(),
    fetchedBytes: 0,
    blobLocations: options.blobLocations ?? processBlobLocations,
  };
}

/**
 * Pings the primary while both sides' tags are listed and resolved, so the
 * ping costs no round trip of its own; a refused primary fails as
 * unavailable, by the ping or, within the ping's reuse, by its listing.
 */
async function reachAndList(
  context: SyncContext,
  limit: Limiter,
  failures: SyncFailure[],
  pageSize?: number,
): Promise<TagDigests> {
  const [reached, listed] = await Promise.allSettled([
    reachPrimary(context),
    listAndResolve(context, limit, failures, pageSize),
  ]);

  if (reached.status === 'rejected') throw reached.reason;
  if (listed.status === 'rejected') throw listed.reason;
  return listed.value;
}

async function listAndResolve(
  context: SyncContext,
  limit: Limiter,
  failures: SyncFailure[],
  pageSize?: number,
): Promise<TagDigests> {
  const { primary, secondary, repository, signal } = context;
  const primaryListing = list(primary, repository, 'PRIMARY_UNAVAILABLE', pageSize, signal);
  const secondaryListing = list(secondary, repository, 'SECONDARY_UNAVAILABLE', pageSize, signal);
  // The secondary is resolved as soon as its list is in. The primary waits
  // for that list too: when the secondary has no tags, every tag is to be
  // copied, so each is fetched (GET) rather than resolved (HEAD) and then
  // fetched again, as long as the fetched manifests fit the sync's budget.
  // Otherwise a HEAD keeps an unchanged tag cheap. (Pull limits such as
  // Docker Hub's count GETs, not HEADs: a new repository costs a counted
  // pull per tag, aliases of one manifest included, once.)
  const resolving = Promise.all([
    Promise.all([primaryListing, secondaryListing]).then(([tags, onSecondary]) => {
      const onFetched =
        onSecondary.length === 0
          ? (manifest: Manifest) => keepFetched(context, manifest)
          : undefined;
      return resolveTags(primary, repository, tags, limit, signal, onFetched);
    }),
    secondaryListing.then((tags) => resolveTags(secondary, repository, tags, limit, signal)),
  ]);
  resolving.catch(() => undefined);

  const [primaryTags, secondaryTags] = await Promise.all([primaryListing, secondaryListing]);
  context.secondaryEmpty = secondaryTags.length === 0;
  context.report({
    type: 'tags-listed',
    primary: primaryTags.length,
    secondary: secondaryTags.length,
  });

  const [onPrimary, onSecondary] = await resolving;
  checkAborted(context);

  for (const [tag, reason] of onPrimary.failed) failures.push({ tag, reason });
  const primaryListed = new Set(primaryTags.filter((tag) => !onPrimary.vanished.has(tag)));
  // A secondary tag that cannot be resolved, or that it lists but does not
  // serve, is pushed again when the primary has it; one the primary lacks
  // cannot be deleted without its digest.
  for (const [tag, reason] of unreadableTags(onSecondary)) {
    if (!primaryListed.has(tag)) failures.push({ tag, reason: `delete: ${reason}` });
  }

  return { primary: onPrimary.resolved, primaryListed, secondary: onSecondary.resolved };
}

/**
 * Every tag of one side. Only a registry that answers NAME_UNKNOWN lists
 * none (the repository is gone, and is emptied on the secondary); a 401,
 * 403, 5xx or network error stops the sync.
 */
async function list(
  client: RegistryClient,
  repository: string,
  code: 'PRIMARY_UNAVAILABLE' | 'SECONDARY_UNAVAILABLE',
  pageSize: number | undefined,
  signal?: AbortSignal,
): Promise<string[]> {
  try {
    return await client.listTags(repository, { pageSize, signal });
  } catch (error) {
    const failed = signal?.aborted ? 'ABORTED' : code;
    throw new ReplicationError(failed, `list tags: ${reasonOf(error)}`, {
      repository,
      cause: error,
    });
  }
}

/**
 * Brings one tag level, then its referrers. Referrers are looked up even
 * when the tag itself is already in place, since new ones arrive without
 * the tag moving.
 */
async function syncTag(
  context: SyncContext,
  tags: TagDigests,
  tag: string,
  digest: string,
  failures: SyncFailure[],
): Promise<void> {
  try {
    if (tags.secondary.get(tag)?.digest !== digest) {
      await pushTag(context, tag, digest);
      context.report({ type: 'tag-synced', tag, digest });
    }
    await copyReferrers(context, digest).catch((error: unknown) => {
      const message = `referrers of ${digest}: ${reasonOf(error)}`;
      const details = { repository: context.repository, tag, digest, cause: error };
      throw new ReplicationError('REFERRERS_FAILED', message, details);
    });
  } catch (error) {
    const reason = reasonOf(error);
    failures.push({ tag, reason });
    context.report({ type: 'tag-failed', tag, reason });
  }
}

function checkAborted(context: SyncContext): void {
  if (!context.signal?.aborted) return;

  throw new ReplicationError('ABORTED', 'sync aborted', {
    repository: context.repository,
    cause: context.signal.reason,
  });
}
