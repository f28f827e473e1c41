import { join } from 'node:path';
import { type FixtureKind, type PushedFixture, pushFixture } from '@geo/fixtures';
import { isSchema1MediaType } from '@geo/registry-client';
import { skopeoCopy, skopeoInspectRaw, type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RegistryPair, startPair, tagDigests } from './registry-pair.test-helpers.js';

let pair: RegistryPair;
let dir: TempDir;

beforeAll(async () => {
  [pair, dir] = await Promise.all([startPair(), tempDir('geo-sync-kinds-')]);
});

afterAll(async () => {
  await pair?.stop();
  await dir?.remove();
});

/** How a real client checks a kind: `none`, one image, or every image of an index. */
type ClientCheck = 'none' | 'image' | 'all';

const kinds: Array<[FixtureKind, ClientCheck]> = [
  ['docker-schema1', 'image'],
  ['docker-schema2', 'image'],
  ['docker-manifest-list', 'all'],
  ['oci-image', 'image'],
  ['oci-index', 'all'],
  ['buildkit-cache', 'none'],
  ['artifact-empty-config', 'none'],
  ['helm-chart', 'none'],
  ['artifact-no-layers', 'none'],
  ['referrer', 'image'],
  ['foreign-layer', 'none'],
];

/** The manifest's digest on both sides, and its bytes too unless schema 1 (re-signed per GET). */
async function expectSameManifest(repository: string, digest: string): Promise<void> {
  const source = await pair.primary.getManifest(repository, digest);
  const copy = await pair.secondary.getManifest(repository, digest);

  expect(copy.digest).toBe(source.digest);
  expect(copy.mediaType).toBe(source.mediaType);
  if (!isSchema1MediaType(source.mediaType)) expect(copy.bytes.equals(source.bytes)).toBe(true);
}

async function expectExactCopy(fixture: PushedFixture): Promise<void> {
  const { repository } = fixture;
  const tags = await tagDigests(pair.primary, repository);
  expect(tags.get(fixture.tag)).toBe(fixture.digest);
  expect(await tagDigests(pair.secondary, repository)).toEqual(tags);

  for (const digest of [...fixture.manifests, ...fixture.referrers]) {
    await expectSameManifest(repository, digest);
  }
  for (const digest of fixture.blobs) {
    await expect(pair.secondary.hasBlob(repository, digest), digest).resolves.toBe(true);
  }
  for (const digest of fixture.foreignBlobs) {
    await expect(pair.secondary.hasBlob(repository, digest), digest).resolves.toBe(false);
  }
}

async function expectClientPulls(fixture: PushedFixture, check: ClientCheck): Promise<void> {
  const name = `${fixture.repository}:${fixture.tag}`;
  const raw = await skopeoInspectRaw(`docker://${pair.secondaryRegistry.host}/${name}`);
  if (!isSchema1MediaType(fixture.mediaType)) {
    expect(raw).toBe(await skopeoInspectRaw(`docker://${pair.primaryRegistry.host}/${name}`));
  }
  if (check === 'none') return;

  const layout = join(dir.path, fixture.kind);
  await skopeoCopy(`docker://${pair.secondaryRegistry.host}/${name}`, `oci:${layout}:copy`, {
    all: check === 'all',
  });
}

describe('syncRepository copies every manifest kind byte-identical', () => {
  it.each(kinds)('replicates %s with its children, blobs and referrers', async (kind, check) => {
    const repository = `kinds/${kind}`;
    const fixture = await pushFixture(pair.primary, repository, 'v1', kind, { layerBytes: 50_000 });

    const result = await pair.sync(repository);

    expect(result.failures).toEqual([]);
    expect(result.secondaryChecksum).toBe(result.checksum);
    await expectExactCopy(fixture);
    await expectClientPulls(fixture, check);
  });
});
