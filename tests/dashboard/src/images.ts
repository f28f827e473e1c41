import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildImage, type LocalImage, skopeoCopy } from '@geo/testkit';
import type { Stack } from './stack.js';

interface Descriptor {
  digest: string;
  annotations?: Record<string, string>;
}

/** Builds a fresh image in `layout` and pushes it to the primary as `repository:tag`. */
export async function pushToPrimary(
  stack: Stack,
  layout: string,
  repository: string,
  tag: string,
): Promise<LocalImage> {
  const image = await buildImage({ layout, tag });
  await skopeoCopy(image.reference, `docker://${stack.primary.host}/${repository}:${tag}`, {
    destCreds: stack.creds,
  });
  return image;
}

/** The digest of the top layer of an image in a local OCI layout. */
export async function topLayerDigest(image: LocalImage): Promise<string> {
  const blob = (digest: string) =>
    readFile(join(image.layout, 'blobs/sha256', digest.slice('sha256:'.length)), 'utf8');
  const index = JSON.parse(await readFile(join(image.layout, 'index.json'), 'utf8'));

  const entry = (index.manifests as Descriptor[]).find(
    (manifest) => manifest.annotations?.['org.opencontainers.image.ref.name'] === image.tag,
  );
  if (!entry) throw new Error(`no manifest tagged ${image.tag} in ${image.layout}`);

  const manifest = JSON.parse(await blob(entry.digest)) as { layers: Descriptor[] };
  const top = manifest.layers.at(-1);
  if (!top) throw new Error(`the manifest of ${image.tag} has no layers`);
  return top.digest;
}
