import { bearerAuth, RegistryClient } from '@geo/registry-client';

/** An account of the token-issuer's Docker token endpoint. */
export interface Account {
  name: string;
  password: string;
}

/**
 * A client of `url` that logs in at the Docker token endpoint `realm` for
 * `service` with `account`, as `docker login` would.
 */
export function loginClient(
  url: string,
  realm: string,
  service: string,
  account: Account,
): RegistryClient {
  const basic = Buffer.from(`${account.name}:${account.password}`).toString('base64');

  const auth = bearerAuth(async (scopes) => {
    const endpoint = new URL(realm);
    endpoint.searchParams.set('service', service);
    for (const { type, name, actions } of scopes) {
      endpoint.searchParams.append('scope', `${type}:${name}:${actions.join(',')}`);
    }

    const response = await fetch(endpoint, { headers: { authorization: `Basic ${basic}` } });
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    const body = (await response.json()) as { token: string; expires_in?: number };
    return { token: body.token, expiresAt: new Date(Date.now() + (body.expires_in ?? 60) * 1000) };
  });

  return new RegistryClient({ url, auth, connections: 16 });
}
