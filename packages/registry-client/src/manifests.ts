import { computeDigest, digestAlgorithm, isDigest } from './digest.js';
import { RegistryError } from './errors.js';
import { isSchema1MediaType, MANIFEST_MEDIA_TYPES } from './media-types.js';
import { checkDigest, checkReference, checkRepository } from './references.js';
import { deleteScope, pullScope, pushScope } from './registry-auth.js';
import { schema1Payload } from './schema1-payload.js';
import type { RegistryRequest, RegistryResponse, Transport } from './transport.js';
import { header } from './transport.js';

/** What identifies a manifest: its digest, media type and size in bytes. */
export interface ManifestDescriptor {
  digest: string;
  mediaType: string;
  size: number;
}

/** A manifest's raw bytes, exactly as the registry stores them, and its descriptor. */
export interface Manifest extends ManifestDescriptor {
  bytes: Buffer;
}

/** Options of the manifest operations. */
export interface ManifestOptions {
  signal?: AbortSignal;
}

/** Manifests larger than this are refused (the OCI spec suggests registries accept 4 MiB). */
const maxManifestBytes = 4 * 1024 * 1024;
const accept = MANIFEST_MEDIA_TYPES.join(', ');

/**
 * The digest, media type and size `reference` (tag or digest) points at,
 * from a HEAD that accepts every manifest type; NOT_FOUND when there is none.
 */
export async function resolveManifest(
  transport: Transport,
  repository: string,
  reference: string,
  options: ManifestOptions = {},
): Promise<ManifestDescriptor> {
  const req = manifestRequest(transport, 'HEAD', 'resolve manifest', repository, reference);
  const response = await transport.expect({ ...req, signal: options.signal }, [200]);
  await response.body.dump();

  const digest = header(response, 'docker-content-digest');
  const mediaType = contentType(response);
  if (!digest || !isDigest(digest) || !mediaType) {
    // Registries need not send the digest on HEAD; the body tells it.
    const manifest = await getManifest(transport, repository, reference, options);
    return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
  }

  return { digest, mediaType, size: Number(header(response, 'content-length') ?? 0) };
}

/**
 * The manifest's raw bytes and media type. Fetched by digest, the bytes are
 * checked against it (DIGEST_MISMATCH otherwise); fetched by tag, against
 * the `Docker-Content-Digest` the registry sends. Schema 1 is checked over
 * its payload without signatures, so its bytes may differ between two GETs
 * while its digest does not.
 */
export async function getManifest(
  transport: Transport,
  repository: string,
  reference: string,
  options: ManifestOptions = {},
): Promise<Manifest> {
  const req = manifestRequest(transport, 'GET', 'get manifest', repository, reference);
  const response = await transport.expect({ ...req, signal: options.signal }, [200]);
  const bytes = await readLimited(transport, req, response);

  const mediaType = contentType(response) ?? mediaTypeField(bytes);
  if (!mediaType) {
    throw new RegistryError('INVALID_RESPONSE', `${transport.describe(req)}: no media type`, {
      ...transport.details(req),
      status: response.statusCode,
    });
  }

  const sent = header(response, 'docker-content-digest');
  const expected = isDigest(reference) ? reference : sent && isDigest(sent) ? sent : undefined;
  const hashed = digestedBytes(transport, req, bytes, mediaType);
  const digest = expected ?? computeDigest(hashed);
  if (expected) verifyManifestDigest(transport, req, hashed, expected);

  return { bytes, mediaType, digest, size: bytes.length };
}

/** What a registry stored for a manifest put. */
export interface StoredManifest {
  digest: string;
  /**
   * True when the registry named the digest (`Docker-Content-Digest`);
   * false when it did not, and the digest was computed from the bytes sent.
   */
  reported: boolean;
}

/**
 * Stores `bytes` unchanged under `reference` (tag or digest) with the
 * given media type; returns the digest the registry stored it as.
 */
