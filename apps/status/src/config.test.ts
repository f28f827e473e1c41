import { parseEnv } from '@geo/config';
import { serviceMain, startProcess } from '@geo/testkit';
import { describe, expect, it } from 'vitest';
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
