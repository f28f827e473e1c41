import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type Registry,
  type SigningKey,
  startRegistry,
  startService,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { hashPassword, libtrustKeyId, loadCertificates, probeToken } from '@geo/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const issuer = 'geo-rotation-issuer';
const service = 'container_registry';

const kidOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')).kid;

/**
 * The rotation procedure of docs/token-issuer.md, step by step, against a
 * real registry restarted with each new rootcertbundle.
 */
describe('signing key rotation', () => {
  let dir: TempDir;
  let registry: Registry;
  let issuerProcess: ManagedProcess | undefined;
  let oldKey: SigningKey;
  let newKey: SigningKey;
  let bundle: string;
  let baseEnv: Record<string, string>;
  let httpPort: number;

  const startIssuer = async (env: Record<string, string>) => {
    await issuerProcess?.stop();
    issuerProcess = await startService('token-issuer', { ...baseEnv, ...env });
  };

  const login = async () => {
    const url = `http://127.0.0.1:${httpPort}/jwt/auth?service=${service}&scope=repository:app:pull`;
    const response = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from('ci:ci-password').toString('base64')}` },
    });
    return ((await response.json()) as { token: string }).token;
  };

  const trustOnly = async (...keys: SigningKey[]) => {
    const certificates = await Promise.all(keys.map((key) => readFile(key.certFile, 'utf8')));
    await writeFile(bundle, certificates.join(''));
    await registry.restart();
  };

  beforeAll(async () => {
    dir = await tempDir('geo-rotation-');
    oldKey = await generateSigningKey(dir.path, 'old');
    newKey = await generateSigningKey(dir.path, 'new');
    bundle = join(dir.path, 'bundle.crt');
    await writeFile(bundle, await readFile(oldKey.certFile, 'utf8'));
    const accountsFile = join(dir.path, 'accounts.json');
    const passwordHash = await hashPassword('ci-password', 4);
    const grants = [{ repository: '**', actions: ['pull'] }];
    await writeFile(
      accountsFile,
      JSON.stringify({ accounts: [{ name: 'ci', passwordHash, grants }] }),
    );

    httpPort = await freePort();
    registry = await startRegistry({
      tokenAuth: {
        realm: `http://127.0.0.1:${httpPort}/jwt/auth`,
        service,
        issuer,
        rootCertBundle: bundle,
      },
    });
    baseEnv = {
      GEO_TOKEN_ISSUER: issuer,
      GEO_TOKEN_ISSUER_SECRET: 'rotation-secret',
      GEO_TOKEN_ACCOUNTS_FILE: accountsFile,
      GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${await freePort()}`,
      GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    };
  });

  afterAll(async () => {
    await issuerProcess?.stop();
    await registry?.stop();
    await dir?.remove();
  });

  it('accepts old and new tokens during the overlap and only new ones after it', async () => {
    const [newCertificate = fail()] = await loadCertificates(newKey.certFile);
    await startIssuer({ GEO_REGISTRY_KEY_FILE: oldKey.keyFile });
    const oldToken = await login();

    // 1. The registries trust both certificates.
    await trustOnly(oldKey, newKey);
    const beforeSwitch = await probeToken(registry.url, oldToken);

    // 2. token-issuer holds both keys; the newer one signs.
    await startIssuer({
      GEO_REGISTRY_KEY_FILE: `${oldKey.keyFile},${newKey.keyFile}`,
      GEO_REGISTRY_CERT_FILE: bundle,
    });
    const newToken = await login();
    const overlap = await Promise.all([oldToken, newToken].map((t) => probeToken(registry.url, t)));

    // 3. After the longest token lifetime, the registries drop the old certificate.
    await trustOnly(newKey);
    const trusted = [newCertificate];
    const after = await Promise.all(
      [oldToken, newToken].map((t) =>
        probeToken(registry.url, t, { trustedCertificates: trusted }),
      ),
    );

    expect(beforeSwitch.accepted).toBe(true);
    expect(kidOf(newToken)).toBe(libtrustKeyId(newCertificate.publicKey));
    expect(kidOf(oldToken)).not.toBe(kidOf(newToken));
    expect(overlap.map((probe) => probe.accepted)).toEqual([true, true]);
    expect(after.map((probe) => probe.accepted)).toEqual([false, true]);
    expect(after[0]?.problems.map((problem) => problem.code)).toEqual(['UNTRUSTED_KEY']);
  });
});

function fail(): never {
  throw new Error('no certificate');
}
