import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { OCI_MANIFEST, type RegistryClient } from '@geo/registry-client';

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Options of {@link pushImage}. */
export interface PushImageOptions {
  /** Size of the one layer, of pseudo-random bytes; default no layer. */
  layerBytes?: number;
}

/**
 * Pushes a small OCI image unique to `seed` (a config blob and optionally
 * one layer) as `repository:tag`; returns the manifest digest.
 */
export async function pushImage(
  client: RegistryClient,
  repository: string,
  tag: string,
  seed: string,
  options: PushImageOptions = {},
): Promise<string> {
  const layers = [];
  if (options.layerBytes) {
    const { digest, size } = await pushLayer(client, repository, options.layerBytes);
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size });
  }

  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed }));
  await client.uploadBlob(repository, sha256(config), config.length, Readable.from([config]));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(config),
        size: config.length,
      },
      layers,
    }),
  );
  const stored = await client.putManifest(repository, tag, manifest, OCI_MANIFEST);
  return stored.digest;
}

/** Uploads a blob of `size` pseudo-random bytes, streamed in 1 MiB chunks. */
async function pushLayer(client: RegistryClient, repository: string, size: number) {
  const chunk = randomBytes(1024 * 1024);
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  for (let left = size, index = 0; left > 0; index += 1) {
    const part = Buffer.from(chunk.subarray(0, Math.min(left, chunk.length)));
    part.writeUInt32BE(index, 0);
    hash.update(part);
    chunks.push(part);
    left -= part.length;
  }
  const digest = `sha256:${hash.digest('hex')}`;

  await client.uploadBlob(repository, digest, size, Readable.from(chunks));
  return { digest, size };
}
