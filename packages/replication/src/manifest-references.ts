import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  isManifestMediaType,
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
  /** Absent for schema 1 layers, whose manifests record no sizes. */
  size?: number;
  urls?: string[];
}

/** What a manifest points at: child manifests (of an index) and blobs. */
export interface ManifestReferences {
  children: Descriptor[];
  blobs: Descriptor[];
}

/** Schema 1 layers have no media type of their own; this names them in descriptors. */
const schema1Layer = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

/**
 * The child manifests and the blobs `manifest` references, whatever its
 * config and layer media types (BuildKit cache, Helm charts and other
 * artifacts use their own; a manifest may have no layers). Index entries
 * that are not manifests (a BuildKit cache index lists its layers and cache
 * config there) are blobs. Foreign layers are left out: the registry accepts
 * their manifests without the blob, and they are not ours to copy. A
 * `subject` is not a reference: the registry does not require it.
 */
export function manifestReferences(repository: string, manifest: Manifest): ManifestReferences {
  const { mediaType, digest } = manifest;
  const body = parse(repository, manifest);

  if (isSchema1MediaType(mediaType)) {
    return { children: [], blobs: schema1Blobs(repository, digest, body.fsLayers) };
  }

  if (mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST) {
    const entries = descriptors(repository, digest, body.manifests);
    const children = entries.filter((entry) => isManifestMediaType(entry.mediaType));
    const blobs = entries.filter((entry) => !isManifestMediaType(entry.mediaType));
    return { children, blobs: blobs.filter((blob) => !isForeignLayer(blob)) };
  }

  if (mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST) {
    const config = descriptors(repository, digest, [body.config]);
    const layers = descriptors(repository, digest, body.layers ?? []);
    return {
      children: [],
      blobs: [...config, ...layers.filter((layer) => !isForeignLayer(layer))],
    };
  }

  throw new ReplicationError('UNSUPPORTED_MANIFEST', `${digest}: media type ${mediaType}`, {
    repository,
    digest,
  });
}

/**
 * True for a non-distributable layer: a foreign or non-distributable media
 * type, or download `urls` (which CNCF Distribution only allows on those).
 */
export function isForeignLayer(layer: Descriptor): boolean {
  return /foreign|nondistributable/.test(layer.mediaType) || (layer.urls?.length ?? 0) > 0;
}

interface ManifestBody {
  manifests?: unknown;
  config?: unknown;
  layers?: unknown;
  fsLayers?: unknown;
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

/** Schema 1 lists each layer as a `blobSum`, often the same one many times. */
function schema1Blobs(repository: string, parent: string, value: unknown): Descriptor[] {
  const list = Array.isArray(value) ? value : [];
  const sums = list.map((entry) => (entry as { blobSum?: unknown } | null)?.blobSum);
  if (!Array.isArray(value) || !sums.every((sum) => typeof sum === 'string')) {
    throw new ReplicationError('INVALID_MANIFEST', `${parent}: malformed fsLayers`, {
      repository,
      digest: parent,
    });
  }

  const unique = [...new Set(sums as string[])];
  return unique.map((digest) => ({ mediaType: schema1Layer, digest }));
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
