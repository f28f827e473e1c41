import { pushFixture } from '@geo/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RegistryPair, startPair, tagDigests } from './registry-pair.test-helpers.js';
import type { SyncProgress } from './sync-progress.js';

let pair: RegistryPair;

beforeAll(async () => {
  pair = await startPair();
});

afterAll(async () => {
  await pair?.stop();
});

/** Pushes `count` tags, each on its own manifest over the same blobs. */
async function pushManyTags(repository: string, count: number): Promise<void> {
  const base = await pushFixture(pair.primary, repository, 'base', 'oci-image', {
    layerBytes: 1000,
  });
  const manifest = await pair.primary.getManifest(repository, base.digest);
  const body = JSON.parse(manifest.bytes.toString('utf8'));

  for (let start = 0; start < count - 1; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - 1 - start) }, (_, i) => start + i);
    await Promise.all(
      batch.map((n) => {
        const bytes = Buffer.from(JSON.stringify({ ...body, annotations: { n: String(n) } }));
        return pair.primary.putManifest(repository, `t-${n}`, bytes, manifest.mediaType);
      }),
    );
  }
}

describe('syncRepository lists tags truthfully', () => {
  it('copies 250 tags read over several tags/list pages', async () => {
    await pushManyTags('many/tags', 250);
    const events: SyncProgress[] = [];

    const result = await pair.sync('many/tags', {
      tagPageSize: 100,
      concurrency: 16,
      onProgress: (event) => events.push(event),
    });

    expect(result.failures).toEqual([]);
    expect(result.tags).toBe(250);
    expect(events).toContainEqual({ type: 'tags-listed', primary: 250, secondary: 0 });
    const copied = await tagDigests(pair.secondary, 'many/tags');
    expect(copied.size).toBe(250);
    expect(copied).toEqual(await tagDigests(pair.primary, 'many/tags'));
  });

  it('copies a repository whose name has five path segments', async () => {
    const repository = 'one/two/three/four/five';
    const fixture = await pushFixture(pair.primary, repository, 'v1', 'oci-image');

    const result = await pair.sync(repository);

    expect(result.failures).toEqual([]);
    expect((await pair.secondary.resolveManifest(repository, 'v1')).digest).toBe(fixture.digest);
  });

  it('copies two tags on one manifest to the same digest', async () => {
    const fixture = await pushFixture(pair.primary, 'two/tags', 'first', 'docker-schema2');
    const manifest = await pair.primary.getManifest('two/tags', fixture.digest);
    await pair.primary.putManifest('two/tags', 'second', manifest.bytes, manifest.mediaType);

    const result = await pair.sync('two/tags');

    expect(result.failures).toEqual([]);
    expect(await tagDigests(pair.secondary, 'two/tags')).toEqual(
      new Map([
        ['first', fixture.digest],
        ['second', fixture.digest],
      ]),
    );
  });

  it('syncs a repository without tags as an empty one', async () => {
    const fixture = await pushFixture(pair.primary, 'empty/app', 'v1', 'oci-image');
    await pair.primary.deleteManifest('empty/app', fixture.digest);

    const result = await pair.sync('empty/app');

    expect(result).toMatchObject({ tags: 0, failures: [], pushedManifests: 0 });
    expect(result.secondaryChecksum).toBe(result.checksum);
    expect(await pair.secondary.listTags('empty/app')).toEqual([]);
  });

  it('empties a repository that is gone from the primary', async () => {
    await pushFixture(pair.secondary, 'gone/app', 'v1', 'oci-image');
    await pushFixture(pair.secondary, 'gone/app', 'v2', 'docker-manifest-list');

    const result = await pair.sync('gone/app');

    expect(result.failures).toEqual([]);
    expect(result.deletedTags).toBe(2);
    expect(await pair.secondary.listTags('gone/app')).toEqual([]);
  });

  it('mounts blobs the secondary holds in another repository instead of copying them', async () => {
    const options = { seed: 'shared', layerBytes: 20_000 };
    await pushFixture(pair.primary, 'mount/source', 'v1', 'oci-index', options);
    const fixture = await pushFixture(pair.primary, 'mount/target', 'v1', 'oci-index', options);
    await pair.sync('mount/source');

    const result = await pair.sync('mount/target');

    expect(result.failures).toEqual([]);
    expect(result.copiedBlobs).toBe(0);
    expect(result.mountedBlobs).toBe(fixture.blobs.length);
    for (const digest of fixture.blobs) {
      await expect(pair.secondary.hasBlob('mount/target', digest)).resolves.toBe(true);
    }
  });

  it('copies a blob shared by repositories synced at once a single time and mounts it in the others', async () => {
    const options = { seed: 'together', layerBytes: 2_000_000 };
    const repositories = ['together/a', 'together/b', 'together/c'];
    const fixtures = await Promise.all(
      repositories.map((repository) =>
        pushFixture(pair.primary, repository, 'v1', 'oci-image', options),
      ),
    );
    const blobs = fixtures[0]?.blobs.length ?? 0;

    const results = await Promise.all(repositories.map((repository) => pair.sync(repository)));

    expect(results.flatMap((result) => result.failures)).toEqual([]);
    expect(results.reduce((sum, result) => sum + result.copiedBlobs, 0)).toBe(blobs);
    expect(results.reduce((sum, result) => sum + result.mountedBlobs, 0)).toBe(2 * blobs);
  });
});
