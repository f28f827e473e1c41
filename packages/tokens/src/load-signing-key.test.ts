import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeyUnreadableError, SigningKeyUnsupportedError } from './errors.js';
import { libtrustKeyId } from './libtrust-key-id.js';
import { loadSigningKey } from './load-signing-key.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('loadSigningKey', () => {
  let dir: TempDir;

  const write = async (name: string, pem: string) => {
    const file = join(dir.path, name);
    await writeFile(file, pem);
    return file;
  };

  beforeAll(async () => {
    dir = await tempDir('geo-tokens-key-');
  });

  afterAll(async () => {
    await dir.remove();
  });

  it('reads a PKCS#8 RSA key for RS256 with the public key id as kid', async () => {
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    const key = await loadSigningKey(await write('pkcs8.pem', pem));

    expect(key.algorithm).toBe('RS256');
    expect(key.keyId).toBe(libtrustKeyId(rsa.publicKey));
  });

  it('reads a PKCS#1 RSA key the same way', async () => {
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

    const key = await loadSigningKey(await write('pkcs1.pem', pem));

    expect(pem).toContain('BEGIN RSA PRIVATE KEY');
    expect(key.algorithm).toBe('RS256');
    expect(key.keyId).toBe(libtrustKeyId(rsa.publicKey));
  });

  it('reads an EC P-256 key for ES256', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();

    const key = await loadSigningKey(await write('ec.pem', pem));

    expect(key.algorithm).toBe('ES256');
    expect(key.keyId).toBe(libtrustKeyId(ec.publicKey));
  });

  it('refuses an EC key on a curve other than P-256', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    const attempt = loadSigningKey(await write('p384.pem', pem));

    await expect(attempt).rejects.toBeInstanceOf(SigningKeyUnsupportedError);
  });

  it('refuses a file that holds no private key without quoting its content', async () => {
    const file = await write('garbage.pem', 'not-a-key-but-maybe-a-secret');

    const attempt = loadSigningKey(file);

    await expect(attempt).rejects.toBeInstanceOf(SigningKeyUnreadableError);
    await expect(attempt).rejects.not.toThrow(/maybe-a-secret/);
  });

  it('names the file when it does not exist', async () => {
    const file = join(dir.path, 'missing.pem');

    const attempt = loadSigningKey(file);

    await expect(attempt).rejects.toMatchObject({ code: 'SIGNING_KEY_UNREADABLE', file });
  });
});
