import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { booleanFlag, httpUrl, listenAddress, natsServers, secret } from './fields.js';
import { parseEnv } from './parse-env.js';

const schema = z.object({
  NATS_URL: natsServers,
  GEO_INGEST_LISTEN: listenAddress,
  GEO_PRIMARY_REGISTRY_URL: httpUrl,
  GEO_REPLICATION_ENABLED: booleanFlag.default(true),
  GEO_NOTIFICATION_SECRET: secret,
});

describe('parseEnv', () => {
  it('parses every field into its typed value', () => {
    const config = parseEnv(schema, {
      NATS_URL: 'nats://a:4222, nats://b:4222',
      GEO_INGEST_LISTEN: '127.0.0.1:8080',
      GEO_PRIMARY_REGISTRY_URL: 'http://registry:5000/',
      GEO_NOTIFICATION_SECRET: 's3cret',
    });

    expect(config).toEqual({
      NATS_URL: ['nats://a:4222', 'nats://b:4222'],
      GEO_INGEST_LISTEN: { host: '127.0.0.1', port: 8080 },
      GEO_PRIMARY_REGISTRY_URL: 'http://registry:5000',
      GEO_REPLICATION_ENABLED: true,
      GEO_NOTIFICATION_SECRET: 's3cret',
    });
  });

  it('names every missing variable and treats empty ones as missing', () => {
    const attempt = () => parseEnv(schema, { GEO_NOTIFICATION_SECRET: '' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/NATS_URL is required/);
    expect(attempt).toThrow(/GEO_NOTIFICATION_SECRET is required/);
  });

  it('names a malformed variable without repeating its value', () => {
    const attempt = () =>
      parseEnv(schema, {
        NATS_URL: 'nats://a:4222',
        GEO_INGEST_LISTEN: 'no-port-here',
        GEO_PRIMARY_REGISTRY_URL: 'ftp://x',
        GEO_REPLICATION_ENABLED: 'yes',
        GEO_NOTIFICATION_SECRET: 'x',
      });

    expect(attempt).toThrow(/GEO_INGEST_LISTEN: expected host:port/);
    expect(attempt).toThrow(/GEO_PRIMARY_REGISTRY_URL: expected an http/);
    expect(attempt).toThrow(/GEO_REPLICATION_ENABLED/);
  });
});
