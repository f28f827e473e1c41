import { RegistryError } from '@geo/registry-client';
import type { Descriptor } from './manifest-references.js';
import { once, type SyncContext } from './sync-context.js';
import { unlessAborted } from './unless-aborted.js';

/**
 * Makes the secondary hold blob `blob`: HEAD first, then a mount from
 * another repository of the secondary known to hold it or, when another
 * repository is receiving it right now, a mount once that copy is done;
 * else a streamed copy whose digest the upload checks. Bounded by the
 * context's blob limit (not while waiting for another repository's copy)
 * and done once per digest however many manifests share the blob.
 */
export function copyBlob(context: SyncContext, blob: Descriptor): Promise<void> {
  return once(context.blobs, blob.digest, async () => {
    if (await context.blobLimit(() => skipOrMount(context, blob))) return;

    const { secondary, repository, signal, blobLocations } = context;
    const other = blobLocations.uploading(secondary.url, blob.digest);
    if (
      other &&
      other.repository !== repository &&
      (await unlessAborted(other.done, 'wait for a blob copy', signal))
    ) {
      if (await context.blobLimit(() => mountAndCount(context, blob))) return;
    }

    // Tracked from now, before a slot is free, so a repository asking
    // meanwhile waits for this copy instead of starting its own.
    const copy = context.blobLimit(() => copyAndCount(context, blob));
    blobLocations.track(secondary.url, blob.digest, repository, copy);
    await copy;
  });
}

/** True when the secondary holds the blob already or mounted it from where it was seen. */
async function skipOrMount(context: SyncContext, blob: Descriptor): Promise<boolean> {
  const askFirst = worthAsking(context, blob);
  if (!askFirst) {
    if (await mountAndCount(context, blob)) return true;
    // A refused mount (a stale hint) still leaves a large blob worth asking about.
    if (isSmall(blob)) return false;
  }

  const { secondary, repository, signal } = context;
  if (await secondary.hasBlob(repository, blob.digest, { signal })) {
    remember(context, blob);
    context.counters.skippedBlobs += 1;
    context.report({ type: 'blob-skipped', digest: blob.digest });
    return true;
  }

  return askFirst && mountAndCount(context, blob);
}

/** Blobs smaller than this are sent again rather than asked about, where asking rarely pays. */
const smallBlobBytes = 1024 * 1024;

function isSmall(blob: Descriptor): boolean {
  return blob.size !== undefined && blob.size < smallBlobBytes;
}

/**
 * Whether a HEAD for the blob is worth a round trip before anything else.
 * In a repository the secondary lists no tags for, at most an interrupted
 * sync left blobs, so the answer is nearly always no: a blob known in
 * another repository is mounted straight away (a mount of a blob already
 * there changes nothing), and a small one is uploaded again. A large one
 * is asked about, since sending it again would cost far more than asking.
 */
function worthAsking(context: SyncContext, blob: Descriptor): boolean {
  if (!context.secondaryEmpty) return true;

  const { secondary, repository, blobLocations } = context;
  const from = blobLocations.find(secondary.url, blob.digest);
  if (from !== undefined && from !== repository) return false;
  return !isSmall(blob);
}

async function mountAndCount(context: SyncContext, blob: Descriptor): Promise<boolean> {
  if (!(await mount(context, blob))) return false;

  remember(context, blob);
  context.counters.mountedBlobs += 1;
  context.report({ type: 'blob-mounted', digest: blob.digest });
  return true;
}

async function copyAndCount(context: SyncContext, blob: Descriptor): Promise<void> {
  const bytes = await transferWithRetry(context, blob);

  remember(context, blob);
  context.counters.copiedBlobs += 1;
  context.counters.copiedBytes += bytes;
  context.report({ type: 'blob-copied', digest: blob.digest, bytes });
}

/**
 * Tries a cross-repository mount from where the blob was last seen on the
 * secondary. False (copy it) when nothing is known or the registry would
 * not mount, for whatever reason: the hint may be stale.
 */
async function mount(context: SyncContext, blob: Descriptor): Promise<boolean> {
  const { secondary, repository, signal, blobLocations } = context;
  const from = blobLocations.find(secondary.url, blob.digest);
  if (from === undefined || from === repository) return false;

  try {
    return await secondary.mountBlob(repository, blob.digest, from, { signal });
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'ABORTED') throw error;
    return false;
  }
}

function remember(context: SyncContext, blob: Descriptor): void {
  context.blobLocations.remember(context.secondary.url, blob.digest, context.repository);
}

/**
 * A streamed upload cannot be replayed by the client after a 401, so a
 * token that expired mid-copy is handled here: the client has already
 * dropped it, and the whole transfer runs once more with a fresh one.
 */
async function transferWithRetry(context: SyncContext, blob: Descriptor): Promise<number> {
  try {
    return await transfer(context, blob);
  } catch (error) {
    if (!(error instanceof RegistryError) || error.code !== 'UNAUTHORIZED') throw error;
    return transfer(context, blob);
  }
}

/** Streams the blob from the primary's GET into the secondary's upload; returns its size. */
async function transfer(context: SyncContext, blob: Descriptor): Promise<number> {
  const { primary, secondary, repository, signal } = context;
  const source = await primary.getBlobStream(repository, blob.digest, { signal });
  // Schema 1 manifests record no sizes; the primary's Content-Length then stands in.
  const size = blob.size ?? source.size;
  await secondary.uploadBlob(repository, blob.digest, size, source.stream, { signal });
  return size ?? 0;
}
