import { type CheckFreshnessResponse, Freshness } from '@geo/contracts';
import { type RegistryClient, RegistryError } from '@geo/registry-client';
import { createRegistryClients } from '@geo/token-client';
import { REGISTRY_ACCESS_VARIABLES, type RegistryCheckOptions } from './check-registries.js';
import { NotConfiguredError, RegistryUnavailableError } from './errors.js';

/** How long one registry may take to resolve a tag. */
const RESOLVE_TIMEOUT_MS = 10_000;

/** Answers CheckFreshness by asking both registries now. */
export interface FreshnessChecker {
  check(repository: string, tag: string, signal?: AbortSignal): Promise<CheckFreshnessResponse>;
  close(): Promise<void>;
}

/**
 * A checker that reads both registries as sync-worker reaches them: with the
 * site's credentials files, and the token-issuer's tokens (pull only on the
 * primary) for a registry without one. Without the primary's URL, or with
 * neither files nor the token-issuer, every check fails with
 * {@link NotConfiguredError}, which the gRPC layer answers FAILED_PRECONDITION.
 */
export function createFreshnessChecker(options: RegistryCheckOptions): FreshnessChecker {
  const { primaryUrl, credentials, tokenIssuer } = options;
  if (!primaryUrl || !credentials) {
    const unset: string[] = [];
    if (!primaryUrl) unset.push('GEO_PRIMARY_REGISTRY_URL');
    if (!credentials) unset.push(REGISTRY_ACCESS_VARIABLES);
    return {
      check: () => Promise.reject(new NotConfiguredError('CheckFreshness', unset)),
      close: async () => undefined,
    };
  }

  // Each check resolves one tag per registry; the signal below bounds it.
  const { primary, secondary } = createRegistryClients({
    primaryUrl,
    secondaryUrl: options.secondaryUrl,
    tokenIssuer: tokenIssuer?.client,
    secret: tokenIssuer?.secret,
    site: options.site,
    concurrency: 1,
    primaryCredentials: credentials.primary,
    secondaryCredentials: credentials.secondary,
  });

  return {
    check: async (repository, tag, signal) => {
      const timeout = AbortSignal.timeout(RESOLVE_TIMEOUT_MS);
      const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;

      const [onPrimary, onSecondary] = await Promise.all([
        digestOf(primary, 'primary', repository, tag, bounded),
        digestOf(secondary, 'secondary', repository, tag, bounded),
      ]);

      const freshness = compare(onPrimary, onSecondary);
      return {
        repository,
        tag,
        freshness,
        fresh: freshness === Freshness.FRESHNESS_FRESH,
        primaryDigest: onPrimary ?? '',
        secondaryDigest: onSecondary ?? '',
        checkedAt: new Date(),
      };
    },
    close: async () => {
      await Promise.all([primary.close(), secondary.close()]);
    },
  };
}

/** Only a digest read from both sides, and equal, makes a tag fresh. */
export function compare(primary: string | undefined, secondary: string | undefined): Freshness {
  if (primary === undefined) return Freshness.FRESHNESS_MISSING_ON_PRIMARY;
  if (secondary === undefined) return Freshness.FRESHNESS_MISSING_ON_SECONDARY;

  return primary === secondary ? Freshness.FRESHNESS_FRESH : Freshness.FRESHNESS_STALE;
}

/** The tag's manifest digest, or undefined when the registry says it has no such tag. */
async function digestOf(
  client: RegistryClient,
  role: 'primary' | 'secondary',
  repository: string,
  tag: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  try {
    const descriptor = await client.resolveManifest(repository, tag, { signal });
    return descriptor.digest;
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'NOT_FOUND') return undefined;

    const reason = error instanceof RegistryError ? error.code : 'ERROR';
    throw new RegistryUnavailableError(role, repository, tag, reason, { cause: error });
  }
}
