import { createHash, timingSafeEqual } from 'node:crypto';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether `presented` equals `secret`. Both are hashed first so that the
 * comparison takes the same time whatever their lengths.
 */
export function secretMatches(presented: string | undefined, secret: string): boolean {
  if (presented === undefined) return false;

  return timingSafeEqual(sha256(presented), sha256(secret));
}
