import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  isSchema1MediaType,
  type Manifest,
  OCI_INDEX,
  OCI_MANIFEST,
} from '@geo/registry-client';
import { ReplicationError } from './errors.js';

/** A content descriptor as manifests write it. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
}

/** What a manifest points at: child manifests (of an index) and blobs. */
export interface ManifestReferences {
  children: Descriptor[];
  blobs: Descriptor[];
}

/**
 * The child manifests and the blobs `manifest` references. Layers that are
 * foreign (non-distributable, with `urls`) are left out: the registry
 * accepts their manifests without the blob, and the design does not copy them.
 */
export function manifestReferences(repository: string, manifest: Manifest): ManifestReferences {
  const { mediaType, digest } = manifest;

  // TODO: schema 1 comes in its own issue: the registry re-signs it on every
  // GET, so it needs fsLayers parsing and digest checks over the payload.
  if (isSchema1MediaType(mediaType)) {
    throw new ReplicationError(
      'UNSUPPORTED_MANIFEST',
      `${digest}: schema 1 is not replicated yet`,
      {
        repository,
        digest,
      },
    );
  }

  const body = parse(repository, manifest);
  if (mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST) {
    return { children: descriptors(repository, digest, body.manifests), blobs: [] };
  }
  if (mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST) {
    const config = descriptors(repository, digest, [body.config]);
    const layers = descriptors(repository, digest, body.layers ?? []);
    return { children: [], blobs: [...config, ...layers.filter((layer) => !isForeign(layer))] };
  }

  throw new ReplicationError('UNSUPPORTED_MANIFEST', `${digest}: media type ${mediaType}`, {
    repository,
    digest,
  });
}

function isForeign(layer: Descriptor): boolean {
  const nonDistributable = /foreign|nondistributable/.test(layer.mediaType);
  return nonDistributable && (layer.urls?.length ?? 0) > 0;
}

interface ManifestBody {
  manifests?: unknown;
  config?: unknown;
  layers?: unknown;
}

function parse(repository: string, manifest: Manifest): ManifestBody {
  try {
    const body = JSON.parse(manifest.bytes.toString('utf8')) as unknown;
    if (typeof body === 'object' && body !== null) return body as ManifestBody;
  } catch {
    // Reported below.
  }

  throw new ReplicationError('INVALID_MANIFEST', `${manifest.digest}: not a JSON object`, {
    repository,
    digest: manifest.digest,
  });
}

function descriptors(repository: string, parent: string, value: unknown): Descriptor[] {
  const list = Array.isArray(value) ? value : [];
  const valid = list.every(
    (entry) =>
      typeof entry?.digest === 'string' &&
      typeof entry?.mediaType === 'string' &&
      typeof entry?.size === 'number',
  );
  if (Array.isArray(value) && valid) return list as Descriptor[];

  throw new ReplicationError('INVALID_MANIFEST', `${parent}: malformed descriptors`, {
    repository,
    digest: parent,
  });
}
