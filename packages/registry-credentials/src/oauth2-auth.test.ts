import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '@geo/registry-client';
import { type Registry, type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauth2Auth } from './oauth2-auth.js';
import {
  account,
  startBearerRegistry,
  startTokenIssuer,
  type TokenIssuer,
} from './registries.test-helpers.js';

const refreshToken = 'acr-style-refresh-token';
const forms: URLSearchParams[] = [];

/**
 * A realm that speaks the OAuth2 form of the Docker token spec, as ACR's
 * does, and gets the token itself from the real token-issuer: the registry
 * then checks a real signed token.
 */
function startOAuth2Realm(issuer: TokenIssuer): Promise<Server> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    forms.push(form);

    const wellFormed =
      request.method === 'POST' &&
      request.headers['content-type'] === 'application/x-www-form-urlencoded' &&
      form.get('grant_type') === 'refresh_token' &&
      form.get('client_id') === 'geo-replicator';
    if (!wellFormed || form.get('refresh_token') !== refreshToken) {
      response.writeHead(wellFormed ? 401 : 400).end('{"error":"invalid_grant"}');
      return;
    }

    const url = new URL(`${issuer.httpUrl}/jwt/auth`);
    url.searchParams.set('service', form.get('service') ?? '');
    for (const scope of form.getAll('scope')) url.searchParams.append('scope', scope);
    const basic = Buffer.from(`${account.username}:${account.password}`).toString('base64');
    const issued = (await (
      await fetch(url, { headers: { authorization: `Basic ${basic}` } })
    ).json()) as { token: string; expires_in: number };

    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ access_token: issued.token, expires_in: issued.expires_in }));
  });

  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('oauth2Auth against a registry whose realm exchanges refresh tokens', () => {
  let dir: TempDir;
  let issuer: TokenIssuer;
  let realm: Server;
  let registry: Registry;

  beforeAll(async () => {
    dir = await tempDir('geo-oauth2-');
    issuer = await startTokenIssuer(dir);
    realm = await startOAuth2Realm(issuer);
    const { port } = realm.address() as AddressInfo;
    registry = await startBearerRegistry(issuer, `http://127.0.0.1:${port}/oauth2/token`);
  });

  afterAll(async () => {
    await registry?.stop();
    await new Promise((resolve) => realm?.close(resolve));
    await issuer?.process.stop();
    await dir?.remove();
  });

  it('posts the refresh token with service, scope and client id, and the registry takes the token', async () => {
    const client = new RegistryClient({
      url: registry.url,
      auth: oauth2Auth({ url: registry.url, refreshToken }),
    });

    await expect(client.ping()).resolves.toBeUndefined();
    await expect(client.listTags('team/app')).resolves.toEqual([]);
    await client.close();

    const last = forms.at(-1);
    expect(last?.get('service')).toBe('geo-credentials-test');
    expect(last?.getAll('scope')).toEqual(['repository:team/app:pull']);
  });

  it('fails as unauthorized on a refused refresh token, without the token in the error', async () => {
    const client = new RegistryClient({
      url: registry.url,
      auth: oauth2Auth({ url: registry.url, refreshToken: 'revoked-refresh-token' }),
    });

    const error = await client.ping().catch((caught: Error) => caught);
    await client.close();

    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(String(error)).toMatch(/credentials were refused/);
    expect(String(error)).not.toContain('revoked-refresh-token');
  });
});
