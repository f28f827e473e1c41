import { RegistryError } from './errors.js';
import { nextPage } from './pagination.js';
import { checkDigest, checkRepository } from './references.js';
import { pullScope } from './registry-auth.js';
import type { RegistryRequest, RegistryResponse, Transport } from './transport.js';

/** One manifest that names another as its `subject`, as the referrers API lists it. */
export interface Referrer {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** Options of {@link listReferrers}. */
export interface ListReferrersOptions {
  /** Only referrers of this artifact type (the registry may ignore the filter). */
  artifactType?: string;
  signal?: AbortSignal;
}

/** Answers of a registry that does not implement `GET /v2/<name>/referrers/<digest>`. */
const notOffered = new Set([404, 405]);

/**
 * The referrers of manifest `digest` from the OCI 1.1 referrers API,
 * following `Link` pages to the end; undefined when the registry does not
 * offer the API (CNCF Distribution 2.8 answers 404), so the caller can fall
 * back to the `sha256-<hex>` tag schema. A registry offering it answers 200
 * with an index, empty when nothing refers to the digest. `absent` is
 * called when the answer was the bare 404 or 405 of a route the registry
 * does not have (no registry error code), which holds for every manifest.
 */
export async function listReferrers(
  transport: Transport,
  repository: string,
  digest: string,
  options: ListReferrersOptions = {},
  absent: () => void = () => undefined,
): Promise<Referrer[] | undefined> {
  checkRepository(repository);
  checkDigest(repository, digest);

  const first = transport.endpoint(`/v2/${repository}/referrers/${digest}`);
  if (options.artifactType) first.searchParams.set('artifactType', options.artifactType);
  const referrers: Referrer[] = [];
  const seen = new Set<string>();

  for (let url: URL | undefined = first; url && !seen.has(url.href); ) {
    seen.add(url.href);
    const req: RegistryRequest = {
      method: 'GET',
      url,
      scopes: [pullScope(repository)],
      verb: 'list referrers',
      headers: { accept: 'application/vnd.oci.image.index.v1+json' },
      repository,
      digest,
      signal: options.signal,
    };
    const response = await transport.send(req);
    if (notOffered.has(response.statusCode) && seen.size === 1) {
      const failure = await transport.failure(req, response);
      if (failure.registryCodes.length === 0) absent();
      return undefined;
    }
    if (response.statusCode !== 200) throw await transport.failure(req, response);

    referrers.push(...(await readReferrers(transport, req, response)));
    url = nextPage(response, url);
  }

  return referrers;
}

async function readReferrers(
  transport: Transport,
  req: RegistryRequest,
  response: RegistryResponse,
): Promise<Referrer[]> {
  let index: unknown;
  try {
    index = await response.body.json();
  } catch (error) {
    throw RegistryError.from(error, transport.describe(req), transport.details(req));
  }

  const manifests = (index as { manifests?: unknown } | null)?.manifests ?? [];
  if (Array.isArray(manifests) && manifests.every(isReferrer)) return manifests;

  throw new RegistryError('INVALID_RESPONSE', `${transport.describe(req)}: not an index`, {
    ...transport.details(req),
    status: response.statusCode,
  });
}

function isReferrer(value: unknown): value is Referrer {
  const entry = value as Partial<Referrer> | null;
  return (
    typeof entry?.digest === 'string' &&
    typeof entry.mediaType === 'string' &&
    typeof entry.size === 'number'
  );
}
