import { RegistryError } from '@geo/registry-client';
import type { Descriptor } from './manifest-references.js';
import { once, type SyncContext } from './sync-context.js';

/**
 * Makes the secondary hold blob `blob`: HEAD first, then a streamed copy
 * whose digest the upload checks. Bounded by the context's blob limit and
 * done once per digest however many manifests share the blob.
 */
export function copyBlob(context: SyncContext, blob: Descriptor): Promise<void> {
  return once(context.blobs, blob.digest, () =>
    context.blobLimit(async () => {
      const { secondary, repository, signal } = context;
      if (await secondary.hasBlob(repository, blob.digest, { signal })) {
        context.counters.skippedBlobs += 1;
        context.report({ type: 'blob-skipped', digest: blob.digest });
        return;
      }

      // TODO: mount from another repository of the secondary when the blob
      // is known there; that needs a digest-to-repository index (Postgres).
      await transferWithRetry(context, blob);

      context.counters.copiedBlobs += 1;
      context.counters.copiedBytes += blob.size;
      context.report({ type: 'blob-copied', digest: blob.digest, bytes: blob.size });
    }),
  );
}

/**
 * A streamed upload cannot be replayed by the client after a 401, so a
 * token that expired mid-copy is handled here: the client has already
 * dropped it, and the whole transfer runs once more with a fresh one.
 */
async function transferWithRetry(context: SyncContext, blob: Descriptor): Promise<void> {
  try {
    await transfer(context, blob);
  } catch (error) {
    if (!(error instanceof RegistryError) || error.code !== 'UNAUTHORIZED') throw error;
    await transfer(context, blob);
  }
}

async function transfer(context: SyncContext, blob: Descriptor): Promise<void> {
  const { primary, secondary, repository, signal } = context;

  const source = await primary.getBlobStream(repository, blob.digest, { signal });

  await secondary.uploadBlob(repository, blob.digest, blob.size, source.stream, { signal });
}
