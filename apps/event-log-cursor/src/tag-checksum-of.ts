import type { RegistryClient } from '@geo/registry-client';
import { tagChecksum } from '@geo/replication';

/** Tags resolved at once per repository. */
const RESOLVE_CONCURRENCY = 8;

/**
 * The verification checksum of `repository` on one registry: its tags,
 * every page, each resolved to its digest (HEAD), hashed as the sync engine
 * hashes them. A repository the registry does not know has no tags.
 */
export async function tagChecksumOf(
  client: RegistryClient,
  repository: string,
  signal?: AbortSignal,
): Promise<string> {
  const tags = await client.listTags(repository, { signal });
  const digests = new Map<string, string>();

  let next = 0;
  const resolveNext = async (): Promise<void> => {
    while (next < tags.length) {
      const tag = tags[next] as string;
      next += 1;
      const { digest } = await client.resolveManifest(repository, tag, { signal });
      digests.set(tag, digest);
    }
  };
  await Promise.all(Array.from({ length: RESOLVE_CONCURRENCY }, resolveNext));

  return tagChecksum(digests);
}
