import { parseEnv } from '@geo/config';
import { describe, expect, it } from 'vitest';
import { configSchema } from './config.js';

const required = {
  GEO_REGISTRY_KEY_FILE: '/keys/token.key',
  GEO_TOKEN_ISSUER: 'geo-issuer',
  GEO_TOKEN_ISSUER_SECRET: 's3cret',
  GEO_TOKEN_ISSUER_LISTEN: '127.0.0.1:9000',
  GEO_TOKEN_ISSUER_HTTP_LISTEN: '127.0.0.1:9001',
};

describe('configSchema', () => {
  it('defaults the primary service, the lifetime and the secondary services', () => {
    const config = parseEnv(configSchema, required);

    expect(config.GEO_TOKEN_SERVICE).toBe('container_registry');
    expect(config.GEO_TOKEN_TTL_SECONDS).toBe(300);
    expect(config.GEO_TOKEN_SECONDARY_SERVICES.size).toBe(0);
    expect(config.GEO_TOKEN_ACCOUNTS_FILE).toBeUndefined();
  });

  it('reads several comma-separated key and certificate files for a rotation', () => {
    const config = parseEnv(configSchema, {
      ...required,
      GEO_REGISTRY_KEY_FILE: '/keys/old.key, /keys/new.key',
      GEO_REGISTRY_CERT_FILE: '/keys/bundle.crt',
      GEO_TOKEN_X5C: 'true',
    });

    expect(config.GEO_REGISTRY_KEY_FILE).toEqual(['/keys/old.key', '/keys/new.key']);
    expect(config.GEO_REGISTRY_CERT_FILE).toEqual(['/keys/bundle.crt']);
    expect(config.GEO_TOKEN_X5C).toBe(true);
  });

  it('reads site=service pairs for the secondary registries', () => {
    const config = parseEnv(configSchema, {
      ...required,
      GEO_TOKEN_SECONDARY_SERVICES: 'east=registry_east, west=registry_west',
    });

    expect([...config.GEO_TOKEN_SECONDARY_SERVICES]).toEqual([
      ['east', 'registry_east'],
      ['west', 'registry_west'],
    ]);
  });

  it.each([
    'east',
    'east=',
    'East=registry',
    'east=a=b',
    'east=one,east=two',
    'east=same,west=same',
  ])('refuses the secondary services %j', (value) => {
    const attempt = () =>
      parseEnv(configSchema, { ...required, GEO_TOKEN_SECONDARY_SERVICES: value });

    expect(attempt).toThrow(/GEO_TOKEN_SECONDARY_SERVICES/);
  });

  it('refuses a secondary service equal to the primary service', () => {
    const attempt = () =>
      parseEnv(configSchema, {
        ...required,
        GEO_TOKEN_SECONDARY_SERVICES: 'east=container_registry',
      });

    expect(attempt).toThrow(/GEO_TOKEN_SECONDARY_SERVICES: a secondary service must differ/);
  });

  it('refuses a lifetime over an hour', () => {
    const attempt = () => parseEnv(configSchema, { ...required, GEO_TOKEN_TTL_SECONDS: '3601' });

    expect(attempt).toThrow(/GEO_TOKEN_TTL_SECONDS/);
  });

  it('names the missing key file', () => {
    const { GEO_REGISTRY_KEY_FILE: _, ...rest } = required;

    expect(() => parseEnv(configSchema, rest)).toThrow(/GEO_REGISTRY_KEY_FILE is required/);
  });
});
