import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient, type RegistryClientOptions } from '@geo/registry-client';
import { type Registry, type RegistryOptions, startRegistry } from '@geo/testkit';
import { BlobLocations } from './blob-locations.js';
import { syncRepository } from './sync-repository.js';
import type { SyncOptions, SyncResult } from './sync-types.js';

/** A primary and a secondary docker-registry with a client of each. */
export interface RegistryPair {
  primaryRegistry: Registry;
  secondaryRegistry: Registry;
  primary: RegistryClient;
  secondary: RegistryClient;
  /** Syncs `repository` from primary to secondary with this pair's own mount hints. */
  sync(repository: string, options?: Partial<SyncOptions>): Promise<SyncResult>;
  stop(): Promise<void>;
}

/** Options of {@link startPair}. */
export interface PairOptions {
  registry?: RegistryOptions;
  primaryClient?: Partial<RegistryClientOptions>;
  secondaryClient?: Partial<RegistryClientOptions>;
}

/** Starts two real registries on free ports, with throw-away storage. */
export async function startPair(options: PairOptions = {}): Promise<RegistryPair> {
  const [primaryRegistry, secondaryRegistry] = await Promise.all([
    startRegistry(options.registry),
    startRegistry(options.registry),
  ]);
  const primary = new RegistryClient({ url: primaryRegistry.url, ...options.primaryClient });
  const secondary = new RegistryClient({ url: secondaryRegistry.url, ...options.secondaryClient });
  const blobLocations = new BlobLocations();

  return {
    primaryRegistry,
    secondaryRegistry,
    primary,
    secondary,
    sync: (repository, overrides = {}) =>
      syncRepository({
        primary,
        secondary,
        repository,
        concurrency: 4,
        blobLocations,
        ...overrides,
      }),
    async stop() {
      await Promise.all([primary.close(), secondary.close()]);
      await Promise.all([primaryRegistry.stop(), secondaryRegistry.stop()]);
    },
  };
}

/** Every tag of `repository` on `client` with the digest it points at. */
export async function tagDigests(
  client: RegistryClient,
  repository: string,
): Promise<Map<string, string>> {
  const tags = await client.listTags(repository);
  const pairs = await Promise.all(
    tags.map(async (tag) => [tag, (await client.resolveManifest(repository, tag)).digest] as const),
  );
  return new Map(pairs.sort(([a], [b]) => a.localeCompare(b)));
}

/** Answers a request itself (true) or lets it through to the registry (false). */
export type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A pass-through HTTP proxy in front of a registry, and a client that goes through it. */
export interface RegistryProxy {
  url: string;
  client: RegistryClient;
  /** Closes the client and the proxy. */
  close(): Promise<void>;
}

/**
 * Starts a proxy that forwards every request to `upstream` unchanged,
 * except those `intercept` answers: a registry with a feature, or a fault,
 * that CNCF Distribution does not have.
 */
export async function startProxy(upstream: string, intercept: Intercept): Promise<RegistryProxy> {
  const server: Server = createServer((req, res) => {
    if (intercept(req, res)) return;

    const forward = request(new URL(req.url ?? '/', upstream), {
      method: req.method,
      headers: req.headers,
    });
    forward.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new RegistryClient({ url });

  return {
    url,
    client,
    async close() {
      await client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
