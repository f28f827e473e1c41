import { isIndexMediaType, RegistryError } from '@geo/registry-client';
import { putExactly } from './copy-manifest.js';
import { ReplicationError, reasonOf } from './errors.js';
import type { SyncContext } from './sync-context.js';
import type { SyncFailure, TagDigests } from './sync-types.js';

/**
 * Deletes from the secondary the tags the primary no longer lists. The
 * registry deletes by digest only, and a delete removes every tag on that
 * digest, so the tags that must stay on it are pushed again afterwards, and
 * the manifest itself by digest when an index still references it or the
 * primary lists it as a referrer.
 */
export async function pruneTags(
  context: SyncContext,
  tags: TagDigests,
  failures: SyncFailure[],
): Promise<void> {
  const removed = new Map<string, string[]>();
  for (const [tag, { digest }] of tags.secondary) {
    if (tags.primaryListed.has(tag)) continue;
    removed.set(digest, [...(removed.get(digest) ?? []), tag]);
  }
  if (removed.size === 0) return;
  context.wrote = true;
  context.deleted = true;

  const referenced = await indexChildren(context, tags).catch((error: unknown) =>
    unreadableIndexes(context, error),
  );
  for (const [digest, gone] of removed) {
    try {
      await deleteDigest(context, tags, digest, gone, referenced);
    } catch (error) {
      const reason = `delete: ${reasonOf(error)}`;
      for (const tag of gone) failures.push({ tag, reason });
    }
  }
}

async function deleteDigest(
  context: SyncContext,
  tags: TagDigests,
  digest: string,
  gone: string[],
  referenced: Set<string> | ReplicationError,
): Promise<void> {
  const { secondary, repository, signal } = context;
  if (referenced instanceof ReplicationError) throw referenced;

  const keep = survivors(tags, digest);
  const manifest = await secondary.getManifest(repository, digest, { signal });

  await secondary.deleteManifest(repository, digest, { signal }).catch((error: unknown) => {
    if (!(error instanceof RegistryError && error.code === 'NOT_FOUND')) throw error;
  });

  for (const tag of keep) {
    await putExactly(context, tag, digest, manifest.bytes, manifest.mediaType);
  }
  // An index child, or a referrer the primary's API lists, stays by digest.
  if (referenced.has(digest) || context.referrerDigests.has(digest)) {
    await putExactly(context, digest, digest, manifest.bytes, manifest.mediaType);
  }

  context.counters.deletedTags += gone.length;
  for (const tag of gone) context.report({ type: 'tag-deleted', tag, digest });
}

/**
 * Tags that must point at `digest` once the sync is done: the primary's own,
 * and tags the primary lists but that could not be resolved this time (so
 * they keep what the secondary has).
 */
function survivors(tags: TagDigests, digest: string): string[] {
  const keep: string[] = [];
  for (const tag of tags.primaryListed) {
    const target = tags.primary.get(tag)?.digest ?? tags.secondary.get(tag)?.digest;
    if (target === digest) keep.push(tag);
  }
  return keep;
}

/**
 * Without the primary's indexes no delete is safe (a child it still lists
 * would vanish), so every delete fails with this, keeping the cause.
 */
function unreadableIndexes(context: SyncContext, error: unknown): ReplicationError {
  return new ReplicationError(
    error instanceof SyntaxError ? 'INVALID_MANIFEST' : 'PRIMARY_UNAVAILABLE',
    `read the indexes that may reference it: ${reasonOf(error)}`,
    { repository: context.repository, cause: error },
  );
}

/** Every manifest digest that an index of a primary tag references, at any depth. */
async function indexChildren(context: SyncContext, tags: TagDigests): Promise<Set<string>> {
  const { primary, repository, signal } = context;
  const children = new Set<string>();
  const pending: Array<{ digest: string; mediaType: string }> = [...tags.primary.values()];
  const seen = new Set<string>();

  while (pending.length > 0) {
    const index = pending.pop();
    if (!index || seen.has(index.digest) || !isIndexMediaType(index.mediaType)) continue;
    seen.add(index.digest);

    const manifest = await primary.getManifest(repository, index.digest, { signal });
    const body = JSON.parse(manifest.bytes.toString('utf8')) as {
      manifests?: Array<{ digest: string; mediaType: string }>;
    };
    for (const child of body.manifests ?? []) {
      children.add(child.digest);
      pending.push(child);
    }
  }
  return children;
}
