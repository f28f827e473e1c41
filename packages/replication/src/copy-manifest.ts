import { RegistryError } from '@geo/registry-client';
import { copyBlob } from './copy-blob.js';
import { manifestReferences } from './manifest-references.js';
import { once, type PreparedManifest, type SyncContext, takeFetched } from './sync-context.js';

/**
 * Copies everything manifest `digest` needs onto the secondary, children
 * before parents: its child manifests (pushed by digest) and its blobs.
 * Returns the primary's bytes; nothing is copied when the secondary already
 * holds the manifest, since a registry only accepts a manifest whose
 * references it has.
 */
export function prepareManifest(context: SyncContext, digest: string): Promise<PreparedManifest> {
  return once(context.prepared, digest, async () => {
    const { primary, repository, signal } = context;
    // Independent requests to two registries: one round trip, not two.
    const [manifest, present] = await Promise.all([
      takeFetched(context, digest) ?? primary.getManifest(repository, digest, { signal }),
      secondaryHas(context, digest),
    ]);
    if (present) return { manifest, present: true, children: [] };

    const references = manifestReferences(repository, manifest);
    await Promise.all(references.children.map((child) => pushChild(context, child.digest)));
    await Promise.all(references.blobs.map((blob) => copyBlob(context, blob)));

    const children = references.children.map((child) => child.digest);
    return { manifest, present: false, children };
  });
}

/** Pushes `digest` and its content to the secondary under `tag`. */
export async function pushTag(context: SyncContext, tag: string, digest: string): Promise<void> {
  const { manifest } = await prepareManifest(context, digest);

  await putExactly(context, tag, digest, manifest.bytes, manifest.mediaType);
}

/** Puts manifest bytes under `reference` and checks the secondary stored them as `digest`. */
export async function putExactly(
  context: SyncContext,
  reference: string,
  digest: string,
  bytes: Buffer,
  mediaType: string,
): Promise<void> {
  const { secondary, repository, signal } = context;
  context.wrote = true;

  const stored = await secondary.putManifest(repository, reference, bytes, mediaType, { signal });
  if (stored.digest !== digest) {
    const message = `${repository}:${reference} stored as ${stored.digest}`;
    throw new RegistryError('DIGEST_MISMATCH', message, {
      registry: secondary.url,
      repository,
      reference,
      digest,
    });
  }

  // A tag (a digest has a colon) the registry said it stored at `digest`
  // needs no reading back; one it said nothing about is resolved again.
  if (!reference.includes(':')) context.tagged.set(reference, stored.reported ? digest : undefined);
  context.counters.pushedManifests += 1;
  context.report({ type: 'manifest-pushed', digest, reference });
}

/**
 * Pushes manifest `digest` untagged, after everything it needs: an index's
 * child, or a referrer. Done once per digest.
 */
export function pushChild(context: SyncContext, digest: string): Promise<void> {
  return once(context.pushedChildren, digest, async () => {
    const { manifest, present } = await prepareManifest(context, digest);
    if (present) return;

    await putExactly(context, digest, digest, manifest.bytes, manifest.mediaType);
  });
}

async function secondaryHas(context: SyncContext, digest: string): Promise<boolean> {
  const { secondary, repository, signal } = context;
  if (context.secondaryEmpty) return false;

  try {
    await secondary.resolveManifest(repository, digest, { signal });
    return true;
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}
