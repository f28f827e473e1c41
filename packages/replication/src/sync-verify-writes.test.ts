import type { IncomingMessage, ServerResponse } from 'node:http';
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

// A secondary that answers a manifest put by tag with 201 but stores
// nothing and names no digest: the sync must find the tag missing.
let pair: RegistryPair;
let proxy: RegistryProxy;

function dropTagPuts(req: IncomingMessage, res: ServerResponse): boolean {
  const byTag = /^\/v2\/.+\/manifests\/[\w][\w.-]*$/.test(req.url ?? '');
  if (req.method !== 'PUT' || !byTag) return false;

  req.resume();
  req.on('end', () => res.writeHead(201, { 'content-length': '0' }).end());
  return true;
}

beforeAll(async () => {
  pair = await startPair();
  proxy = await startProxy(pair.secondaryRegistry.url, dropTagPuts);
});

afterAll(async () => {
  await proxy?.close();
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
      secondary: proxy.client,
      repository,
    });

    expect(result.pushedManifests).toBe(1);
    expect(result.failures).toEqual([
      { tag: 'v1', reason: `verify: missing on the secondary (primary ${v1.digest})` },
    ]);
    expect(await tagDigests(pair.secondary, repository)).toEqual(new Map([['v2', v2.digest]]));
  });
});
