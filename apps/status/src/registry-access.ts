import { createRegistryClients, type RegistryClients } from '@geo/token-client';
import { REGISTRY_ACCESS_VARIABLES, type RegistryCheckOptions } from './check-registries.js';
import { NotConfiguredError } from './errors.js';

/** How long one read of a registry (a tag resolved, a tag list) may take. */
const READ_TIMEOUT_MS = 10_000;

/**
 * Status's own clients of both registries, for the reads it makes on a
 * caller's behalf (CheckFreshness, resync of a name the site lacks), made
 * as sync-worker makes them: the site's credentials files, else the
 * token-issuer's tokens (pull only on the primary).
 */
export interface RegistryAccess {
  /** The clients; throws {@link NotConfiguredError} naming what `what` needs when there are none. */
  clients(what: string): RegistryClients;
  close(): Promise<void>;
}

/**
 * Opens {@link RegistryAccess}. Without the primary's URL, or with neither
 * credentials files nor the token-issuer, there are no clients, and every
 * caller is told which variables to set (gRPC FAILED_PRECONDITION).
 */
export function openRegistryAccess(options: RegistryCheckOptions): RegistryAccess {
  const { primaryUrl, credentials, tokenIssuer } = options;
  if (!primaryUrl || !credentials) {
    const unset: string[] = [];
    if (!primaryUrl) unset.push('GEO_PRIMARY_REGISTRY_URL');
    if (!credentials) unset.push(REGISTRY_ACCESS_VARIABLES);
    return {
      clients: (what) => {
        throw new NotConfiguredError(what, unset);
      },
      close: async () => undefined,
    };
  }

  // One read at a time per call; boundedSignal bounds each.
  const clients = createRegistryClients({
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
    clients: () => clients,
    close: async () => {
      await Promise.all([clients.primary.close(), clients.secondary.close()]);
    },
  };
}

/** `signal`, if any, also aborted once a registry read has taken too long. */
export function boundedSignal(signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(READ_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
