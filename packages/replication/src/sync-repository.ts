import type { RegistryClient } from '@geo/registry-client';
import { pushTag } from './copy-manifest.js';
import { ReplicationError, reasonOf } from './errors.js';
import { createLimiter } from './limiter.js';
import { pruneTags } from './prune-tags.js';
import { resolveTags } from './resolve-tags.js';
import type { SyncContext } from './sync-context.js';
import type { SyncFailure, SyncOptions, SyncResult, TagDigests } from './sync-types.js';
import { tagChecksum } from './tag-checksum.js';

/**
 * Makes `repository` on the secondary an exact copy of the primary's: every
 * tag at the same digest, with every manifest and blob it needs, and no tag
 * the primary lacks. A tag that fails does not stop the others; it is listed
 * in `failures`. Throws when the sync cannot run at all (primary refused or
 * unreachable, a tag list unreadable), so a refusal never looks like an
 * empty repository.
 */
export async function syncRepository(options: SyncOptions): Promise<SyncResult> {
  const context = createContext(options);
  const concurrency = options.concurrency ?? 4;
  const failures: SyncFailure[] = [];

  await reachPrimary(context);
  const tags = await listAndResolve(context, concurrency, failures);

  // TODO: referrers (OCI 1.1 API with the tag-schema fallback) come in their
  // own issue; until then a subject's signatures and SBOMs are not copied.
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
  return { tags: digests.size, checksum: tagChecksum(digests), ...context.counters, failures };
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
  };
}

async function reachPrimary(context: SyncContext): Promise<void> {
  try {
    await context.primary.ping({ signal: context.signal });
  } catch (error) {
    throw new ReplicationError(
      'PRIMARY_UNAVAILABLE',
      `primary registry unavailable: ${reasonOf(error)}`,
      { repository: context.repository, cause: error },
    );
  }
}

async function listAndResolve(
  context: SyncContext,
  concurrency: number,
  failures: SyncFailure[],
): Promise<TagDigests> {
  const { primary, secondary, repository, signal } = context;
  const [primaryTags, secondaryTags] = await Promise.all([
    list(primary, repository, 'PRIMARY_UNAVAILABLE', signal),
    list(secondary, repository, 'SECONDARY_UNAVAILABLE', signal),
  ]);
  context.report({
    type: 'tags-listed',
    primary: primaryTags.length,
    secondary: secondaryTags.length,
  });

  const limit = createLimiter(Math.max(concurrency, 8));
  const [onPrimary, onSecondary] = await Promise.all([
    resolveTags(primary, repository, primaryTags, limit, signal),
    resolveTags(secondary, repository, secondaryTags, limit, signal),
  ]);
  checkAborted(context);

  for (const [tag, reason] of onPrimary.failed) failures.push({ tag, reason });
  const primaryListed = new Set(primaryTags.filter((tag) => !onPrimary.vanished.has(tag)));
  // A secondary tag that cannot be resolved is pushed again when the
  // primary has it; one the primary lacks cannot be deleted without its digest.
  for (const [tag, reason] of onSecondary.failed) {
    if (!primaryListed.has(tag)) failures.push({ tag, reason: `delete: ${reason}` });
  }

  return { primary: onPrimary.resolved, primaryListed, secondary: onSecondary.resolved };
}

async function list(
  client: RegistryClient,
  repository: string,
  code: 'PRIMARY_UNAVAILABLE' | 'SECONDARY_UNAVAILABLE',
  signal?: AbortSignal,
): Promise<string[]> {
  try {
    return await client.listTags(repository, { signal });
  } catch (error) {
    throw new ReplicationError(code, `list tags: ${reasonOf(error)}`, { repository, cause: error });
  }
}

async function syncTag(
  context: SyncContext,
  tags: TagDigests,
  tag: string,
  digest: string,
  failures: SyncFailure[],
): Promise<void> {
  if (tags.secondary.get(tag)?.digest === digest) return;

  try {
    await pushTag(context, tag, digest);
    context.report({ type: 'tag-synced', tag, digest });
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
