import { generateKeyPairSync } from 'node:crypto';
import { metricsRegistry, silentLogger } from '@geo/telemetry';
import { type Accounts, hashPassword, signingKeyFromPem } from '@geo/tokens';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASIC_REALM, buildHttpServer, type HttpServerOptions } from './build-http-server.js';
import { createIssuerMetrics } from './issuer-metrics.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = signingKeyFromPem(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const metrics = createIssuerMetrics(metricsRegistry);
const decodeJwt = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
const basic = (name: string, password: string) =>
  `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

describe('the Docker token endpoint', () => {
  let accounts: Accounts;

  const server = (overrides: Partial<HttpServerOptions> = {}) =>
    buildHttpServer({
      key,
      issuer: 'geo-issuer',
      services: ['container_registry', 'registry_east'],
      accounts,
      ttlSeconds: 120,
      metrics,
      logger: silentLogger,
      ...overrides,
    });

  beforeAll(async () => {
    accounts = {
      accounts: [
        {
          name: 'ci',
          passwordHash: await hashPassword('ci-password', 4),
          grants: [{ repository: 'team/*', actions: ['pull', 'push'] }],
        },
      ],
    };
  });

  it('answers a token with the granted part of every scope asked', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth',
      query: {
        service: 'registry_east',
        account: 'ci',
        scope: ['repository:team/app:pull,push,delete', 'repository:other:pull'],
      },
      headers: { authorization: basic('ci', 'ci-password') },
    });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.access_token).toBe(body.token);
    expect(body.expires_in).toBe(120);
    expect(Date.parse(body.issued_at)).not.toBeNaN();
    expect(decodeJwt(body.token)).toMatchObject({
      iss: 'geo-issuer',
      sub: 'ci',
      aud: 'registry_east',
      access: [{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }],
    });
  });

  it('answers a token with no access to a login without scopes', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth?service=container_registry',
      headers: { authorization: basic('ci', 'ci-password') },
    });

    expect(decodeJwt(response.json().token).access).toEqual([]);
  });

  it('refuses a wrong password with a basic challenge and a registry-style error', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth?service=container_registry',
      headers: { authorization: basic('ci', 'wrong') },
    });

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(`Basic realm="${BASIC_REALM}"`);
    expect(response.json()).toEqual({
      errors: [{ code: 'UNAUTHORIZED', message: expect.any(String) }],
    });
  });

  it('refuses missing credentials', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth?service=container_registry',
    });

    expect(response.statusCode).toBe(401);
  });

  it('refuses every login when there is no accounts file', async () => {
    const response = await server({ accounts: undefined }).inject({
      method: 'GET',
      url: '/jwt/auth?service=container_registry',
      headers: { authorization: basic('ci', 'ci-password') },
    });

    expect(response.statusCode).toBe(401);
  });

  it('refuses credentials for another account than the one named', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth?service=container_registry&account=admin',
      headers: { authorization: basic('ci', 'ci-password') },
    });

    expect(response.statusCode).toBe(401);
  });

  it('refuses a service it does not mint for with 400', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth?service=elsewhere',
      headers: { authorization: basic('ci', 'ci-password') },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].code).toBe('INVALID_REQUEST');
  });

  it('refuses a malformed scope with 400', async () => {
    const response = await server().inject({
      method: 'GET',
      url: '/jwt/auth?service=container_registry&scope=repository:team/app',
      headers: { authorization: basic('ci', 'ci-password') },
    });

    expect(response.statusCode).toBe(400);
  });
});
