import { basicAuth, bearerAuth, type RegistryAuth } from '@geo/registry-client';
import type { DiscoverOptions } from './discover-challenge.js';
import { discoveringAuth } from './discovering-auth.js';
import { fetchToken } from './fetch-token.js';

/** Options of {@link challengeAuth}. */
export interface ChallengeAuthOptions extends DiscoverOptions {
  /** Registry base URL without `/v2`. */
  url: string;
  username: string;
  password: string;
}

/**
 * Answers whatever challenge the registry's `GET /v2/` gives: Bearer, by
 * getting tokens from the realm with basic credentials (Docker Hub, GHCR,
 * Artifact Registry, Harbor, Distribution's token auth), cached per set of
 * scopes until shortly before they expire; Basic, by sending the credentials
 * themselves (Distribution's htpasswd); none, by sending nothing.
 */
export function challengeAuth(options: ChallengeAuthOptions): RegistryAuth {
  const { url, username, password } = options;

  return discoveringAuth(
    url,
    (challenge) => {
      if (challenge.scheme !== 'bearer') return basicAuth(username, password);

      const grant = { kind: 'basic', username, password } as const;
      return bearerAuth((scopes) => fetchToken(challenge, scopes, grant, options));
    },
    options,
  );
}
