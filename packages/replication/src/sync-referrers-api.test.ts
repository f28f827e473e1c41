import type { IncomingMessage, ServerResponse } from 'node:http';
import { pushFixture, referrersTag } from '@geo/fixtures';
import { OCI_INDEX, type Referrer } from '@geo/registry-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RegistryPair,
  type RegistryProxy,
  startPair,
  startProxy,
  tagDigests,
} from './registry-pair.test-helpers.js';
import { syncRepository } from './sync-repository.js';

// CNCF Distribution 2.8 has no referrers API, so the primary is a real
// registry behind a pass-through proxy that adds the one endpoint, from
// the referrers the test declares.
let pair: RegistryPair;
let proxy: RegistryProxy;
const referrers = new Map<string, Referrer[]>();

/** Answers the referrers endpoint from the referrers the test declares. */
function referrersApi(req: IncomingMessage, res: ServerResponse): boolean {
  const match = /^\/v2\/.+\/referrers\/(sha256:[a-f0-9]{64})/.exec(req.url ?? '');
  if (!match?.[1]) return false;

  const manifests = referrers.get(match[1]) ?? [];
  res.writeHead(200, { 'content-type': OCI_INDEX });
  res.end(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
  return true;
}

beforeAll(async () => {
  pair = await startPair();
  proxy = await startProxy(pair.primaryRegistry.url, referrersApi);
});

afterAll(async () => {
  await proxy?.close();
  await pair?.stop();
});

describe('syncRepository with a primary offering the referrers API', () => {
  it('copies the referrers the API lists, though no tag names them', async () => {
    const repository = 'api/app';
    const fixture = await pushFixture(pair.primary, repository, 'v1', 'referrer');
    const tagIndex = await pair.primary.resolveManifest(repository, referrersTag(fixture.digest));
    await pair.primary.deleteManifest(repository, tagIndex.digest);
    const [digest = ''] = fixture.referrers;
    const referrer = await pair.primary.getManifest(repository, digest);
    referrers.set(fixture.digest, [{ mediaType: referrer.mediaType, digest, size: referrer.size }]);

    const result = await syncRepository({
      primary: proxy.client,
      secondary: pair.secondary,
      repository,
    });

    expect(result.failures).toEqual([]);
    expect(await tagDigests(pair.secondary, repository)).toEqual(new Map([['v1', fixture.digest]]));
    const copy = await pair.secondary.getManifest(repository, digest);
    expect(copy.bytes.equals(referrer.bytes)).toBe(true);
    for (const layer of JSON.parse(copy.bytes.toString()).layers) {
      await expect(pair.secondary.hasBlob(repository, layer.digest)).resolves.toBe(true);
    }
  });

  it('keeps a referrer the API still lists when the tag that also named it is deleted', async () => {
    const repository = 'api/untagged-referrer';
    const fixture = await pushFixture(pair.primary, repository, 'v1', 'referrer');
    const tagIndex = await pair.primary.resolveManifest(repository, referrersTag(fixture.digest));
    await pair.primary.deleteManifest(repository, tagIndex.digest);
    const [digest = ''] = fixture.referrers;
    const referrer = await pair.primary.getManifest(repository, digest);
    referrers.set(fixture.digest, [{ mediaType: referrer.mediaType, digest, size: referrer.size }]);
    await pair.primary.putManifest(repository, 'sig', referrer.bytes, referrer.mediaType);
    const sync = () =>
      syncRepository({ primary: proxy.client, secondary: pair.secondary, repository });
    expect((await sync()).failures).toEqual([]);
    // Untagged on the primary (a delete by digest, then the bytes back), still a referrer.
    await pair.primary.deleteManifest(repository, digest);
    await pair.primary.putManifest(repository, digest, referrer.bytes, referrer.mediaType);

    const result = await sync();

    expect(result.failures).toEqual([]);
    expect(result.deletedTags).toBe(1);
    expect(await tagDigests(pair.secondary, repository)).toEqual(new Map([['v1', fixture.digest]]));
    const copy = await pair.secondary.getManifest(repository, digest);
    expect(copy.bytes.equals(referrer.bytes)).toBe(true);
  });
});
