import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { pushFixture } from '@geo/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RegistryPair,
  type RegistryProxy,
  startPair,
  startProxy,
  tagDigests,
} from './registry-pair.test-helpers.js';
import { syncRepository } from './sync-repository.js';

// Secondaries whose answer to a manifest put by tag names no digest: one
// stores nothing (the sync must find the tag missing), one stores it (the
// sync must read the tag again rather than trust what it listed before).
let pair: RegistryPair;
let dropping: RegistryProxy;
let silent: RegistryProxy;

function isTagPut(req: IncomingMessage): boolean {
  return req.method === 'PUT' && /^\/v2\/.+\/manifests\/[\w][\w.-]*$/.test(req.url ?? '');
}

function dropTagPuts(req: IncomingMessage, res: ServerResponse): boolean {
  if (!isTagPut(req)) return false;

  req.resume();
  req.on('end', () => res.writeHead(201, { 'content-length': '0' }).end());
  return true;
}

function withoutDigest(upstream: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!isTagPut(req)) return false;

    const forward = request(new URL(req.url ?? '/', upstream), {
      method: req.method,
      headers: req.headers,
    });
    forward.on('response', (answer) => {
      const { 'docker-content-digest': _named, ...headers } = answer.headers;
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
    return true;
  };
}

beforeAll(async () => {
  pair = await startPair();
  const upstream = pair.secondaryRegistry.url;
  [dropping, silent] = await Promise.all([
    startProxy(upstream, dropTagPuts),
    startProxy(upstream, withoutDigest(upstream)),
  ]);
});

afterAll(async () => {
  await Promise.all([dropping?.close(), silent?.close()]);
  await pair?.stop();
});

describe('syncRepository checking what it wrote', () => {
  it('reads back a tag whose put the secondary acknowledged without naming a digest', async () => {
    const repository = 'verify/dropped';
    const v1 = await pushFixture(pair.primary, repository, 'v1', 'oci-image');
    const v2 = await pushFixture(pair.primary, repository, 'v2', 'docker-schema2');
    // The secondary holds v2 already (same seed, same digest): nothing to delete.
    await pushFixture(pair.secondary, repository, 'v2', 'docker-schema2');

    const result = await syncRepository({
      primary: pair.primary,
      secondary: dropping.client,
      repository,
    });

    expect(result.pushedManifests).toBe(1);
    expect(result.failures).toEqual([
      { tag: 'v1', reason: `verify: missing on the secondary (primary ${v1.digest})` },
    ]);
    expect(await tagDigests(pair.secondary, repository)).toEqual(new Map([['v2', v2.digest]]));
  });

  it('reads back a moved tag whose put named no digest, instead of the digest listed before', async () => {
    const repository = 'verify/moved';
    await pushFixture(pair.secondary, repository, 'v1', 'docker-schema2');
    const moved = await pushFixture(pair.primary, repository, 'v1', 'oci-image');

    const result = await syncRepository({
      primary: pair.primary,
      secondary: silent.client,
      repository,
    });

    expect(result.failures).toEqual([]);
    expect(await tagDigests(pair.secondary, repository)).toEqual(new Map([['v1', moved.digest]]));
  });
});
