import { describe, expect, it } from 'vitest';
import { isManifestMediaType } from './manifest-media-types.js';

describe('isManifestMediaType', () => {
  it('recognises Docker and OCI manifests, lists and indexes', () => {
    expect(isManifestMediaType('application/vnd.docker.distribution.manifest.v1+prettyjws')).toBe(
      true,
    );
    expect(isManifestMediaType('application/vnd.docker.distribution.manifest.list.v2+json')).toBe(
      true,
    );
    expect(isManifestMediaType('application/vnd.oci.image.index.v1+json; charset=utf-8')).toBe(
      true,
    );
  });

  it('treats layers, configs and a missing media type as not a manifest', () => {
    expect(isManifestMediaType('application/octet-stream')).toBe(false);
    expect(isManifestMediaType('application/vnd.oci.image.config.v1+json')).toBe(false);
    expect(isManifestMediaType(undefined)).toBe(false);
  });
});