export async function putManifest(
  transport: Transport,
  repository: string,
  reference: string,
  bytes: Uint8Array,
  mediaType: string,
  options: ManifestOptions = {},
): Promise<StoredManifest> {
  const req: RegistryRequest = {
    ...manifestRequest(transport, 'PUT', 'put manifest', repository, reference),
    scopes: [pushScope(repository)],
    headers: { 'content-type': mediaType },
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    signal: options.signal,
  };
  const response = await transport.expect(req, [201]);
  await response.body.dump();

  const sent = header(response, 'docker-content-digest');
  const digest =
    sent ?? computeDigest(digestedBytes(transport, req, Buffer.from(bytes), mediaType));
  if (isDigest(reference) && digest !== reference) {
    throw new RegistryError(
      'DIGEST_MISMATCH',
      `${transport.describe(req)}: the registry stored it as ${digest}`,
      { ...transport.details(req), digest: reference },
    );
  }

  return { digest, reported: sent !== undefined };
}

/**
 * Deletes the manifest `digest`. CNCF Distribution deletes by digest only,
 * and removes every tag pointing at it.
 */
export async function deleteManifest(
  transport: Transport,
  repository: string,
  digest: string,
  options: ManifestOptions = {},
): Promise<void> {
  checkRepository(repository);
  checkDigest(repository, digest);

  const response = await transport.expect(
    {
      method: 'DELETE',
      url: transport.endpoint(`/v2/${repository}/manifests/${digest}`),
      scopes: [deleteScope(repository)],
      verb: 'delete manifest',
      repository,
      digest,
      signal: options.signal,
    },
    [202],
  );

  await response.body.dump();
}

function manifestRequest(
  transport: Transport,
  method: 'GET' | 'HEAD' | 'PUT',
  verb: string,
  repository: string,
  reference: string,
): RegistryRequest {
  checkRepository(repository);
  checkReference(repository, reference);

  return {
    method,
    url: transport.endpoint(`/v2/${repository}/manifests/${reference}`),
    scopes: [pullScope(repository)],
    verb,
    headers: { accept },
    repository,
    reference,
  };
}

/**
 * What a manifest's digest is computed over: its bytes, except for schema 1,
 * whose signatures the registry replaces on every GET and which is hashed
 * without them.
 */
function digestedBytes(
  transport: Transport,
  req: RegistryRequest,
  bytes: Buffer,
  mediaType: string,
): Buffer {
  if (!isSchema1MediaType(mediaType)) return bytes;

  try {
    return schema1Payload(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegistryError('INVALID_RESPONSE', `${transport.describe(req)}: ${reason}`, {
      ...transport.details(req),
      cause: error,
    });
  }
}

function verifyManifestDigest(
  transport: Transport,
  req: RegistryRequest,
  bytes: Buffer,
  expected: string,
): void {
  const actual = computeDigest(bytes, digestAlgorithm(expected));
  if (actual === expected) return;

  throw new RegistryError(
    'DIGEST_MISMATCH',
    `${transport.describe(req)}: the bytes hash to ${actual}, not ${expected}`,
    { ...transport.details(req), digest: expected },
  );
}

function contentType(response: RegistryResponse): string | undefined {
  return header(response, 'content-type')?.split(';')[0]?.trim() || undefined;
}

function mediaTypeField(bytes: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    return typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
  } catch {
    return undefined;
  }
}

async function readLimited(
  transport: Transport,
  req: RegistryRequest,
  response: RegistryResponse,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;

  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxManifestBytes) break;
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw RegistryError.from(error, transport.describe(req), transport.details(req));
  }

  if (size > maxManifestBytes) {
    response.body.destroy();
    throw new RegistryError(
      'INVALID_RESPONSE',
      `${transport.describe(req)}: manifest larger than ${maxManifestBytes} bytes`,
      { ...transport.details(req), status: response.statusCode },
    );
  }
  return Buffer.concat(chunks);
}
