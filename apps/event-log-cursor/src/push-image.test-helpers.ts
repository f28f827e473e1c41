import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { OCI_MANIFEST, type RegistryClient } from '@geo/registry-client';

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Pushes a small OCI image (a config blob, no layers) unique to `seed`; returns its digest. */
export async function pushImage(
  client: RegistryClient,
  repository: string,
  tag: string,
  seed: string,
): Promise<string> {
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
      layers: [],
    }),
  );
  const stored = await client.putManifest(repository, tag, manifest, OCI_MANIFEST);
  return stored.digest;
}
