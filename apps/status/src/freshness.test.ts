import { Freshness } from '@geo/contracts';
import {
  buildImage,
  createDatabase,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  skopeoCopy,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcError, statusClient } from './status-client.test-helpers.js';

const site = 'west';
const secret = 'freshness-secret';

describe('CheckFreshness against a primary and a secondary registry', () => {
  let dir: TempDir;
  let database: TestDatabase;
  let nats: NatsServer;
  let primary: Registry;
  let secondary: Registry;
  const processes: ManagedProcess[] = [];
  let client: ReturnType<typeof statusClient>;

  const push = async (tag: string, registries: Registry[]) => {
    const image = await buildImage({ layout: `${dir.path}/oci`, tag });
    for (const registry of registries) {
      await skopeoCopy(image.reference, `docker://${registry.host}/team/app:${tag}`);
    }
  };

  beforeAll(async () => {
    dir = await tempDir('geo-freshness-');
    const key = await generateSigningKey(dir.path);
    [database, nats, primary, secondary] = await Promise.all([
      createDatabase(),
      startNats(),
      startRegistry({ name: 'primary' }),
      startRegistry({ name: 'secondary' }),
    ]);
    const [issuerGrpc, issuerHttp, statusPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];

    processes.push(
      await startService('token-issuer', {
        GEO_REGISTRY_KEY_FILE: key.keyFile,
        GEO_TOKEN_ISSUER: 'geo-freshness-issuer',
        GEO_TOKEN_SECONDARY_SERVICES: `${site}=registry_${site}`,
        GEO_TOKEN_ISSUER_SECRET: secret,
        GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${issuerGrpc}`,
        GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${issuerHttp}`,
      }),
    );
    processes.push(
      await startService('status', {
        DATABASE_URL: database.url,
        NATS_URL: nats.url,
        GEO_SITE: site,
        GEO_REPLICATION_ENABLED: 'true',
        GEO_PRIMARY_REGISTRY_URL: primary.url,
        GEO_SECONDARY_REGISTRY_URL: secondary.url,
        GEO_TOKEN_ISSUER_URL: `127.0.0.1:${issuerGrpc}`,
        GEO_TOKEN_ISSUER_SECRET: secret,
        GEO_STATUS_LISTEN: `127.0.0.1:${statusPort}`,
      }),
    );

    // v1 is on both; v2 differs (pushed apart); v3 has not reached the secondary.
    await push('v1', [primary, secondary]);
    await push('v2', [primary]);
    await push('v2', [secondary]);
    await push('v3', [primary]);
    client = statusClient(statusPort);
  });

  afterAll(async () => {
    client?.close();
    for (const process of processes.reverse()) await process.stop();
    await Promise.all([primary?.stop(), secondary?.stop(), nats?.stop()]);
    await database?.drop();
    await dir?.remove();
  });

  it('calls a tag fresh when the secondary serves the primary digest', async () => {
    const answer = await client.checkFreshness('team/app', 'v1');

    expect(answer).toMatchObject({ freshness: Freshness.FRESHNESS_FRESH, fresh: true });
    expect(answer.primaryDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(answer.secondaryDigest).toBe(answer.primaryDigest);
    expect(answer.checkedAt).toBeInstanceOf(Date);
  });

  it('calls a tag stale when the secondary serves another digest', async () => {
    const answer = await client.checkFreshness('team/app', 'v2');

    expect(answer).toMatchObject({ freshness: Freshness.FRESHNESS_STALE, fresh: false });
    expect(answer.secondaryDigest).not.toBe(answer.primaryDigest);
    expect(answer.secondaryDigest).toMatch(/^sha256:/);
  });

  it('calls a tag missing when the secondary does not have it yet', async () => {
    const answer = await client.checkFreshness('team/app', 'v3');

    expect(answer).toMatchObject({
      freshness: Freshness.FRESHNESS_MISSING_ON_SECONDARY,
      fresh: false,
      secondaryDigest: '',
    });
  });

  it('calls a tag the primary lacks missing on the primary, in a repository it lacks too', async () => {
    const tag = await client.checkFreshness('team/app', 'nope');
    const repository = await client.checkFreshness('team/absent', 'v1');

    expect(tag.freshness).toBe(Freshness.FRESHNESS_MISSING_ON_PRIMARY);
    expect(repository).toMatchObject({
      freshness: Freshness.FRESHNESS_MISSING_ON_PRIMARY,
      fresh: false,
    });
  });

  it('answers UNAVAILABLE naming the registry when the primary is down', async () => {
    await primary.stop();

    const error = await rpcError(client.checkFreshness('team/app', 'v1'));

    expect(error.code).toBe(status.UNAVAILABLE);
    expect(error.details).toContain('primary registry');
  });
});
