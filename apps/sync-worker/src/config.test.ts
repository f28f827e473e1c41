import { parseEnv } from '@geo/config';
import { describe, expect, it } from 'vitest';
import { configSchema } from './config.js';

const env = {
  DATABASE_URL: 'postgres://geo@127.0.0.1/geo',
  NATS_URL: 'nats://127.0.0.1:4333,nats://127.0.0.1:4334',
  GEO_SITE: 'east',
  GEO_REPLICATION_ENABLED: 'true',
  GEO_PRIMARY_REGISTRY_URL: 'http://127.0.0.1:5000/',
  GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5001',
  GEO_TOKEN_ISSUER_URL: 'dns:///issuer:9000',
  GEO_TOKEN_ISSUER_SECRET: 'hunter2',
};

describe('sync-worker configuration', () => {
  it('applies the defaults of concurrency, lease and worker id', () => {
    const config = parseEnv(configSchema, env);

    expect(config.GEO_SYNC_CONCURRENCY).toBe(4);
    expect(config.GEO_SYNC_LEASE_MS).toBe(60_000);
    expect(config.GEO_WORKER_ID).toMatch(/-\d+$/);
    expect(config.GEO_PRIMARY_REGISTRY_URL).toBe('http://127.0.0.1:5000');
    expect(config.NATS_URL).toHaveLength(2);
  });

  it('backs off from 10 s to at most an hour and keeps 50 attempts unless told otherwise', () => {
    const config = parseEnv(configSchema, env);
    const tuned = parseEnv(configSchema, {
      ...env,
      GEO_BACKOFF_BASE_MS: '500',
      GEO_BACKOFF_CAP_MS: '4000',
      GEO_HISTORY_LIMIT: '5',
    });

    expect(config).toMatchObject({
      GEO_BACKOFF_BASE_MS: 10_000,
      GEO_BACKOFF_CAP_MS: 3_600_000,
      GEO_HISTORY_LIMIT: 50,
    });
    expect(tuned).toMatchObject({
      GEO_BACKOFF_BASE_MS: 500,
      GEO_BACKOFF_CAP_MS: 4_000,
      GEO_HISTORY_LIMIT: 5,
    });
  });

  it('names a missing variable and a malformed one without repeating secrets', () => {
    const { GEO_TOKEN_ISSUER_SECRET: _, ...missing } = env;

    const parse = () => parseEnv(configSchema, { ...missing, GEO_SYNC_CONCURRENCY: 'many' });

    // The token-issuer's variables are checked after the fields, in their own step.
    expect(parse).toThrow(/GEO_TOKEN_ISSUER_SECRET is required/);
    expect(parse).toThrow(/GEO_SYNC_CONCURRENCY/);
    expect(parse).not.toThrow(/hunter2/);
  });

  it('needs no token-issuer variables when both registries have credentials files', () => {
    const { GEO_TOKEN_ISSUER_SECRET: _, GEO_TOKEN_ISSUER_URL: __, ...rest } = env;
    const files = {
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: '/etc/geo/primary.json',
      GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: '/etc/geo/secondary.json',
    };

    expect(parseEnv(configSchema, { ...rest, ...files })).toMatchObject(files);
  });

  it('still needs the token-issuer for the registry that has no credentials file', () => {
    const { GEO_TOKEN_ISSUER_URL: _, ...rest } = env;
    const primaryOnly = { ...rest, GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: '/etc/geo/p.json' };

    expect(() => parseEnv(configSchema, primaryOnly)).toThrow(/GEO_TOKEN_ISSUER_URL is required/);
  });

  it('accepts only true or false for GEO_REPLICATION_ENABLED', () => {
    expect(() => parseEnv(configSchema, { ...env, GEO_REPLICATION_ENABLED: 'yes' })).toThrow(
      /GEO_REPLICATION_ENABLED/,
    );
  });
});
