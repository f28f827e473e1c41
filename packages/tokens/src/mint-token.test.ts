import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signingKeyFromPem } from './load-signing-key.js';
import { mintToken } from './mint-token.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = signingKeyFromPem(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const now = new Date('2030-01-02T03:04:05.678Z');
const base = {
  key,
  issuer: 'geo-issuer',
  audience: 'container_registry',
  subject: 'geo-site:east',
  access: [{ type: 'repository', name: 'group/app', actions: ['pull'] }],
  now,
};

async function claimsOf(token: string) {
  const { payload } = await jwtVerify(token, rsa.publicKey, { currentDate: now });
  return payload;
}

describe('mintToken', () => {
  it('signs an RS256 JWT whose kid is the key id', async () => {
    const { token } = await mintToken(base);

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: key.keyId });
  });

  it('carries the registry claims, with aud as a single string', async () => {
    const { token } = await mintToken(base);

    const claims = await claimsOf(token);

    expect(claims).toMatchObject({
      iss: 'geo-issuer',
      sub: 'geo-site:east',
      aud: 'container_registry',
      access: [{ type: 'repository', name: 'group/app', actions: ['pull'] }],
    });
    expect(typeof claims.jti).toBe('string');
  });

  it('lasts five minutes by default, with nbf a few seconds before iat', async () => {
    const minted = await mintToken(base);

    const claims = await claimsOf(minted.token);

    const iat = Math.floor(now.getTime() / 1000);
    expect(claims.iat).toBe(iat);
    expect(claims.exp).toBe(iat + 300);
    expect(claims.nbf).toBeLessThan(iat);
    expect(claims.nbf).toBeGreaterThanOrEqual(iat - 30);
    expect(minted.issuedAt.getTime()).toBe(iat * 1000);
    expect(minted.expiresAt.getTime()).toBe((iat + 300) * 1000);
  });

  it('cuts a lifetime longer than an hour to an hour', async () => {
    const minted = await mintToken({ ...base, ttlSeconds: 86_400 });

    expect(minted.expiresAt.getTime() - minted.issuedAt.getTime()).toBe(3_600_000);
  });

  it('refuses a lifetime that is not a positive whole number', async () => {
    await expect(mintToken({ ...base, ttlSeconds: 0 })).rejects.toMatchObject({
      code: 'TOKEN_REQUEST_INVALID',
    });
  });

  it('gives every token its own jti', async () => {
    const first = await claimsOf((await mintToken(base)).token);
    const second = await claimsOf((await mintToken(base)).token);

    expect(first.jti).not.toBe(second.jti);
  });

  it('keeps a scope class in the access claim and omits it when absent', async () => {
    const access = [
      { type: 'repository', class: 'plugin', name: 'p', actions: ['pull'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ];

    const claims = await claimsOf((await mintToken({ ...base, access })).token);

    expect(claims.access).toEqual(access);
  });

  it('signs with ES256 when the key is EC P-256', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    const { token } = await mintToken({ ...base, key: signingKeyFromPem(pem) });

    expect(decodeProtectedHeader(token).alg).toBe('ES256');
    await expect(jwtVerify(token, ec.publicKey, { currentDate: now })).resolves.toBeDefined();
  });

  it('refuses x5c for a key whose certificate it does not have', async () => {
    await expect(mintToken({ ...base, x5c: true })).rejects.toThrow(/x5c needs the certificate/);
  });
});
