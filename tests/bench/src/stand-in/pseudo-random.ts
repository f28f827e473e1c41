import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const chunkBytes = 1 << 20;

/**
 * `size` bytes that look random and are the same for the same `seed`: an
 * AES-CTR keystream. Fast, and can be produced twice (once to hash, once
 * to upload) without ever holding the whole blob in memory.
 */
export function pseudoRandomStream(seed: string, size: number): Readable {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(chunkBytes);
  let left = size;

  return new Readable({
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const length = Math.min(left, chunkBytes);
      left -= length;
      this.push(cipher.update(zeros.subarray(0, length)));
    },
  });
}

/** `size` pseudo-random bytes for `seed`, in memory. */
export async function pseudoRandomBytes(seed: string, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of pseudoRandomStream(seed, size)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The sha256 digest of {@link pseudoRandomStream}`(seed, size)`, computed streaming. */
export async function pseudoRandomDigest(seed: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of pseudoRandomStream(seed, size)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
