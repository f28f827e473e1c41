import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pushFixture } from '@geo/fixtures';
import {
  basicAuth,
  DOCKER_MANIFEST_LIST,
  type ManifestDescriptor,
  OCI_INDEX,
  RegistryClient,
} from '@geo/registry-client';
import {
  buildImage,
  type Registry,
  skopeoCopy,
  skopeoInspectRaw,
  startRegistry,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReplicationError } from './errors.js';
import { startProxy } from './registry-pair.test-helpers.js';
import { syncRepository } from './sync-repository.js';
import { tagChecksum } from './tag-checksum.js';

const repo = 'group/sub/app';
let dir: TempDir;
let primaryRegistry: Registry;
let secondaryRegistry: Registry;
let primary: RegistryClient;
let secondary: RegistryClient;
let builds = 0;

async function push(repository: string, tag: string, format: 'oci' | 'v2s2' | 'v2s1') {
  builds += 1;
  const image = await buildImage({ layout: join(dir.path, 'layout'), tag: `build-${builds}` });
  const target = `docker://${primaryRegistry.host}/${repository}:${tag}`;
  await skopeoCopy(image.reference, target, { format });
  return primary.resolveManifest(repository, tag);
}

/** Pushes a fresh image into `repository` by digest only, with no tag. */
async function pushUntagged(repository: string, format: 'oci' | 'v2s2') {
  const scratch = await push('scratch', `untagged-${builds}`, format);
  const manifest = await primary.getManifest('scratch', scratch.digest);
  const body = JSON.parse(manifest.bytes.toString('utf8'));
  for (const blob of [body.config, ...body.layers]) {
    await primary.mountBlob(repository, blob.digest, 'scratch');
  }
  await primary.putManifest(repository, scratch.digest, manifest.bytes, manifest.mediaType);
  return scratch;
}

async function pushIndex(tag: string, mediaType: string, children: ManifestDescriptor[]) {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: children.map((child, index) => ({
        mediaType: child.mediaType,
        digest: child.digest,
        size: child.size,
        platform: { architecture: index === 0 ? 'amd64' : 'arm64', os: 'linux' },
      })),
    }),
  );
  await primary.putManifest(repo, tag, bytes, mediaType);
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function digests(client: RegistryClient, repository: string) {
  const tags = await client.listTags(repository);
  const pairs = await Promise.all(
    tags.map(async (tag) => [tag, (await client.resolveManifest(repository, tag)).digest] as const),
  );
  return new Map(pairs);
}

function sync(repository = repo) {
  return syncRepository({ primary, secondary, repository, concurrency: 3 });
}

beforeAll(async () => {
  dir = await tempDir('geo-replication-');
  [primaryRegistry, secondaryRegistry] = await Promise.all([startRegistry(), startRegistry()]);
  primary = new RegistryClient({ url: primaryRegistry.url });
  secondary = new RegistryClient({ url: secondaryRegistry.url });

  const oci = await push(repo, 'oci', 'oci');
  await skopeoCopy(
    `docker://${primaryRegistry.host}/${repo}:oci`,
    `docker://${primaryRegistry.host}/${repo}:alias`,
  );
  await push(repo, 'docker', 'v2s2');
  const arm = await pushUntagged(repo, 'oci');
  await pushIndex('multi', OCI_INDEX, [oci, arm]);
  const dockerChildren = [await pushUntagged(repo, 'v2s2'), await pushUntagged(repo, 'v2s2')];
  await pushIndex('list', DOCKER_MANIFEST_LIST, dockerChildren);
});

afterAll(async () => {
  await primary?.close();
  await secondary?.close();
  await primaryRegistry?.stop();
  await secondaryRegistry?.stop();
  await dir?.remove();
});

