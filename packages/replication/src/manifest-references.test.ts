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

  it('lists each schema 1 blobSum once, without a size', () => {
    const fsLayers = [{ blobSum: d(1) }, { blobSum: d(2) }, { blobSum: d(1) }];
    const refs = manifestReferences(
      'app',
      manifest(DOCKER_MANIFEST_SCHEMA1_SIGNED, { schemaVersion: 1, fsLayers }),
    );

    expect(refs.children).toEqual([]);
    expect(refs.blobs.map((blob) => [blob.digest, blob.size])).toEqual([
      [d(1), undefined],
      [d(2), undefined],
    ]);
  });

  it('lists the layer and cache config entries of a BuildKit cache index as blobs', () => {
    const layer = {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: d(1),
      size: 2,
    };
    const config = { mediaType: 'application/vnd.buildkit.cacheconfig.v0', digest: d(2), size: 3 };
    const refs = manifestReferences('app', manifest(OCI_INDEX, { manifests: [layer, config] }));

    expect(refs).toEqual({ children: [], blobs: [layer, config] });
  });

  it('accepts an artifact with a custom config type, no layers and a subject', () => {
    const config = { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: d(1), size: 2 };
    const subject = { mediaType: OCI_MANIFEST, digest: d(5), size: 9 };
    const refs = manifestReferences(
      'app',
      manifest(OCI_MANIFEST, { artifactType: 'x/y', config, layers: [], subject }),
    );

    expect(refs).toEqual({ children: [], blobs: [config] });
  });

  it('leaves out a non-distributable layer even without urls', () => {
    const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d(1), size: 2 };
    const layer = {
      mediaType: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
      digest: d(2),
      size: 3,
    };
    const refs = manifestReferences('app', manifest(OCI_MANIFEST, { config, layers: [layer] }));

    expect(refs.blobs).toEqual([config]);
  });

  it('refuses a manifest whose descriptors are malformed', () => {
    const broken = manifest(OCI_MANIFEST, { config: { digest: 1 }, layers: [] });

    expect(() => manifestReferences('app', broken)).toThrow(/malformed/);
  });
});
