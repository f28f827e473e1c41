import { RegistryClient } from '@geo/registry-client';
import { ReplicationError, syncRepository } from '@geo/replication';
import {
  buildImage,
  type Registry,
  skopeoCopy,
  startRegistry,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFromCredentials } from './auth-from-credentials.js';
import type { RegistryCredentials } from './load-registry-credentials.js';
import {
  account,
  skopeoCreds,
  startBasicRegistry,
  startBearerRegistry,
  startTokenIssuer,
  type TokenIssuer,
} from './registries.test-helpers.js';

let dir: TempDir;
let issuer: TokenIssuer;
let basicPrimary: Registry;
let bearerPrimary: Registry;
let secondary: Registry;

beforeAll(async () => {
  dir = await tempDir('geo-registry-credentials-');
  issuer = await startTokenIssuer(dir);
  [basicPrimary, bearerPrimary, secondary] = await Promise.all([
    startBasicRegistry(dir),
    startBearerRegistry(issuer, `${issuer.httpUrl}/jwt/auth`),
    startRegistry({ name: 'secondary' }),
  ]);
});

afterAll(async () => {
  await Promise.all([basicPrimary?.stop(), bearerPrimary?.stop(), secondary?.stop()]);
  await issuer?.process.stop();
  await dir?.remove();
});

async function pushImage(registry: Registry, repository: string, tag: string): Promise<void> {
  const image = await buildImage({ layout: `${dir.path}/layout-${repository}`, tag });
  await skopeoCopy(image.reference, `docker://${registry.host}/${repository}:${tag}`, {
    destCreds: skopeoCreds,
  });
}

/** Syncs `repository` from `registry` with `credentials` to the anonymous secondary. */
async function syncFrom(registry: Registry, repository: string, credentials: RegistryCredentials) {
  const primary = new RegistryClient({
    url: registry.url,
    auth: authFromCredentials(registry.url, credentials),
  });
  const target = new RegistryClient({ url: secondary.url });
  try {
    return await syncRepository({ primary, secondary: target, repository });
  } finally {
    await Promise.all([primary.close(), target.close()]);
  }
}

async function digestOf(
  registry: Registry,
  repository: string,
  tag: string,
  auth: RegistryCredentials,
) {
  const client = new RegistryClient({
    url: registry.url,
    auth: authFromCredentials(registry.url, auth),
  });
  try {
    return (await client.resolveManifest(repository, tag)).digest;
  } finally {
    await client.close();
  }
}

const basic = { type: 'basic', ...account } as const;
const bearer = { type: 'bearer', ...account } as const;
const anonymous = { type: 'anonymous' } as const;

describe('replicating from a registry with plain basic auth (htpasswd)', () => {
  it('makes an exact copy with basic credentials', async () => {
    await pushImage(basicPrimary, 'basic/app', 'v1');

    const result = await syncFrom(basicPrimary, 'basic/app', basic);

    expect(result.failures).toEqual([]);
    expect(result.tags).toBe(1);
    expect(result.secondaryChecksum).toBe(result.checksum);
    expect(await digestOf(secondary, 'basic/app', 'v1', anonymous)).toBe(
      await digestOf(basicPrimary, 'basic/app', 'v1', basic),
    );
  });

  it('answers the basic challenge when the credentials say bearer', async () => {
    await pushImage(basicPrimary, 'basic/challenged', 'v1');

    const result = await syncFrom(basicPrimary, 'basic/challenged', bearer);

    expect(result.failures).toEqual([]);
    expect(result.secondaryChecksum).toBe(result.checksum);
  });

  it('fails as unauthorized on a wrong password, without the password in the error', async () => {
    const wrong = { ...basic, password: 'wrong-basic-password' };

    const error = await syncFrom(basicPrimary, 'basic/app', wrong).catch((caught) => caught);

    expect(error).toBeInstanceOf(ReplicationError);
    expect(error).toMatchObject({ code: 'PRIMARY_UNAVAILABLE', cause: { code: 'UNAUTHORIZED' } });
    expect(String(error.message)).toContain('HTTP 401');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('wrong-basic');
  });
});

describe('replicating from a registry with a bearer challenge (token-issuer realm)', () => {
  it('makes an exact copy with tokens got by basic credentials', async () => {
    await pushImage(bearerPrimary, 'bearer/app', 'v1');
    await pushImage(bearerPrimary, 'bearer/app', 'v2');

    const result = await syncFrom(bearerPrimary, 'bearer/app', bearer);

    expect(result.failures).toEqual([]);
    expect(result.tags).toBe(2);
    expect(result.secondaryChecksum).toBe(result.checksum);
    expect(await digestOf(secondary, 'bearer/app', 'v2', anonymous)).toBe(
      await digestOf(bearerPrimary, 'bearer/app', 'v2', bearer),
    );
  });

  it('fails as unauthorized on a wrong password, without the password in the error', async () => {
    const wrong = { ...bearer, password: 'wrong-bearer-password' };

    const error = await syncFrom(bearerPrimary, 'bearer/app', wrong).catch((caught) => caught);

    expect(error).toBeInstanceOf(ReplicationError);
    expect(error).toMatchObject({ code: 'PRIMARY_UNAVAILABLE', cause: { code: 'UNAUTHORIZED' } });
    expect(String(error.message)).toMatch(/credentials were refused/);
    const text = `${error.message} ${error.cause?.message} ${error.cause?.cause?.message}`;
    expect(text).not.toContain('wrong-bearer-password');
    expect(text).not.toContain(Buffer.from(`${account.username}:`).toString('base64'));
  });

  it('refuses basic credentials sent straight to a registry that wants tokens', async () => {
    const error = await syncFrom(bearerPrimary, 'bearer/app', basic).catch((caught) => caught);

    expect(error).toMatchObject({ code: 'PRIMARY_UNAVAILABLE', cause: { code: 'UNAUTHORIZED' } });
  });
});
