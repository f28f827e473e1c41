import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DigestVerifier } from './digest-verifier.js';

function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

async function drain(bytes: Buffer, verifier: DigestVerifier): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), verifier, sink);
  return Buffer.concat(chunks);
}

describe('DigestVerifier', () => {
  it('passes bytes through unchanged when they match a sha256 digest', async () => {
    const bytes = randomBytes(5000);

    const out = await drain(bytes, new DigestVerifier(digestOf(bytes)));

    expect(out.equals(bytes)).toBe(true);
  });

  it('accepts sha512 digests', async () => {
    const bytes = randomBytes(100);

    await expect(drain(bytes, new DigestVerifier(digestOf(bytes, 'sha512')))).resolves.toBeTruthy();
  });

  it('fails with DIGEST_MISMATCH at the end when the bytes differ', async () => {
    const verifier = new DigestVerifier(digestOf(randomBytes(100)));

    const error = await drain(randomBytes(100), verifier).catch((e) => e);

    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(verifier.failure).toBe(error);
  });

  it('fails when the length differs from the announced size', async () => {
    const bytes = randomBytes(100);

    const error = await drain(bytes, new DigestVerifier(digestOf(bytes), { size: 99 })).catch(
      (e) => e,
    );

    expect(error.code).toBe('DIGEST_MISMATCH');
  });

  it('refuses an unsupported digest algorithm', () => {
    expect(() => new DigestVerifier('md5:abc')).toThrow(/not a supported digest/);
  });
});
