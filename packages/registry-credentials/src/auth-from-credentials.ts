import { anonymousAuth, basicAuth, type RegistryAuth } from '@geo/registry-client';
import { challengeAuth } from './challenge-auth.js';
import type { DiscoverOptions } from './discover-challenge.js';
import { RegistryCredentialsError } from './errors.js';
import type { RegistryCredentials } from './load-registry-credentials.js';
import { oauth2Auth } from './oauth2-auth.js';

/** Options of {@link authFromCredentials}. */
export interface AuthFromCredentialsOptions extends DiscoverOptions {
  /** Makes the token-issuer's auth for credentials of type `token-issuer`. */
  tokenIssuer?: () => RegistryAuth;
}

/**
 * The RegistryAuth for the registry at `url` that `credentials` describe.
 * Type `token-issuer` needs `options.tokenIssuer`, which this package cannot
 * build: the token-issuer speaks gRPC with the site's secret.
 */
export function authFromCredentials(
  url: string,
  credentials: RegistryCredentials,
  options: AuthFromCredentialsOptions = {},
): RegistryAuth {
  switch (credentials.type) {
    case 'anonymous':
      return anonymousAuth;
    case 'basic':
      return basicAuth(credentials.username, credentials.password);
    case 'bearer':
      return challengeAuth({ ...options, url, ...credentials });
    case 'oauth2':
      return oauth2Auth({ ...options, url, ...credentials });
    case 'token-issuer':
      if (options.tokenIssuer) return options.tokenIssuer();
      throw new RegistryCredentialsError(
        'TOKEN_ISSUER_REQUIRED',
        `${url}: credentials of type token-issuer, but no token-issuer is configured`,
        { url },
      );
  }
}
