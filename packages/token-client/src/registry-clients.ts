import { TargetRegistry, type TokenServiceClient } from '@geo/contracts';
import { bearerAuth, RegistryClient } from '@geo/registry-client';
import { tokenIssuerSource } from './token-issuer-source.js';

/** Options of {@link createRegistryClients}. */
export interface RegistryClientsOptions {
  primaryUrl: string;
  secondaryUrl: string;
  tokenIssuer: TokenServiceClient;
  secret: string;
  site: string;
  /** Blobs in flight; connections are sized from it. */
  concurrency: number;
}

/** The primary and secondary registry clients of a site. */
export interface RegistryClients {
  primary: RegistryClient;
  secondary: RegistryClient;
}

/**
 * Clients of the primary and the secondary, each with its own token cache:
 * the registries trust tokens for their own `service` only, and the
 * token-issuer grants this site nothing but `pull` on the primary.
 */
export function createRegistryClients(options: RegistryClientsOptions): RegistryClients {
  const { tokenIssuer: client, secret, site } = options;
  const connections = Math.max(8, options.concurrency * 2);
  const auth = (
    target: TargetRegistry.TARGET_REGISTRY_PRIMARY | TargetRegistry.TARGET_REGISTRY_SECONDARY,
  ) => bearerAuth(tokenIssuerSource({ client, secret, site, target }));

  return {
    primary: new RegistryClient({
      url: options.primaryUrl,
      auth: auth(TargetRegistry.TARGET_REGISTRY_PRIMARY),
      connections,
    }),
    secondary: new RegistryClient({
      url: options.secondaryUrl,
      auth: auth(TargetRegistry.TARGET_REGISTRY_SECONDARY),
      connections,
    }),
  };
}
