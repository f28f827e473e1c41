import { type ManifestDescriptor, type RegistryClient, RegistryError } from '@geo/registry-client';
import { reasonOf } from './errors.js';
import type { Limiter } from './limiter.js';

/** Tags resolved to descriptors, and the tags that failed to resolve with their reason. */
export interface ResolvedTags {
  resolved: Map<string, ManifestDescriptor>;
  /** Tags that vanished between listing and resolving (404). */
  vanished: Set<string>;
  failed: Map<string, string>;
}

/** Resolves every tag with a HEAD that accepts every manifest type, `limit` at a time. */
export async function resolveTags(
  client: RegistryClient,
  repository: string,
  tags: string[],
  limit: Limiter,
  signal?: AbortSignal,
): Promise<ResolvedTags> {
  const result: ResolvedTags = { resolved: new Map(), vanished: new Set(), failed: new Map() };

  await Promise.all(
    tags.map((tag) =>
      limit(async () => {
        try {
          result.resolved.set(tag, await client.resolveManifest(repository, tag, { signal }));
        } catch (error) {
          if (error instanceof RegistryError && error.code === 'NOT_FOUND') {
            result.vanished.add(tag);
          } else {
            result.failed.set(tag, reasonOf(error));
          }
        }
      }),
    ),
  );

  return result;
}
