import { createHash, timingSafeEqual } from 'node:crypto';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether a presented credential (an `Authorization` value) equals a
 * configured shared secret. Both are hashed first so the comparison takes
 * the same time whatever their lengths, and `timingSafeEqual` does not leak
 * where they differ.
 */
export function secretMatches(presented: string | undefined, secret: string): boolean {
  if (presented === undefined) return false;

  return timingSafeEqual(sha256(presented), sha256(secret));
}
