import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pushFixture } from '@geo/fixtures';
import type { Registry } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RegistryPair, startPair, tagDigests } from './registry-pair.test-helpers.js';

let pair: RegistryPair;

beforeAll(async () => {
  pair = await startPair();
});

afterAll(async () => {
  await pair?.stop();
});

/** Where `registry` keeps blob `digest` on disk, read from its configuration. */
async function blobFile(registry: Registry, digest: string): Promise<string> {
  const configFile = registry.process.child.spawnargs.at(-1) ?? '';
  const config = JSON.parse(await readFile(configFile, 'utf8'));
  const hex = digest.slice('sha256:'.length);
  const root = config.storage.filesystem.rootdirectory;
  return join(root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}

describe('syncRepository never writes what does not match its digest', () => {
  it('fails the tag whose blob bytes are corrupt, stores nothing of it, and copies the rest', async () => {
    const bad = await pushFixture(pair.primary, 'rot/app', 'bad', 'oci-image', {
      layerBytes: 30_000,
    });
    const good = await pushFixture(pair.primary, 'rot/app', 'good', 'docker-schema2');
    const layer = bad.blobs.at(-1) ?? '';
    const file = await blobFile(pair.primaryRegistry, layer);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    await writeFile(file, bytes);

    const result = await pair.sync('rot/app');

    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.tag).toBe('bad');
    expect(result.failures[0]?.reason).toContain(layer);
    expect(result.failures[0]?.reason).toMatch(/hashing to sha256:/);
    await expect(pair.secondary.hasBlob('rot/app', layer)).resolves.toBe(false);
    expect(await tagDigests(pair.secondary, 'rot/app')).toEqual(new Map([['good', good.digest]]));
  });
});
