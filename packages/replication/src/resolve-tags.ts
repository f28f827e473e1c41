import {
  type Manifest,
  type ManifestDescriptor,
  type RegistryClient,
  RegistryError,
} from '@geo/registry-client';
import { reasonOf } from './errors.js';
import type { Limiter } from './limiter.js';

/** Tags resolved to descriptors, and the tags that failed to resolve with their reason. */
export interface ResolvedTags {
  resolved: Map<string, ManifestDescriptor>;
  /** Tags that vanished between listing and resolving (the registry said MANIFEST_UNKNOWN). */
  vanished: Set<string>;
  failed: Map<string, string>;
}

/**
 * The tags of `resolved` that say nothing about a digest, with the reason:
 * those that failed to resolve, and those listed but not served (a tag
 * whose manifest the registry no longer has).
 */
export function unreadableTags(resolved: ResolvedTags): Map<string, string> {
  const unreadable = new Map(resolved.failed);
  for (const tag of resolved.vanished) unreadable.set(tag, 'listed, but its manifest is unknown');
  return unreadable;
}

/** Registry error codes that say a tag or repository really is not there. */
const goneCodes = ['MANIFEST_UNKNOWN', 'NAME_UNKNOWN'];

/**
 * Takes a manifest fetched while resolving its tag; false when it would
 * hold no more, and the remaining tags are resolved with a HEAD.
 */
export type FetchedListener = (manifest: Manifest) => boolean;

/**
 * Resolves every tag with a HEAD that accepts every manifest type, `limit`
 * at a time. With `onFetched`, for tags whose content is about to be
 * copied anyway, each is fetched with a GET instead and its manifest
 * handed over, until `onFetched` says it holds no more.
 */
export async function resolveTags(
  client: RegistryClient,
  repository: string,
  tags: string[],
  limit: Limiter,
  signal?: AbortSignal,
  onFetched?: FetchedListener,
): Promise<ResolvedTags> {
  const result: ResolvedTags = { resolved: new Map(), vanished: new Set(), failed: new Map() };
  let fetching = onFetched !== undefined;
  const resolve = async (tag: string): Promise<ManifestDescriptor> => {
    if (!fetching || !onFetched) return resolveTag(client, repository, tag, signal);

    // A GET's 404 carries the registry's error body, so it needs no confirming.
    const manifest = await client.getManifest(repository, tag, { signal });
    fetching = onFetched(manifest);
    return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
  };

  await Promise.all(
    tags.map((tag) =>
      limit(async () => {
        try {
          result.resolved.set(tag, await resolve(tag));
        } catch (error) {
          if (isGone(error)) {
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

/**
 * A HEAD's 404 has no body to say why, and a vanished tag gets deleted on
 * the secondary; so a 404 is confirmed with a GET, whose error body must
 * name the manifest or repository unknown (a proxy's bare 404 does not).
 */
async function resolveTag(
  client: RegistryClient,
  repository: string,
  tag: string,
  signal?: AbortSignal,
): Promise<ManifestDescriptor> {
  try {
    return await client.resolveManifest(repository, tag, { signal });
  } catch (error) {
    if (!(error instanceof RegistryError && error.code === 'NOT_FOUND')) throw error;

    const manifest = await client.getManifest(repository, tag, { signal });
    return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
  }
}

function isGone(error: unknown): boolean {
  if (!(error instanceof RegistryError) || error.code !== 'NOT_FOUND') return false;
  return error.registryCodes.some((code) => goneCodes.includes(code));
}
