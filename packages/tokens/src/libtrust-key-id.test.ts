import { createPublicKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { generateSigningKey, run, type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libtrustKeyId } from './libtrust-key-id.js';

describe('libtrustKeyId', () => {
  let dir: TempDir;
  let certFile: string;
  let keyFile: string;

  beforeAll(async () => {
    dir = await tempDir('geo-tokens-kid-');
    ({ certFile, keyFile } = await generateSigningKey(dir.path));
  });

  afterAll(async () => {
    await dir.remove();
  });

  it('formats the id as twelve colon-separated groups of four base32 characters', async () => {
    const certificate = new X509Certificate(await readFile(certFile));

    const keyId = libtrustKeyId(certificate.publicKey);

    expect(keyId).toMatch(/^[A-Z2-7]{4}(:[A-Z2-7]{4}){11}$/);
  });

  it('matches the truncated SHA-256 of the certificate key computed by openssl', async () => {
    const script = [
      `openssl x509 -in '${certFile}' -pubkey -noout`,
      'openssl pkey -pubin -outform DER',
      'openssl dgst -sha256 -binary',
      'head -c 30',
      'basenc --base32',
    ].join(' | ');
    const expected = (await run('sh', ['-c', script])).trim().match(/.{4}/g)?.join(':');

    const certificate = new X509Certificate(await readFile(certFile));

    expect(libtrustKeyId(certificate.publicKey)).toBe(expected);
  });

  it('gives the private key the id of the certificate that carries its public key', async () => {
    const certificate = new X509Certificate(await readFile(certFile));
    const privateKeyPem = await readFile(keyFile, 'utf8');

    const fromPrivate = libtrustKeyId(createPublicKey(privateKeyPem));

    expect(fromPrivate).toBe(libtrustKeyId(certificate.publicKey));
  });
});
