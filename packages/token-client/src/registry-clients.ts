import { TargetRegistry, type TokenServiceClient } from '@geo/contracts';
import { bearerAuth, RegistryClient } from '@geo/registry-client';
import { authFromCredentials, type RegistryCredentials } from '@geo/registry-credentials';
import { tokenIssuerSource } from './token-issuer-source.js';

/** Options of {@link createRegistryClients}. */
export interface RegistryClientsOptions {
  primaryUrl: string;
  secondaryUrl: string;
  /** Needed, with `secret`, by every registry whose credentials are the token-issuer's. */
  tokenIssuer?: TokenServiceClient;
  secret?: string;
  site: string;
  /** Blobs in flight; connections are sized from it. */
  concurrency: number;
  /** How to authenticate to the primary; default the token-issuer. */
  primaryCredentials?: RegistryCredentials;
  /** How to authenticate to the secondary; default the token-issuer. */
  secondaryCredentials?: RegistryCredentials;
}

/** The primary and secondary registry clients of a site. */
export interface RegistryClients {
  primary: RegistryClient;
  secondary: RegistryClient;
}

type Target = TargetRegistry.TARGET_REGISTRY_PRIMARY | TargetRegistry.TARGET_REGISTRY_SECONDARY;

/**
 * Clients of the primary and the secondary, each with its own token cache:
 * the registries trust tokens for their own `service` only, and the
 * token-issuer grants this site nothing but `pull` on the primary. A registry
 * given other credentials (a credentials file) authenticates with those.
 */
export function createRegistryClients(options: RegistryClientsOptions): RegistryClients {
  const { tokenIssuer: client, secret, site } = options;
  const connections = Math.max(8, options.concurrency * 2);
  const clientFor = (url: string, target: Target, credentials?: RegistryCredentials) => {
    const tokenIssuer =
      client && secret
        ? () => bearerAuth(tokenIssuerSource({ client, secret, site, target }))
        : undefined;
    const auth = authFromCredentials(url, credentials ?? { type: 'token-issuer' }, {
      tokenIssuer,
    });
    return new RegistryClient({ url, auth, connections });
  };

  return {
    primary: clientFor(
      options.primaryUrl,
      TargetRegistry.TARGET_REGISTRY_PRIMARY,
      options.primaryCredentials,
    ),
    secondary: clientFor(
      options.secondaryUrl,
      TargetRegistry.TARGET_REGISTRY_SECONDARY,
      options.secondaryCredentials,
    ),
  };
}
