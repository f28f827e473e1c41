// STAND-IN, NOT THE REAL FIXTURES: a minimal generator with the signature
// of `generateDataset` from @geo/fixtures, used until that package lands.
import { Readable } from 'node:stream';
import { computeDigest, OCI_INDEX, OCI_MANIFEST, type RegistryClient } from '@geo/registry-client';
import { createLimit } from '../limit.js';
import { pseudoRandomBytes } from './pseudo-random.js';

/** Options of {@link generateDataset}, as @geo/fixtures declares them. */
export interface DatasetOptions {
  repositories?: number;
  tagsPerRepository?: number;
  uniqueBytes?: number;
  sharedBaseBytes?: number;
  multiPlatformRepositories?: number;
  prefix?: string;
  concurrency?: number;
}

/** What {@link generateDataset} pushed. */
export interface Dataset {
  repositories: string[];
  tags: number;
  bytes: number;
}

const layerType = 'application/vnd.oci.image.layer.v1.tar';
const configType = 'application/vnd.oci.image.config.v1+json';
const platforms = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
];

/**
 * Pushes `repositories` x `tagsPerRepository` images: each an OCI manifest
 * over one shared base layer and one unique layer; the first
 * `multiPlatformRepositories` repositories get two-platform indexes.
 */
export async function generateDataset(
  client: RegistryClient,
  options: DatasetOptions = {},
): Promise<Dataset> {
  const count = options.repositories ?? 20;
  const tagsPer = options.tagsPerRepository ?? 3;
  const multi = Math.min(count, options.multiPlatformRepositories ?? 3);
  const prefix = options.prefix ?? 'bench';
  const images = count * tagsPer + multi * tagsPer;
  const layerBytes = Math.floor((options.uniqueBytes ?? 500_000_000) / images);
  const base = await pseudoRandomBytes(`${prefix}/base`, options.sharedBaseBytes ?? 16 << 20);
  const limit = createLimit(options.concurrency ?? 4);
  const repositories = Array.from({ length: count }, (_, index) => {
    return `${prefix}/app-${String(index).padStart(2, '0')}`;
  });
  let bytes = base.length;

  const pushBlob = async (repository: string, content: Buffer) => {
    const digest = computeDigest(content);
    await client.uploadBlob(repository, digest, content.length, Readable.from([content]));
    return { digest, size: content.length };
  };

  const pushImage = async (repository: string, seed: string, platform = platforms[0]) => {
    const layer = await pseudoRandomBytes(seed, layerBytes);
    bytes += layer.length;
    const [baseLayer, uniqueLayer] = [
      await pushBlob(repository, base),
      await pushBlob(repository, layer),
    ];
    const config = Buffer.from(
      JSON.stringify({
        ...platform,
        rootfs: { type: 'layers', diff_ids: [baseLayer.digest, uniqueLayer.digest] },
      }),
    );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: configType, ...(await pushBlob(repository, config)) },
        layers: [baseLayer, uniqueLayer].map((blob) => ({ mediaType: layerType, ...blob })),
      }),
    );
    const digest = computeDigest(manifest);
    await client.putManifest(repository, digest, manifest, OCI_MANIFEST);
    return { mediaType: OCI_MANIFEST, digest, size: manifest.length, platform };
  };

  const pushTag = async (repository: string, index: number, tag: string) => {
    const seed = `${repository}:${tag}`;
    if (index >= multi) {
      const image = await pushImage(repository, seed);
      const manifest = await client.getManifest(repository, image.digest);
      await client.putManifest(repository, tag, manifest.bytes, OCI_MANIFEST);
      return;
    }

    const children = [];
    for (const platform of platforms) {
      children.push(await pushImage(repository, `${seed}/${platform.architecture}`, platform));
    }
    const indexBytes = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: children }),
    );
    await client.putManifest(repository, tag, indexBytes, OCI_INDEX);
  };

  await Promise.all(
    repositories.flatMap((repository, index) =>
      Array.from({ length: tagsPer }, (_, tag) =>
        limit(() => pushTag(repository, index, `v${tag}`)),
      ),
    ),
  );
  return { repositories, tags: count * tagsPer, bytes };
}
