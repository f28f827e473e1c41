import { connectTokenIssuer, createRegistryClients, type RegistryClients } from '@geo/token-client';
import type { CursorConfig } from './config.js';

/** Clients of both registries and what closes them. */
export interface RegistryAccess extends RegistryClients {
  close(): Promise<void>;
}

/**
 * Clients of the primary and the secondary with the site's credentials (the
 * token-issuer's tokens unless a credentials file says otherwise), or
 * undefined when the configuration turns registry access off.
 */
export function openRegistryAccess(config: CursorConfig): RegistryAccess | undefined {
  const secondaryUrl = config.GEO_SECONDARY_REGISTRY_URL;
  const credentials = config.credentials;
  if (!secondaryUrl || !credentials) return undefined;

  const tokenIssuer = credentials.tokenIssuer
    ? connectTokenIssuer(credentials.tokenIssuer.url)
    : undefined;
  const clients = createRegistryClients({
    primaryUrl: config.GEO_PRIMARY_REGISTRY_URL,
    secondaryUrl,
    tokenIssuer,
    secret: credentials.tokenIssuer?.secret,
    primaryCredentials: credentials.primary,
    secondaryCredentials: credentials.secondary,
    site: config.GEO_SITE,
    concurrency: config.GEO_RECONCILE_CONCURRENCY,
  });

  return {
    ...clients,
    async close() {
      await Promise.all([clients.primary.close(), clients.secondary.close()]);
      tokenIssuer?.close();
    },
  };
}
