import { bearerAuth, type RegistryAuth } from '@geo/registry-client';
import type { DiscoverOptions } from './discover-challenge.js';
import { discoveringAuth } from './discovering-auth.js';
import { RegistryCredentialsError } from './errors.js';
import { fetchToken } from './fetch-token.js';

/** Options of {@link oauth2Auth}. */
export interface OAuth2AuthOptions extends DiscoverOptions {
  /** Registry base URL without `/v2`. */
  url: string;
  refreshToken: string;
  /**
   * The user the refresh token belongs to. The refresh-token grant does not
   * send it; it is kept so a file can say whose token it holds.
   */
  username?: string;
  /** `client_id` of the token request (default `geo-replicator`). */
  clientId?: string;
}

/**
 * Bearer tokens got by the OAuth2 form of the Docker token spec: a `POST`
 * of `grant_type=refresh_token` with `service`, `scope` and `client_id` to
 * the realm of the registry's challenge, as Azure Container Registry wants.
 * A registry that answers with a Basic challenge cannot take a refresh token.
 */
export function oauth2Auth(options: OAuth2AuthOptions): RegistryAuth {
  const grant = {
    kind: 'refresh-token',
    refreshToken: options.refreshToken,
    clientId: options.clientId ?? 'geo-replicator',
  } as const;

  return discoveringAuth(
    options.url,
    (challenge) => {
      if (challenge.scheme !== 'bearer') {
        throw new RegistryCredentialsError(
          'CHALLENGE_UNSUPPORTED',
          `${options.url} asks for basic authentication, which a refresh token cannot answer`,
          { url: options.url },
        );
      }

      return bearerAuth((scopes) => fetchToken(challenge, scopes, grant, options));
    },
    options,
  );
}
