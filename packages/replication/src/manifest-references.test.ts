import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_SCHEMA1_SIGNED,
  type Manifest,
  OCI_INDEX,
  OCI_MANIFEST,
} from '@geo/registry-client';
import { describe, expect, it } from 'vitest';
import { manifestReferences } from './manifest-references.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

function manifest(mediaType: string, body: object): Manifest {
  const bytes = Buffer.from(JSON.stringify(body));
  return { bytes, mediaType, digest: d(9), size: bytes.length };
}

describe('manifestReferences', () => {
  it('lists the config and layers of an image manifest as blobs', () => {
    const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d(1), size: 2 };
    const layer = {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: d(2),
      size: 3,
    };

    const refs = manifestReferences('app', manifest(OCI_MANIFEST, { config, layers: [layer] }));

    expect(refs).toEqual({ children: [], blobs: [config, layer] });
  });

  it('leaves out foreign layers that carry urls', () => {
    const config = {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      digest: d(1),
      size: 2,
    };
    const foreign = {
      mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
      digest: d(3),
      size: 4,
      urls: ['https://example.com/layer'],
    };

    const refs = manifestReferences(
      'app',
      manifest(DOCKER_MANIFEST, { config, layers: [foreign] }),
    );

    expect(refs.blobs).toEqual([config]);
  });

  it('lists the manifests of an index as children', () => {
    const child = { mediaType: OCI_MANIFEST, digest: d(4), size: 5 };

    const refs = manifestReferences('app', manifest(OCI_INDEX, { manifests: [child] }));

    expect(refs).toEqual({ children: [child], blobs: [] });
  });

  it('refuses schema 1 for now', () => {
    expect(() => manifestReferences('app', manifest(DOCKER_MANIFEST_SCHEMA1_SIGNED, {}))).toThrow(
      /schema 1/,
    );
  });

  it('refuses a manifest whose descriptors are malformed', () => {
    const broken = manifest(OCI_MANIFEST, { config: { digest: 1 }, layers: [] });

    expect(() => manifestReferences('app', broken)).toThrow(/malformed/);
  });
});
