import { type RegistryClient, RegistryError } from '@geo/registry-client';
import { RegistryUnavailableError, RepositoryNotFoundError } from './errors.js';
import { boundedSignal, type RegistryAccess } from './registry-access.js';

/** Asks the primary registry whether it has a repository the site has no row for. */
export interface PrimaryLookup {
  /**
   * Resolves when the primary lists tags of `repository`. Throws
   * {@link RepositoryNotFoundError} when it lists none, NotConfiguredError
   * when the site cannot ask it, and {@link RegistryUnavailableError} when
   * it did not answer.
   */
  requireRepository(repository: string, signal?: AbortSignal): Promise<void>;
}

/** A lookup that lists the repository's tags on the primary through `access`. */
export function createPrimaryLookup(access: RegistryAccess, site: string): PrimaryLookup {
  return {
    requireRepository: async (repository, signal) => {
      const what = `resync of ${repository} (no row on this site; the primary must be asked)`;
      const { primary } = access.clients(what);

      const tags = await tagsOnPrimary(primary, repository, boundedSignal(signal));
      if (tags.length === 0) {
        throw new RepositoryNotFoundError(
          site,
          repository,
          'nor on the primary registry (it lists no tags there)',
        );
      }
    },
  };
}

/**
 * The repository's tags on the primary. The client answers NAME_UNKNOWN
 * with no tags; anything else, a bare 404 included (a wrong base URL, a
 * proxy), says nothing about the repository and is the primary unavailable.
 */
async function tagsOnPrimary(
  primary: RegistryClient,
  repository: string,
  signal: AbortSignal,
): Promise<string[]> {
  try {
    return await primary.listTags(repository, { signal });
  } catch (error) {
    const reason = error instanceof RegistryError ? error.code : 'ERROR';
    throw new RegistryUnavailableError('primary', repository, undefined, reason, { cause: error });
  }
}
