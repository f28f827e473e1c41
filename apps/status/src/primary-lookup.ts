import { type RegistryClient, RegistryError } from '@geo/registry-client';
import { createRegistryClients } from '@geo/token-client';
import { REGISTRY_ACCESS_VARIABLES, type RegistryCheckOptions } from './check-registries.js';
import { NotConfiguredError, RegistryUnavailableError, RepositoryNotFoundError } from './errors.js';

/** How long the primary may take to list a repository's tags. */
const LIST_TIMEOUT_MS = 10_000;

/** Asks the primary registry whether it has a repository the site has no row for. */
export interface PrimaryLookup {
  /**
   * Resolves when the primary lists tags of `repository`. Throws
   * {@link RepositoryNotFoundError} when it lists none,
   * {@link NotConfiguredError} when the site cannot ask it, and
   * {@link RegistryUnavailableError} when it did not answer.
   */
  requireRepository(repository: string, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * A lookup that reads the primary as CheckFreshness does: with the site's
 * credentials file, else the token-issuer's pull-only tokens. Without the
 * primary's URL or any registry access it cannot ask, which gRPC answers
 * FAILED_PRECONDITION naming what to set.
 */
export function createPrimaryLookup(options: RegistryCheckOptions): PrimaryLookup {
  const { site, primaryUrl, credentials, tokenIssuer } = options;
  if (!primaryUrl || !credentials) {
    const unset: string[] = [];
    if (!primaryUrl) unset.push('GEO_PRIMARY_REGISTRY_URL');
    if (!credentials) unset.push(REGISTRY_ACCESS_VARIABLES);
    const what = (repository: string) =>
      `resync of ${repository} (no row on this site; the primary must be asked)`;
    return {
      requireRepository: (repository) =>
        Promise.reject(new NotConfiguredError(what(repository), unset)),
      close: async () => undefined,
    };
  }

  // Only the primary is read; the secondary's client is made, and closed, unused.
  const clients = createRegistryClients({
    primaryUrl,
    secondaryUrl: options.secondaryUrl,
    tokenIssuer: tokenIssuer?.client,
    secret: tokenIssuer?.secret,
    site,
    concurrency: 1,
    primaryCredentials: credentials.primary,
    secondaryCredentials: credentials.secondary,
  });

  return {
    requireRepository: async (repository, signal) => {
      const timeout = AbortSignal.timeout(LIST_TIMEOUT_MS);
      const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;

      const tags = await tagsOnPrimary(clients.primary, repository, bounded);
      if (tags.length === 0) {
        throw new RepositoryNotFoundError(
          site,
          repository,
          'nor on the primary registry (it lists no tags there)',
        );
      }
    },
    close: async () => {
      await Promise.all([clients.primary.close(), clients.secondary.close()]);
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
