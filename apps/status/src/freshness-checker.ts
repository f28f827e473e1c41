import { type CheckFreshnessResponse, Freshness } from '@geo/contracts';
import { type RegistryClient, RegistryError } from '@geo/registry-client';
import { RegistryUnavailableError } from './errors.js';
import { boundedSignal, type RegistryAccess } from './registry-access.js';

/** Answers CheckFreshness by asking both registries now. */
export interface FreshnessChecker {
  check(repository: string, tag: string, signal?: AbortSignal): Promise<CheckFreshnessResponse>;
}

/**
 * A checker that resolves the tag on both registries through `access`;
 * without registry access every check fails with NotConfiguredError, which
 * the gRPC layer answers FAILED_PRECONDITION.
 */
export function createFreshnessChecker(access: RegistryAccess): FreshnessChecker {
  return {
    check: async (repository, tag, signal) => {
      const { primary, secondary } = access.clients('CheckFreshness');
      const bounded = boundedSignal(signal);

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
