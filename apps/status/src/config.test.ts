import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from '@geo/config';
import { serviceMain, startProcess, type TempDir, tempDir } from '@geo/testkit';
import { optionalSiteCredentials } from '@geo/token-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusConfigSchema } from './config.js';

const valid = {
  DATABASE_URL: 'postgres://status:hidden@127.0.0.1:5432/geo',
  NATS_URL: 'nats://127.0.0.1:4222',
  GEO_SITE: 'eu-west',
  GEO_REPLICATION_ENABLED: 'true',
  GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5001/',
};

describe('status configuration', () => {
  it('listens for gRPC on 127.0.0.1:50051 and serves no HTTP unless told', () => {
    const config = parseEnv(statusConfigSchema, valid);

    expect(config.GEO_STATUS_LISTEN).toEqual({ host: '127.0.0.1', port: 50051 });
    expect(config.GEO_STATUS_HTTP_LISTEN).toBeUndefined();
    expect(config.GEO_SECONDARY_REGISTRY_URL).toBe('http://127.0.0.1:5001');
  });

  it('leaves the Diagnose variables optional and reads them when given', () => {
    const without = parseEnv(statusConfigSchema, valid);
    const withThem = parseEnv(statusConfigSchema, {
      ...valid,
      GEO_PRIMARY_REGISTRY_URL: 'http://127.0.0.1:5000/',
      GEO_TOKEN_ISSUER_URL: '127.0.0.1:50052',
      GEO_TOKEN_ISSUER_SECRET: 'shared',
      GEO_REGISTRY_ROOT_CERT_BUNDLE: '/keys/bundle.crt',
    });

    expect(without.GEO_PRIMARY_REGISTRY_URL).toBeUndefined();
    expect(without.GEO_TOKEN_ISSUER_URL).toBeUndefined();
    expect(withThem.GEO_PRIMARY_REGISTRY_URL).toBe('http://127.0.0.1:5000');
    expect(withThem.GEO_TOKEN_ISSUER_URL).toBe('127.0.0.1:50052');
  });

  it('names every missing or malformed variable without repeating values', () => {
    const env = { ...valid, DATABASE_URL: '', GEO_STATUS_LISTEN: 'nowhere' };

    expect(() => parseEnv(statusConfigSchema, env)).toThrow(/DATABASE_URL is required/);
    expect(() => parseEnv(statusConfigSchema, env)).toThrow(/GEO_STATUS_LISTEN/);
    expect(() =>
      parseEnv(statusConfigSchema, { ...valid, GEO_REPLICATION_ENABLED: 'yes' }),
    ).toThrow(/GEO_REPLICATION_ENABLED/);
  });

  it('makes the service exit with status 2 at once on a bad variable', async () => {
    const service = startProcess(process.execPath, [serviceMain('status')], {
      name: 'status-misconfigured',
      env: { PATH: process.env.PATH, ...valid, GEO_SITE: 'Not A Site' },
    });

    expect(await service.exited()).toBe(2);
    expect(service.output()).toContain('GEO_SITE');
    expect(service.output()).not.toContain('hidden');
  });
});

describe('status registry credentials', () => {
  let dir: TempDir;
  let basicFile: string;
  let brokenFile: string;

  beforeAll(async () => {
    dir = await tempDir('geo-status-credentials-');
    basicFile = join(dir.path, 'basic.json');
    brokenFile = join(dir.path, 'broken.json');
    await writeFile(basicFile, '{"type":"basic","username":"ci","password":"file-password"}');
    await writeFile(brokenFile, '{"type":"basic","username":"ci","pasword":"file-password"}');
  });

  afterAll(async () => {
    await dir?.remove();
  });

  it('leaves registry access off without files or the token-issuer, as before', () => {
    expect(optionalSiteCredentials(parseEnv(statusConfigSchema, valid))).toBeUndefined();
  });

  it('uses the token-issuer for both registries without files', () => {
    const config = parseEnv(statusConfigSchema, {
      ...valid,
      GEO_TOKEN_ISSUER_URL: '127.0.0.1:50052',
      GEO_TOKEN_ISSUER_SECRET: 'shared',
    });

    expect(optionalSiteCredentials(config)).toMatchObject({
      primary: { type: 'token-issuer' },
      secondary: { type: 'token-issuer' },
      tokenIssuer: { url: '127.0.0.1:50052' },
    });
  });

  it('reads both files and needs no token-issuer when neither registry uses it', () => {
    const config = parseEnv(statusConfigSchema, {
      ...valid,
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: basicFile,
      GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: basicFile,
    });

    const credentials = optionalSiteCredentials(config);

    expect(credentials).toMatchObject({
      primary: { type: 'basic', username: 'ci' },
      secondary: { type: 'basic', username: 'ci' },
    });
    expect(credentials?.tokenIssuer).toBeUndefined();
  });

  it('says which registry needs the token-issuer when only one file is set', () => {
    const config = parseEnv(statusConfigSchema, {
      ...valid,
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: basicFile,
    });

    expect(() => optionalSiteCredentials(config)).toThrow(
      /GEO_TOKEN_ISSUER_URL is required: the secondary registry uses the token-issuer/,
    );
  });

  it('exits with status 2 naming the variable of an unreadable or invalid file', async () => {
    const start = (variable: string, file: string) =>
      startProcess(process.execPath, [serviceMain('status')], {
        name: 'status-bad-credentials',
        env: {
          PATH: process.env.PATH,
          ...valid,
          GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: basicFile,
          GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: basicFile,
          [variable]: file,
        },
      });
    const missing = start('GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE', join(dir.path, 'absent.json'));
    const broken = start('GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE', brokenFile);

    expect(await missing.exited()).toBe(2);
    expect(missing.output()).toContain('GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE');
    expect(missing.output()).toContain('cannot read (ENOENT)');
    expect(await broken.exited()).toBe(2);
    expect(broken.output()).toContain('GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE');
    expect(broken.output()).toContain('broken.json: password is required');
    expect(broken.output()).not.toContain('file-password');
  });
});
