import { type CheckFreshnessResponse, Freshness, TargetRegistry } from '@geo/contracts';
import { bearerAuth, RegistryClient, RegistryError } from '@geo/registry-client';
import type { RegistryCheckOptions } from './check-registries.js';
import { NotConfiguredError, RegistryUnavailableError } from './errors.js';
import { issuerTokenSource } from './issuer-token-source.js';

/** How long one registry may take to resolve a tag. */
const RESOLVE_TIMEOUT_MS = 10_000;

/** Answers CheckFreshness by asking both registries now. */
export interface FreshnessChecker {
  check(repository: string, tag: string, signal?: AbortSignal): Promise<CheckFreshnessResponse>;
  close(): Promise<void>;
}

/**
 * A checker that reads both registries with the site's tokens from its
 * token-issuer (pull only on the primary).
 * Without the primary's URL or the token-issuer, every check fails with
 * {@link NotConfiguredError}, which the gRPC layer answers FAILED_PRECONDITION.
 */
export function createFreshnessChecker(options: RegistryCheckOptions): FreshnessChecker {
  const { primaryUrl, tokenIssuer, site } = options;
  if (!primaryUrl || !tokenIssuer) {
    const unset: string[] = [];
    if (!primaryUrl) unset.push('GEO_PRIMARY_REGISTRY_URL');
    if (!tokenIssuer) unset.push('GEO_TOKEN_ISSUER_URL and GEO_TOKEN_ISSUER_SECRET');
    return {
      check: () => Promise.reject(new NotConfiguredError('CheckFreshness', unset)),
      close: async () => undefined,
    };
  }

  const primary = new RegistryClient({
    url: primaryUrl,
    auth: bearerAuth(issuerTokenSource(tokenIssuer, site, TargetRegistry.TARGET_REGISTRY_PRIMARY)),
    headersTimeoutMs: RESOLVE_TIMEOUT_MS,
  });
  const secondary = new RegistryClient({
    url: options.secondaryUrl,
    auth: bearerAuth(
      issuerTokenSource(tokenIssuer, site, TargetRegistry.TARGET_REGISTRY_SECONDARY),
    ),
    headersTimeoutMs: RESOLVE_TIMEOUT_MS,
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
