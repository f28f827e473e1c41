import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) over the `tag digest` lines of `tags`, sorted, each ending
 * in a newline: equal on two registries exactly when they hold the same tags
 * pointing at the same digests.
 */
export function tagChecksum(tags: ReadonlyMap<string, string>): string {
  const lines = [...tags].map(([tag, digest]) => `${tag} ${digest}\n`).sort();

  return createHash('sha256').update(lines.join('')).digest('hex');
}
