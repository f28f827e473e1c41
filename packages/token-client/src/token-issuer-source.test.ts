import { TargetRegistry, type TokenServiceClient } from '@geo/contracts';
import { pullScope } from '@geo/registry-client';
import {
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type Registry,
  startRegistry,
  startService,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenClientError } from './errors.js';
import { createRegistryClients } from './registry-clients.js';
import { connectTokenIssuer, tokenIssuerSource } from './token-issuer-source.js';

const site = 'east';
const secret = 'token-client-secret';

describe('token-issuer token source', () => {
  let dir: TempDir;
  let issuer: ManagedProcess;
  let client: TokenServiceClient;
  let primary: Registry;
  let target: string;

  beforeAll(async () => {
    dir = await tempDir('geo-token-client-');
    const key = await generateSigningKey(dir.path);
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    target = `127.0.0.1:${grpcPort}`;
    issuer = await startService('token-issuer', {
      GEO_REGISTRY_KEY_FILE: key.keyFile,
      GEO_TOKEN_ISSUER: 'geo-test',
      GEO_TOKEN_SERVICE: 'container_registry',
      GEO_TOKEN_SECONDARY_SERVICES: `${site}=registry_${site}`,
      GEO_TOKEN_ISSUER_SECRET: secret,
      GEO_TOKEN_ISSUER_LISTEN: target,
      GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    });
    primary = await startRegistry({
      tokenAuth: {
        realm: `http://127.0.0.1:${httpPort}/jwt/auth`,
        service: 'container_registry',
        issuer: 'geo-test',
        rootCertBundle: key.certFile,
      },
    });
    client = connectTokenIssuer(target);
  });

  afterAll(async () => {
    client?.close();
    await primary?.stop();
    await issuer?.stop();
    await dir?.remove();
  });

  it('gets a token that the primary registry accepts for its catalog', async () => {
    const { primary: registry, secondary } = createRegistryClients({
      primaryUrl: primary.url,
      secondaryUrl: primary.url,
      tokenIssuer: client,
      secret,
      site,
      concurrency: 1,
    });

    await expect(registry.listCatalog()).resolves.toEqual([]);
    await registry.close();
    await secondary.close();
  });

  it('fails with ISSUE_FAILED, without the secret, when the secret is wrong', async () => {
    const source = tokenIssuerSource({
      client,
      secret: 'wrong-secret-value',
      site,
      target: TargetRegistry.TARGET_REGISTRY_PRIMARY,
    });

    const error = await source([pullScope('team/app')]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TokenClientError);
    expect(error).toMatchObject({ code: 'ISSUE_FAILED' });
    expect(String((error as Error).message)).not.toContain('wrong-secret-value');
  });
});
