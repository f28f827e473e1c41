import { parseEnv } from '@geo/config';
import { describe, expect, it } from 'vitest';
import { cursorConfigSchema, registryCredentials } from './config.js';

const env = {
  DATABASE_URL: 'postgres://geo@127.0.0.1/geo',
  NATS_URL: 'nats://127.0.0.1:4333',
  GEO_SITE: 'east',
  GEO_REPLICATION_ENABLED: 'true',
  GEO_PRIMARY_REGISTRY_URL: 'http://127.0.0.1:5000',
  GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5001',
};

describe('event-log-cursor registry credentials', () => {
  it('turns registry access off without a token-issuer or credentials files, as before', () => {
    expect(registryCredentials(parseEnv(cursorConfigSchema, env))).toBeUndefined();
  });

  it('uses the token-issuer for both registries when only it is configured', () => {
    const config = parseEnv(cursorConfigSchema, {
      ...env,
      GEO_TOKEN_ISSUER_URL: '127.0.0.1:9000',
      GEO_TOKEN_ISSUER_SECRET: 'cursor-secret',
    });

    expect(registryCredentials(config)).toMatchObject({
      primary: { type: 'token-issuer' },
      secondary: { type: 'token-issuer' },
    });
  });

  it('refuses a credentials file for one registry while the other lacks the token-issuer', () => {
    const config = parseEnv(cursorConfigSchema, {
      ...env,
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: '/nonexistent/primary.json',
    });

    expect(() => registryCredentials(config)).toThrow(
      /GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: \/nonexistent\/primary\.json: cannot read[\s\S]*GEO_TOKEN_ISSUER_URL is required: the secondary registry/,
    );
  });
});
