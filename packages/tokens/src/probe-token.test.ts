import type { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateSigningKey,
  type Registry,
  run,
  startRegistry,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseToken } from './diagnose-token.js';
import { loadSigningKey, type SigningKey } from './load-signing-key.js';
import { type MintTokenOptions, mintToken } from './mint-token.js';
import { loadCertificates } from './parse-certificates.js';
import { parseBearerChallenge, probeToken } from './probe-token.js';

const issuer = 'geo-probe-issuer';

/** A P-256 key and its self-signed certificate, made by openssl. */
async function generateEcKey(dir: string) {
  const keyFile = join(dir, 'ec.key');
  const certFile = join(dir, 'ec.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '30',
    '-subj',
    '/CN=geo-ec',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { keyFile, certFile };
}
const service = 'container_registry';
const pull = { type: 'repository', name: 'team/app', actions: ['pull'] };

describe('probeToken against a real registry', () => {
  let dir: TempDir;
  let registry: Registry;
  let trustedKey: SigningKey;
  let untrustedKey: SigningKey;
  let trusted: X509Certificate[];
  let ecKey: SigningKey;

  const mint = async (overrides: Partial<MintTokenOptions> = {}) =>
    (
      await mintToken({
        key: trustedKey,
        issuer,
        audience: service,
        subject: 'probe',
        access: [pull],
        ...overrides,
      })
    ).token;

  beforeAll(async () => {
    dir = await tempDir('geo-tokens-probe-');
    const a = await generateSigningKey(dir.path, 'trusted');
    const b = await generateSigningKey(dir.path, 'untrusted');
    const ec = await generateEcKey(dir.path);
    const bundle = join(dir.path, 'bundle.crt');
    await writeFile(bundle, (await readFile(a.certFile, 'utf8')) + (await readFile(ec.certFile)));
    trusted = await loadCertificates(bundle);
    trustedKey = { ...(await loadSigningKey(a.keyFile)), certificate: trusted[0] };
    untrustedKey = await loadSigningKey(b.keyFile);
    ecKey = await loadSigningKey(ec.keyFile);
    registry = await startRegistry({
      tokenAuth: {
        realm: 'http://127.0.0.1:9/jwt/auth',
        service,
        issuer,
        rootCertBundle: bundle,
      },
    });
  });

  afterAll(async () => {
    await registry?.stop();
    await dir?.remove();
  });

  it('reports a token of the trusted key as accepted', async () => {
    const probe = await probeToken(registry.url, await mint(), { trustedCertificates: trusted });

    expect(probe).toMatchObject({ accepted: true, status: 200, problems: [] });
  });

  it('reports an ES256 token of a trusted P-256 key as accepted', async () => {
    const token = await mint({ key: ecKey });

    const probe = await probeToken(registry.url, token, { trustedCertificates: trusted, issuer });

    expect(ecKey.algorithm).toBe('ES256');
    expect(probe).toMatchObject({ accepted: true, problems: [] });
  });

  it('reports a token carrying its certificate as x5c as accepted', async () => {
    const probe = await probeToken(registry.url, await mint({ x5c: true }));

    expect(probe.accepted).toBe(true);
  });

  it('diagnoses an expired token the registry refuses as expired', async () => {
    const now = new Date(Date.now() - 10 * 60_000);

    const probe = await probeToken(registry.url, await mint({ now, ttlSeconds: 60 }), {
      trustedCertificates: trusted,
      issuer,
    });

    expect(probe).toMatchObject({ accepted: false, status: 401, challengeError: 'invalid_token' });
    expect(probe.problems.map((problem) => problem.code)).toEqual(['EXPIRED']);
    expect(probe.problems[0]?.message).toMatch(/^expired: /);
  });

  it('diagnoses a token of a key the registry does not trust as such', async () => {
    const probe = await probeToken(registry.url, await mint({ key: untrustedKey }), {
      trustedCertificates: trusted,
      issuer,
    });

    expect(probe.accepted).toBe(false);
    expect(probe.problems).toEqual([
      {
        code: 'UNTRUSTED_KEY',
        message: expect.stringContaining(
          `signature not verifiable with the registry's certificates: the token is signed with key ${untrustedKey.keyId}`,
        ),
      },
    ]);
  });

  it('diagnoses a token for another service from the registry challenge', async () => {
    const probe = await probeToken(registry.url, await mint({ audience: 'elsewhere' }));

    expect(probe.problems.map((problem) => problem.code)).toEqual(['SERVICE_MISMATCH']);
  });

  it('names the issuer when the registry refuses a token whose key it trusts', async () => {
    const token = await mint({ issuer: 'someone-else' });

    const guessed = await probeToken(registry.url, token, { trustedCertificates: trusted });
    const known = await probeToken(registry.url, token, { trustedCertificates: trusted, issuer });

    expect(guessed.problems.map((problem) => problem.code)).toEqual(['ISSUER_MISMATCH']);
    expect(known.problems[0]?.message).toMatch(/^issuer not trusted: .*"someone-else"/);
  });
});

describe('diagnoseToken', () => {
  let dir: TempDir;
  let key: SigningKey;

  beforeAll(async () => {
    dir = await tempDir('geo-tokens-diagnose-');
    key = await loadSigningKey((await generateSigningKey(dir.path)).keyFile);
  });

  afterAll(async () => {
    await dir?.remove();
  });

  it('finds a scope the token does not grant, among several', async () => {
    const { token } = await mintToken({
      key,
      issuer,
      audience: service,
      subject: 'ci',
      access: [pull, { type: 'registry', name: 'catalog', actions: ['*'] }],
    });

    const diagnosis = await diagnoseToken(token, {
      required: [
        { type: 'repository', name: 'team/app', actions: ['pull', 'push'] },
        { type: 'registry', name: 'catalog', actions: ['*'] },
      ],
    });

    expect(diagnosis.problems).toEqual([
      {
        code: 'SCOPE_MISSING',
        message: expect.stringMatching(/^scope denied: .*repository:team\/app:pull,push/),
      },
    ]);
    expect(diagnosis.unchecked).toEqual(['issuer', 'service', 'signature']);
  });

  it('calls a string that is no JWT malformed', async () => {
    const diagnosis = await diagnoseToken('not-a-token');

    expect(diagnosis.problems[0]?.code).toBe('MALFORMED');
  });
});

describe('parseBearerChallenge', () => {
  it('reads the parameters of a Distribution challenge', () => {
    const header =
      'Bearer realm="http://x/jwt/auth",service="container_registry",error="invalid_token"';

    expect(parseBearerChallenge(header)).toEqual({
      realm: 'http://x/jwt/auth',
      service: 'container_registry',
      error: 'invalid_token',
    });
  });
});
