import { connectTokenIssuer, createRegistryClients, type RegistryClients } from '@geo/token-client';
import type { CursorConfig } from './config.js';

/** Clients of both registries and what closes them. */
export interface RegistryAccess extends RegistryClients {
  close(): Promise<void>;
}

/**
 * Clients of the primary and the secondary with the site's token-issuer
 * credentials, or undefined when the configuration lacks any of them.
 */
export function openRegistryAccess(config: CursorConfig): RegistryAccess | undefined {
  const secondaryUrl = config.GEO_SECONDARY_REGISTRY_URL;
  const target = config.GEO_TOKEN_ISSUER_URL;
  const secret = config.GEO_TOKEN_ISSUER_SECRET;
  if (!secondaryUrl || !target || !secret) return undefined;

  const tokenIssuer = connectTokenIssuer(target);
  const clients = createRegistryClients({
    primaryUrl: config.GEO_PRIMARY_REGISTRY_URL,
    secondaryUrl,
    tokenIssuer,
    secret,
    site: config.GEO_SITE,
    concurrency: config.GEO_RECONCILE_CONCURRENCY,
  });

  return {
    ...clients,
    async close() {
      await Promise.all([clients.primary.close(), clients.secondary.close()]);
      tokenIssuer.close();
    },
  };
}
