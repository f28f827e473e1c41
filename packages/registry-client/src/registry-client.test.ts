import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  buildImage,
  type Registry,
  run,
  skopeoCopy,
  startRegistry,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth } from './basic-auth.js';
import { RegistryError } from './errors.js';
import { DOCKER_MANIFEST, DOCKER_MANIFEST_SCHEMA1_SIGNED, OCI_MANIFEST } from './media-types.js';
import { RegistryClient } from './registry-client.js';

let dir: TempDir;
let registry: Registry;
let client: RegistryClient;

async function push(repository: string, tag: string, format: 'oci' | 'v2s2' | 'v2s1') {
  const image = await buildImage({ layout: join(dir.path, 'layout'), tag: `${format}-${tag}` });
  await skopeoCopy(image.reference, `docker://${registry.host}/${repository}:${tag}`, { format });
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

beforeAll(async () => {
  dir = await tempDir('geo-registry-client-');
  registry = await startRegistry();
  client = new RegistryClient({ url: registry.url });
  await push('group/sub/app', 'one', 'oci');
  await push('group/sub/app', 'two', 'v2s2');
  await push('group/sub/app', 'three', 'oci');
  await push('other', 'latest', 'oci');
  await push('legacy', 'old', 'v2s1');
});

afterAll(async () => {
  await client?.close();
  await registry?.stop();
  await dir?.remove();
});

describe('RegistryClient against a real registry', () => {
  it('pings a registry that accepts its credentials', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('lists every tag across pages by following Link headers', async () => {
    const tags = await client.listTags('group/sub/app', { pageSize: 1 });

    expect(tags.sort()).toEqual(['one', 'three', 'two']);
  });

  it('lists no tags for a repository the registry does not know', async () => {
    await expect(client.listTags('missing/repo')).resolves.toEqual([]);
  });

  it('lists the catalog across pages', async () => {
    const repositories = await client.listCatalog({ pageSize: 1 });

    expect(repositories.sort()).toEqual(['group/sub/app', 'legacy', 'other']);
  });

  it('fetches a schema 1 manifest re-signed on each GET under one verified digest', async () => {
    const { digest } = await client.resolveManifest('legacy', 'old');

    const first = await client.getManifest('legacy', digest);
    const second = await client.getManifest('legacy', digest);

    expect(first.mediaType).toBe(DOCKER_MANIFEST_SCHEMA1_SIGNED);
    expect(first.bytes.equals(second.bytes)).toBe(false);
    expect(second.digest).toBe(digest);
  });

  it('puts fetched schema 1 bytes back under the same digest', async () => {
    const { digest } = await client.resolveManifest('legacy', 'old');
    const manifest = await client.getManifest('legacy', digest);

    const stored = await client.putManifest('legacy', 'again', manifest.bytes, manifest.mediaType);

    expect(stored).toEqual({ digest, reported: true });
  });

  it('says a registry without the referrers API does not offer it', async () => {
    const { digest } = await client.resolveManifest('group/sub/app', 'one');

    await expect(client.listReferrers('group/sub/app', digest)).resolves.toBeUndefined();
  });

  it('resolves tags of both manifest formats to their own media type and digest', async () => {
    const oci = await client.resolveManifest('group/sub/app', 'one');
    const docker = await client.resolveManifest('group/sub/app', 'two');
    const fetched = await client.getManifest('group/sub/app', 'two');

    expect(oci.mediaType).toBe(OCI_MANIFEST);
    expect(docker.mediaType).toBe(DOCKER_MANIFEST);
    expect(fetched.digest).toBe(docker.digest);
    expect(sha256(fetched.bytes)).toBe(docker.digest);
    expect(fetched.size).toBe(docker.size);
  });

  it('fetches a manifest by digest with its exact bytes', async () => {
    const { digest } = await client.resolveManifest('group/sub/app', 'one');

    const manifest = await client.getManifest('group/sub/app', digest);

    expect(manifest.digest).toBe(digest);
    expect(sha256(manifest.bytes)).toBe(digest);
  });

  it('reports a missing manifest as NOT_FOUND with the registry error code', async () => {
    const error = await client.resolveManifest('group/sub/app', 'nope').catch((e) => e);
    const fetch = await client.getManifest('group/sub/app', 'nope').catch((e) => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.code).toBe('NOT_FOUND');
    expect(fetch.code).toBe('NOT_FOUND');
    expect(fetch.registryCodes).toContain('MANIFEST_UNKNOWN');
    expect(fetch.repository).toBe('group/sub/app');
    expect(fetch.reference).toBe('nope');
  });

  it('uploads a blob by streaming it and finds it afterwards', async () => {
    const bytes = randomBytes(100_000);
    const digest = sha256(bytes);

    expect(await client.hasBlob('uploads', digest)).toBe(false);
    await client.uploadBlob('uploads', digest, bytes.length, Readable.from([bytes]));

    expect(await client.hasBlob('uploads', digest)).toBe(true);
    const { stream, size } = await client.getBlobStream('uploads', digest);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(size).toBe(bytes.length);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('fails an upload whose bytes do not match the digest and stores nothing', async () => {
    const bytes = randomBytes(1000);
    const claimed = sha256(randomBytes(1000));

    const error = await client
      .uploadBlob('uploads', claimed, bytes.length, Readable.from([bytes]))
      .catch((e) => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(await client.hasBlob('uploads', claimed)).toBe(false);
  });

  it('mounts a blob from another repository of the same registry', async () => {
    const bytes = randomBytes(500);
    const digest = sha256(bytes);
    await client.uploadBlob('mount/source', digest, bytes.length, Readable.from([bytes]));

    const mounted = await client.mountBlob('mount/target', digest, 'mount/source');

    expect(mounted).toBe(true);
    expect(await client.hasBlob('mount/target', digest)).toBe(true);
  });

  it('puts manifest bytes unchanged, by tag, and deletes them by digest', async () => {
    const source = await client.getManifest('group/sub/app', 'three');
    const manifest = JSON.parse(source.bytes.toString('utf8'));
    for (const blob of [manifest.config, ...manifest.layers]) {
      await client.mountBlob('copies', blob.digest, 'group/sub/app');
    }

    const { digest } = await client.putManifest('copies', 'copy', source.bytes, source.mediaType);
    const copied = await client.getManifest('copies', 'copy');

    expect(digest).toBe(source.digest);
    expect(copied.bytes.equals(source.bytes)).toBe(true);
    await client.deleteManifest('copies', digest);
    expect(await client.listTags('copies')).toEqual([]);
  });

  it('refuses an invalid repository name before sending anything', async () => {
    const error = await client.listTags('../etc').catch((e) => e);

    expect(error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('RegistryClient against a registry with basic authentication', () => {
  let secured: Registry;

  beforeAll(async () => {
    const hash = await run('python3', [
      '-W',
      'ignore',
      '-c',
      'import crypt; print(crypt.crypt("right", crypt.mksalt(crypt.METHOD_BLOWFISH)))',
    ]);
    const htpasswd = join(dir.path, 'htpasswd');
    await writeFile(htpasswd, `geo:${hash.trim()}\n`);
    secured = await startRegistry({ htpasswd });
  });

  afterAll(async () => {
    await secured?.stop();
  });

  it('pings with the right password', async () => {
    const right = new RegistryClient({ url: secured.url, auth: basicAuth('geo', 'right') });

    await expect(right.ping()).resolves.toBeUndefined();
    await right.close();
  });

  it('fails ping and tag listing with UNAUTHORIZED, never empty, on a wrong password', async () => {
    const wrong = new RegistryClient({ url: secured.url, auth: basicAuth('geo', 'wrong') });

    const ping = await wrong.ping().catch((e) => e);
    const tags = await wrong.listTags('group/sub/app').catch((e) => e);
    await wrong.close();

    expect(ping.code).toBe('UNAUTHORIZED');
    expect(tags.code).toBe('UNAUTHORIZED');
    expect(tags.status).toBe(401);
    expect(String(tags.message)).not.toContain('wrong');
  });
});
