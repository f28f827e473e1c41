import { createLimiter, type Limiter } from '@geo/replication';
import { Agent, type Dispatcher, request } from 'undici';
import type { ChildConfig, ChildReport } from './child-config.js';

const accept = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface RawManifest {
  bytes: Buffer;
  mediaType: string;
  children: string[];
  blobs: Map<string, number>;
}

interface Copier {
  config: ChildConfig;
  /** Per blob, the repository of the destination that got it first. */
  placed: Map<string, Promise<string>>;
  agent: Agent;
  limit: Limiter;
  report: Omit<ChildReport, 'maxRssKiB' | 'startupSeconds' | 'ok'>;
}

/**
 * The least work any replicator must do, as a yardstick: list tags, GET
 * every manifest and blob of the primary and PUT it on the destination,
 * children before parents, with no HEAD checks, no digest verification,
 * no retries and one bound on requests in flight.
 */
export async function rawCopy(
  config: ChildConfig,
): Promise<Omit<ChildReport, 'maxRssKiB' | 'startupSeconds'>> {
  const copier: Copier = {
    config,
    placed: new Map(),
    agent: new Agent({ connections: config.connections }),
    limit: createLimiter(config.concurrency),
    report: { copiedBytes: 0, copiedBlobs: 0, pushedManifests: 0, failures: [] },
  };

  await Promise.all(
    config.repositories.map((repository) =>
      copyRepository(copier, repository).catch((error: unknown) => {
        copier.report.failures.push(`${repository}: ${(error as Error).message}`);
      }),
    ),
  );
  await copier.agent.close();

  return { ...copier.report, ok: copier.report.failures.length === 0 };
}

async function copyRepository(copier: Copier, repository: string): Promise<void> {
  const { primary } = copier.config;
  const listed = await call(copier, 'GET', `${primary}/v2/${repository}/tags/list?n=1000`);
  const { tags } = (await listed.body.json()) as { tags: string[] | null };

  const manifests = new Map<string, RawManifest>();
  const tagged = await Promise.all(
    (tags ?? []).map(async (tag) => ({
      tag,
      digest: await fetchTree(copier, repository, tag, manifests),
    })),
  );

  const blobs = new Map<string, number>();
  for (const manifest of manifests.values()) {
    for (const [digest, size] of manifest.blobs) blobs.set(digest, size);
  }
  await Promise.all(
    [...blobs].map(([digest, size]) =>
      copier.limit(() => placeBlob(copier, repository, digest, size)),
    ),
  );

  const children = new Set([...manifests.values()].flatMap((manifest) => manifest.children));
  await Promise.all(
    [...children].map((digest) => pushManifest(copier, repository, digest, manifests, digest)),
  );
  await Promise.all(
    tagged.map(({ tag, digest }) => pushManifest(copier, repository, digest, manifests, tag)),
  );
}

/** GETs `reference` and, for an index, its children; returns its digest. */
async function fetchTree(
  copier: Copier,
  repository: string,
  reference: string,
  manifests: Map<string, RawManifest>,
): Promise<string> {
  const url = `${copier.config.primary}/v2/${repository}/manifests/${reference}`;
  const response = await copier.limit(() => call(copier, 'GET', url, { accept }));
  const bytes = Buffer.from(await response.body.arrayBuffer());
  const digest = String(response.headers['docker-content-digest'] ?? reference);
  const mediaType = String(response.headers['content-type']);

  const parsed = JSON.parse(bytes.toString('utf8')) as {
    manifests?: Array<{ digest: string }>;
    config?: { digest: string; size: number };
    layers?: Array<{ digest: string; size: number; urls?: string[] }>;
  };
  const children = (parsed.manifests ?? []).map((child) => child.digest);
  const blobs = new Map<string, number>();
  if (parsed.config) blobs.set(parsed.config.digest, parsed.config.size);
  for (const layer of parsed.layers ?? []) if (!layer.urls) blobs.set(layer.digest, layer.size);
  manifests.set(digest, { bytes, mediaType, children, blobs });

  await Promise.all(children.map((child) => fetchTree(copier, repository, child, manifests)));
  return digest;
}

/**
 * Copies the blob, or with `mount` set mounts it from the repository that
 * got it first (waiting for that copy; the copier holds its own slot).
 */
async function placeBlob(copier: Copier, repository: string, digest: string, size: number) {
  if (!copier.config.mount) return copyBlob(copier, repository, digest, size);

  const holder = copier.placed.get(digest);
  if (!holder) {
    const copied = copyBlob(copier, repository, digest, size).then(() => repository);
    copier.placed.set(digest, copied);
    await copied;
    return;
  }

  const from = await holder;
  const url = new URL(`${copier.config.destination}/v2/${repository}/blobs/uploads/`);
  url.searchParams.set('mount', digest);
  url.searchParams.set('from', from);
  const mounted = await call(copier, 'POST', url.href);
  await mounted.body.dump();
  if (mounted.statusCode !== 201) await copyBlob(copier, repository, digest, size);
}

/** Streams one blob from the primary into a monolithic upload on the destination. */
async function copyBlob(copier: Copier, repository: string, digest: string, size: number) {
  const { primary, destination } = copier.config;

  const source = await call(copier, 'GET', `${primary}/v2/${repository}/blobs/${digest}`);
  const opened = await call(copier, 'POST', `${destination}/v2/${repository}/blobs/uploads/`);
  await opened.body.dump();
  const location = new URL(String(opened.headers.location), destination);
  location.searchParams.set('digest', digest);

  const stored = await call(
    copier,
    'PUT',
    location.href,
    {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
    },
    source.body,
  );
  await stored.body.dump();

  copier.report.copiedBlobs += 1;
  copier.report.copiedBytes += size;
}

async function pushManifest(
  copier: Copier,
  repository: string,
  digest: string,
  manifests: Map<string, RawManifest>,
  reference: string,
): Promise<void> {
  const manifest = manifests.get(digest);
  if (!manifest) throw new Error(`${repository}@${digest} was never fetched`);

  const url = `${copier.config.destination}/v2/${repository}/manifests/${reference}`;
  const response = await copier.limit(() =>
    call(copier, 'PUT', url, { 'content-type': manifest.mediaType }, manifest.bytes),
  );
  await response.body.dump();
  copier.report.pushedManifests += 1;
}

async function call(
  copier: Copier,
  method: Dispatcher.HttpMethod,
  url: string,
  headers: Record<string, string> = {},
  body?: Dispatcher.DispatchOptions['body'],
): Promise<Dispatcher.ResponseData> {
  const response = await request(url, { dispatcher: copier.agent, method, headers, body });
  if (response.statusCode < 300) return response;

  const text = await response.body.text().catch(() => '');
  throw new Error(`${method} ${new URL(url).pathname}: HTTP ${response.statusCode} ${text}`);
}
