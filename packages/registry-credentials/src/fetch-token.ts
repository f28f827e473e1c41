import type { AccessScope, IssuedToken } from '@geo/registry-client';
import type { BearerChallenge } from './discover-challenge.js';
import { reason } from './discover-challenge.js';
import { RegistryCredentialsError, safeUrl } from './errors.js';

/** What is presented to the token realm. */
export type TokenGrant =
  /** Docker token spec: `GET realm?service=…&scope=…` with HTTP basic credentials. */
  | { kind: 'basic'; username: string; password: string }
  /** Docker token spec, OAuth2 form: `POST realm` with `grant_type=refresh_token`. */
  | { kind: 'refresh-token'; refreshToken: string; clientId: string };

/** Options of {@link fetchToken}. */
export interface FetchTokenOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

/** Tokens without `expires_in` live 60 s, as the Docker token spec says. */
const defaultLifeSeconds = 60;

/** `repository:team/app:pull,push`, the scope syntax of the Docker token spec. */
export function scopeParam(scope: AccessScope): string {
  return `${scope.type}:${scope.name}:${scope.actions.join(',')}`;
}

/**
 * Asks the challenge's realm for a token granting `scopes`, one `scope`
 * parameter each. Reads `token` or `access_token` and `expires_in`. A 401 or
 * 403 is UNAUTHORIZED; the credentials and the token stay out of every error.
 */
export async function fetchToken(
  challenge: BearerChallenge,
  scopes: AccessScope[],
  grant: TokenGrant,
  options: FetchTokenOptions = {},
): Promise<IssuedToken> {
  const where = safeUrl(challenge.realm);
  const response = await send(challenge, scopes, grant, options).catch((error: unknown) => {
    throw new RegistryCredentialsError(
      'TOKEN_REQUEST_FAILED',
      `token from ${where}: ${reason(error)}`,
      {
        url: where,
        cause: error,
      },
    );
  });

  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new RegistryCredentialsError(
      'UNAUTHORIZED',
      `token from ${where}: HTTP ${response.status}, the credentials were refused`,
      { url: where, status: response.status },
    );
  }

  if (!response.ok) {
    await response.body?.cancel();
    throw new RegistryCredentialsError(
      'TOKEN_REQUEST_FAILED',
      `token from ${where}: HTTP ${response.status}`,
      { url: where, status: response.status },
    );
  }

  return readToken(await response.text(), where, options.now ?? Date.now);
}

function send(
  challenge: BearerChallenge,
  scopes: AccessScope[],
  grant: TokenGrant,
  options: FetchTokenOptions,
): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const params = new URLSearchParams();
  if (challenge.service) params.set('service', challenge.service);
  for (const scope of scopes) params.append('scope', scopeParam(scope));

  if (grant.kind === 'refresh-token') {
    params.set('grant_type', 'refresh_token');
    params.set('refresh_token', grant.refreshToken);
    params.set('client_id', grant.clientId);
    return doFetch(challenge.realm, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
      signal,
    });
  }

  const url = new URL(challenge.realm);
  for (const [name, value] of params) url.searchParams.append(name, value);
  const basic = Buffer.from(`${grant.username}:${grant.password}`).toString('base64');
  return doFetch(url, { headers: { authorization: `Basic ${basic}` }, signal });
}

function readToken(text: string, where: string, now: () => number): IssuedToken {
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new RegistryCredentialsError('TOKEN_REQUEST_FAILED', `token from ${where}: not JSON`, {
      url: where,
    });
  }

  const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new RegistryCredentialsError(
      'TOKEN_REQUEST_FAILED',
      `token from ${where}: neither token nor access_token in the answer`,
      { url: where },
    );
  }

  const life =
    typeof body.expires_in === 'number' && body.expires_in > 0
      ? body.expires_in
      : defaultLifeSeconds;
  return { token, expiresAt: new Date(now() + life * 1000) };
}