describe('syncRepository between two registries', () => {
  it('copies every tag to the same digest, indexes and manifest lists included', async () => {
    const result = await sync();

    const expected = await digests(primary, repo);
    expect(result.failures).toEqual([]);
    expect(await digests(secondary, repo)).toEqual(expected);
    expect(result.tags).toBe(5);
    expect(result.checksum).toBe(tagChecksum(expected));
    expect(result.copiedBlobs).toBeGreaterThanOrEqual(10);
    expect(result.copiedBytes).toBeGreaterThan(0);
    for (const tag of expected.keys()) {
      const raw = await skopeoInspectRaw(`docker://${secondaryRegistry.host}/${repo}:${tag}`);
      expect(raw).toBe(await skopeoInspectRaw(`docker://${primaryRegistry.host}/${repo}:${tag}`));
    }
  });

  it('copies nothing on a second sync', async () => {
    const result = await sync();

    expect(result.failures).toEqual([]);
    expect(result.copiedBlobs).toBe(0);
    expect(result.pushedManifests).toBe(0);
    expect(result.deletedTags).toBe(0);
  });

  it('reads the secondary once on a sync that writes nothing, and still checks the copy', async () => {
    const listTags = vi.spyOn(secondary, 'listTags');
    const resolve = vi.spyOn(secondary, 'resolveManifest');

    const result = await sync().finally(() => vi.restoreAllMocks());

    expect(result.failures).toEqual([]);
    expect(result.secondaryChecksum).toBe(result.checksum);
    expect(listTags).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledTimes(result.tags);
  });

  it('deletes a tag gone from the primary and keeps another tag on the same digest', async () => {
    const manifest = await primary.getManifest(repo, 'oci');
    await primary.deleteManifest(repo, manifest.digest);
    await primary.putManifest(repo, 'alias', manifest.bytes, manifest.mediaType);
    // The index `multi` lists the deleted manifest as a child; put it back
    // by digest on the primary so the primary itself stays consistent.
    await primary.putManifest(repo, manifest.digest, manifest.bytes, manifest.mediaType);

    const result = await sync();

    expect(result.failures).toEqual([]);
    expect(result.deletedTags).toBe(1);
    const tags = await digests(secondary, repo);
    expect(tags.has('oci')).toBe(false);
    expect(tags.get('alias')).toBe(manifest.digest);
    expect(tags).toEqual(await digests(primary, repo));
    await expect(secondary.getManifest(repo, manifest.digest)).resolves.toBeTruthy();
  });

  it('moves a tag that moved on the primary', async () => {
    const moved = await push(repo, 'docker', 'v2s2');
    const listTags = vi.spyOn(secondary, 'listTags');
    const resolve = vi.spyOn(secondary, 'resolveManifest');

    const result = await sync().finally(() => vi.restoreAllMocks());

    expect(result.failures).toEqual([]);
    expect((await secondary.resolveManifest(repo, 'docker')).digest).toBe(moved.digest);
    // The copy is checked by listing again; the moved tag's digest is the
    // one the registry named when it stored it, the others were just read.
    expect(listTags).toHaveBeenCalledTimes(2);
    // Every tag while listing, and the moved tag's new manifest by digest.
    expect(resolve).toHaveBeenCalledTimes(result.tags + 1);
    expect(result.secondaryChecksum).toBe(result.checksum);
  });

  it('fills a repository the secondary lists no tags for over what an interrupted sync left', async () => {
    const repository = 'interrupted/app';
    const layerBytes = 2 * 1024 * 1024;
    const image = await pushFixture(primary, repository, 'v1', 'oci-image', { layerBytes });
    const manifest = await primary.getManifest(repository, image.digest);
    expect((await sync(repository)).failures).toEqual([]);
    // Left as by a sync stopped before its tag: blobs and the manifest, untagged.
    await secondary.deleteManifest(repository, image.digest);
    await secondary.putManifest(repository, image.digest, manifest.bytes, manifest.mediaType);

    const result = await sync(repository);

    expect(result.failures).toEqual([]);
    expect(await digests(secondary, repository)).toEqual(new Map([['v1', image.digest]]));
    // Small blobs are sent again without asking; the large layer is found in place.
    expect(result.skippedBlobs).toBe(1);
    expect(result.copiedBytes).toBeLessThan(layerBytes);
  });

  it('fetches each tag of a repository new to the secondary once, without resolving it', async () => {
    const repository = 'fresh/app';
    await push(repository, 'v1', 'oci');
    await push(repository, 'v2', 'v2s2');
    const resolve = vi.spyOn(primary, 'resolveManifest');
    const get = vi.spyOn(primary, 'getManifest');

    const result = await sync(repository).finally(() => vi.restoreAllMocks());

    expect(result.failures).toEqual([]);
    expect(resolve).not.toHaveBeenCalled();
    // Two tags on two manifests: one GET each, none again to copy them.
    expect(get).toHaveBeenCalledTimes(2);
    expect(await digests(secondary, repository)).toEqual(await digests(primary, repository));
  });

  it('pings the primary once for syncs that run together or follow closely', async () => {
    const client = new RegistryClient({ url: primaryRegistry.url });
    const ping = vi.spyOn(client, 'ping');
    const once = () => syncRepository({ primary: client, secondary, repository: repo });

    const results = await Promise.all([once(), once()]).then(async (first) => [
      ...first,
      await once(),
    ]);
    await client.close();

    expect(results.map((result) => result.failures)).toEqual([[], [], []]);
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('ends as aborted, not as an unavailable primary, when cancelled before the ping answers', async () => {
    const client = new RegistryClient({ url: primaryRegistry.url });
    const cancelled = new AbortController();
    cancelled.abort(new Error('claim lost'));

    const error = await syncRepository({
      primary: client,
      secondary,
      repository: repo,
      signal: cancelled.signal,
    }).catch((e) => e);
    await client.close();

    expect(error).toBeInstanceOf(ReplicationError);
    expect(error.code).toBe('ABORTED');
  });

  it('ends as aborted, not as an unavailable primary, when cancelled while listing tags', async () => {
    const slowList = await startProxy(primaryRegistry.url, (req, res) => {
      if (!req.url?.includes('/tags/list')) return false;
      setTimeout(() => res.writeHead(503).end(), 2_000);
      return true;
    });
    // The ping is answered, and shared, before the sync starts.
    await slowList.client.ping();
    const cancelled = new AbortController();
    setTimeout(() => cancelled.abort(new Error('claim lost')), 200);

    const error = await syncRepository({
      primary: slowList.client,
      secondary,
      repository: repo,
      signal: cancelled.signal,
    }).catch((e) => e);
    await slowList.close();

    expect(error).toBeInstanceOf(ReplicationError);
    expect(error.code).toBe('ABORTED');
  });

  it('reports a tag the secondary lists but no longer serves, which it cannot delete', async () => {
    const repository = 'dangling/app';
    const kept = await pushFixture(primary, repository, 'v1', 'oci-image', { layerBytes: 64 });
    const gone = await pushFixture(primary, repository, 'v2', 'oci-image', { layerBytes: 64 });
    expect((await sync(repository)).failures).toEqual([]);
    await primary.deleteManifest(repository, gone.digest);
    // The secondary loses the manifest the tag links to, as after a bad restore.
    const revisions = 'docker/registry/v2/repositories/dangling/app/_manifests/revisions';
    await rm(join(secondaryRegistry.storage, revisions, 'sha256', gone.digest.slice(7)), {
      recursive: true,
    });

    const result = await sync(repository);

    expect(result.failures).toEqual([
      { tag: 'v2', reason: 'delete: listed, but its manifest is unknown' },
    ]);
    expect((await secondary.resolveManifest(repository, 'v1')).digest).toBe(kept.digest);
  });

  it('fails when the primary refuses its credentials instead of emptying the secondary', async () => {
    const htpasswd = join(dir.path, 'htpasswd');
    await writeFile(htpasswd, 'geo:$2y$05$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva\n');
    const locked = await startRegistry({ htpasswd });
    const refused = new RegistryClient({ url: locked.url, auth: basicAuth('geo', 'wrong') });
    const before = await digests(secondary, repo);

    const error = await syncRepository({ primary: refused, secondary, repository: repo }).catch(
      (e) => e,
    );
    await refused.close();
    await locked.stop();

    expect(error).toBeInstanceOf(ReplicationError);
    expect(error.code).toBe('PRIMARY_UNAVAILABLE');
    expect(error.message).toMatch(/401/);
    expect(await digests(secondary, repo)).toEqual(before);
  });
});
