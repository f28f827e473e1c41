import { createHash } from 'node:crypto';
import { RegistryError } from './errors.js';

/** Digest algorithms this client can verify. */
export type DigestAlgorithm = 'sha256' | 'sha512';

const digestPattern = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** True when `value` is a `sha256:` or `sha512:` digest in canonical hex. */
export function isDigest(value: string): boolean {
  return digestPattern.test(value);
}

/** The algorithm of `digest`; throws INVALID_ARGUMENT for anything else. */
export function digestAlgorithm(digest: string): DigestAlgorithm {
  if (!isDigest(digest)) {
    throw new RegistryError('INVALID_ARGUMENT', `not a supported digest: ${digest.slice(0, 80)}`, {
      digest,
    });
  }

  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

/** The digest of `bytes`, `sha256` unless told otherwise. */
export function computeDigest(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}
