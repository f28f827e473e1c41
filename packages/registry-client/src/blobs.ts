import type { Readable } from 'node:stream';
import { DigestVerifier } from './digest-verifier.js';
import { RegistryError } from './errors.js';
import { checkDigest, checkRepository } from './references.js';
import { pullScope, pushScope } from './registry-auth.js';
import type { RegistryRequest, Transport } from './transport.js';
import { header } from './transport.js';

/** Options of the blob operations. */
export interface BlobOptions {
  signal?: AbortSignal;
}

/** A blob's content as it arrives; the caller must read it to the end or destroy it. */
export interface BlobStream {
  stream: Readable;
  /** From `Content-Length`, when the server sent it. */
  size?: number;
}

const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;

/** True when `repository` has the blob `digest` (HEAD); false on 404. */
export async function hasBlob(
  transport: Transport,
  repository: string,
  digest: string,
  options: BlobOptions = {},
): Promise<boolean> {
  const req = blobRequest(transport, 'HEAD', 'check blob', repository, digest, options);
  const response = await transport.send(req);
  await response.body.dump();

  if (response.statusCode === 200) return true;
  if (response.statusCode === 404) return false;
  throw await transport.failure(req, response);
}

/**
 * Opens the blob's content. Redirects (to storage, a CDN) are followed;
 * credentials go only to the registry's own origin, never to another host.
 */
export async function getBlobStream(
  transport: Transport,
  repository: string,
  digest: string,
  options: BlobOptions = {},
): Promise<BlobStream> {
  let req = blobRequest(transport, 'GET', 'get blob', repository, digest, options);

  for (let hop = 0; hop <= maxRedirects; hop += 1) {
    const response = await transport.send(req);
    const location = header(response, 'location');
    if (redirects.has(response.statusCode) && location) {
      await response.body.dump();
      req = { ...req, url: new URL(location, req.url) };
      continue;
    }
    if (response.statusCode !== 200) throw await transport.failure(req, response);

    const length = header(response, 'content-length');
    return { stream: response.body, size: length === undefined ? undefined : Number(length) };
  }

  throw new RegistryError('INVALID_RESPONSE', `${transport.describe(req)}: too many redirects`, {
    ...transport.details(req),
  });
}

/**
 * Uploads `size` bytes of `stream` as blob `digest`: POST opens an upload,
 * one monolithic PUT streams the bytes through a {@link DigestVerifier}, so
 * bytes that do not match the digest fail with DIGEST_MISMATCH and are not
 * stored. The stream is never buffered whole. An unknown size (schema 1
 * manifests do not record it) is sent chunked and not checked.
 */
export async function uploadBlob(
  transport: Transport,
  repository: string,
  digest: string,
  size: number | undefined,
  stream: Readable,
  options: BlobOptions = {},
): Promise<void> {
  const start: RegistryRequest = {
    ...blobRequest(transport, 'POST', 'upload blob', repository, digest, options),
    scopes: [pushScope(repository)],
  };
  const location = await openUpload(transport, start).catch((error: unknown) => {
    stream.destroy();
    throw error;
  });

  const verifier = new DigestVerifier(digest, { size, details: transport.details(start) });
  stream.once('error', (error) => verifier.destroy(error));
  stream.pipe(verifier);

  const url = new URL(location);
  url.searchParams.set('digest', digest);
  const put: RegistryRequest = {
    ...start,
    method: 'PUT',
    url,
    headers: uploadHeaders(size),
    body: verifier,
  };

  try {
    const response = await transport.expect(put, [201]);
    await response.body.dump();
  } catch (error) {
    stream.destroy();
    await cancelUpload(transport, { ...start, url: new URL(location) });
    throw (
      verifier.failure ?? RegistryError.from(error, transport.describe(put), transport.details(put))
    );
  }
}

/**
 * Asks the registry to mount `digest` from `fromRepository` into
 * `repository` without copying bytes; false when it would not (then
 * nothing was changed and the caller copies the blob).
 */
export async function mountBlob(
  transport: Transport,
  repository: string,
  digest: string,
  fromRepository: string,
  options: BlobOptions = {},
): Promise<boolean> {
  checkRepository(fromRepository);
  const req = blobRequest(transport, 'POST', 'mount blob', repository, digest, options);
  req.url.searchParams.set('mount', digest);
  req.url.searchParams.set('from', fromRepository);
  req.scopes = [pushScope(repository), pullScope(fromRepository)];

  const response = await transport.expect(req, [201, 202]);
  await response.body.dump();
  if (response.statusCode === 201) return true;

  // 202: the registry opened an ordinary upload instead; close it.
  const location = header(response, 'location');
  if (location) await cancelUpload(transport, { ...req, url: new URL(location, req.url) });
  return false;
}

function uploadHeaders(size: number | undefined): Record<string, string> {
  // CNCF Distribution refuses a monolithic PUT without this content type.
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (size !== undefined) headers['content-length'] = String(size);
  return headers;
}

function blobRequest(
  transport: Transport,
  method: 'GET' | 'HEAD' | 'POST',
  verb: string,
  repository: string,
  digest: string,
  options: BlobOptions,
): RegistryRequest {
  checkRepository(repository);
  checkDigest(repository, digest);

  const path = method === 'POST' ? 'blobs/uploads/' : `blobs/${digest}`;
  return {
    method,
    url: transport.endpoint(`/v2/${repository}/${path}`),
    scopes: [pullScope(repository)],
    verb,
    repository,
    digest,
    signal: options.signal,
  };
}

async function openUpload(transport: Transport, req: RegistryRequest): Promise<string> {
  const response = await transport.expect(req, [202]);
  await response.body.dump();

  const location = header(response, 'location');
  if (!location) {
    throw new RegistryError('INVALID_RESPONSE', `${transport.describe(req)}: no upload location`, {
      ...transport.details(req),
      status: response.statusCode,
    });
  }
  return new URL(location, req.url).href;
}

/** Best effort: an abandoned upload is purged by the registry anyway. */
async function cancelUpload(transport: Transport, req: RegistryRequest): Promise<void> {
  try {
    const response = await transport.send({ ...req, method: 'DELETE', body: undefined });
    await response.body.dump();
  } catch {
    // The upload expires on its own.
  }
}
