import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncReason, TargetRegistry } from '@geo/contracts';
import { getRepository, listAttempts, openDatabase, RepositoryState } from '@geo/db';
import { bearerAuth, RegistryClient } from '@geo/registry-client';
import { connectNats, type NatsConnection, newJob, publishJob } from '@geo/stream';
import {
  buildImage,
  createDatabase,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  serviceMain,
  skopeoCopy,
  startNats,
  startProcess,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
  waitFor,
  waitForOutput,
} from '@geo/testkit';
import { connectTokenIssuer, tokenIssuerSource } from '@geo/token-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const site = 'east';
const secret = 'issuer-secret';
let dir: TempDir;
let issuer: ManagedProcess;
let issuerTarget: string;
let primaryRegistry: Registry;
let secondaryRegistry: Registry;
let nats: NatsServer;
let database: TestDatabase;
let db: ReturnType<typeof openDatabase>;
let nc: NatsConnection;
let worker: ManagedProcess;
let builds = 0;

async function push(repository: string, tag: string, format: 'oci' | 'v2s2' | 'v2s1') {
  builds += 1;
  const image = await buildImage({ layout: join(dir.path, 'layout'), tag: `b${builds}` });
  await skopeoCopy(image.reference, `docker://${primaryRegistry.host}/${repository}:${tag}`, {
    format,
  });
}

/** Flips the last byte of the top layer of `repository:tag` in the primary's storage. */
async function corruptLastLayer(repository: string, tag: string) {
  const primary = new RegistryClient({ url: primaryRegistry.url });
  const manifest = JSON.parse((await primary.getManifest(repository, tag)).bytes.toString('utf8'));
  await primary.close();
  const hex = String(manifest.layers.at(-1).digest).slice('sha256:'.length);
  const configFile = primaryRegistry.process.child.spawnargs.at(-1) ?? '';
  const root = JSON.parse(await readFile(configFile, 'utf8')).storage.filesystem.rootdirectory;
  const file = join(root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
  const bytes = await readFile(file);
  bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
  await writeFile(file, bytes);
}

async function settled(repository: string) {
  return waitFor(
    async () => {
      const row = await getRepository(db.db, site, repository);
      const done = row?.state === RepositoryState.synced || row?.state === RepositoryState.failed;
      return done ? row : undefined;
    },
    { what: `${repository} to be synced or failed`, timeoutMs: 60_000 },
  );
}

beforeAll(async () => {
  dir = await tempDir('geo-sync-worker-');
  const key = await generateSigningKey(dir.path);
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  issuerTarget = `127.0.0.1:${grpcPort}`;
  issuer = await startService('token-issuer', {
    GEO_REGISTRY_KEY_FILE: key.keyFile,
    GEO_TOKEN_ISSUER: 'geo-test',
    GEO_TOKEN_SERVICE: 'container_registry',
    GEO_TOKEN_SECONDARY_SERVICES: `${site}=registry_${site}`,
    GEO_TOKEN_ISSUER_SECRET: secret,
    GEO_TOKEN_ISSUER_LISTEN: issuerTarget,
    GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
  });

  [primaryRegistry, secondaryRegistry, nats, database] = await Promise.all([
    startRegistry(),
    startRegistry({
      tokenAuth: {
        realm: `http://127.0.0.1:${httpPort}/jwt/auth`,
        service: `registry_${site}`,
        issuer: 'geo-test',
        rootCertBundle: key.certFile,
      },
    }),
    startNats(),
    createDatabase(),
  ]);
  db = openDatabase(database.url);
  nc = await connectNats([nats.url], 'sync-worker-test');

  await push('team/app', 'v1', 'oci');
  await push('team/app', 'v2', 'v2s2');
  await push('legacy', 'old', 'oci');
  await push('legacy', 'new', 'oci');

  worker = await startService('sync-worker', {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
    GEO_PRIMARY_REGISTRY_URL: primaryRegistry.url,
    GEO_SECONDARY_REGISTRY_URL: secondaryRegistry.url,
    GEO_TOKEN_ISSUER_URL: issuerTarget,
    GEO_TOKEN_ISSUER_SECRET: secret,
    GEO_SYNC_LEASE_MS: '3000',
  });
});

afterAll(async () => {
  await worker?.stop();
  await nc?.close();
  await db?.close();
  await issuer?.stop();
  await Promise.all([
    primaryRegistry?.stop(),
    secondaryRegistry?.stop(),
    nats?.stop(),
    database?.drop(),
  ]);
  await dir?.remove();
});

describe('sync-worker', () => {
  it('syncs a repository named in a job into a token-protected secondary', async () => {
    await publishJob(nc.jetstream(), newJob(site, 'team/app', SyncReason.SYNC_REASON_EVENT));

    const row = await settled('team/app');

    expect(row.lastSyncFailure).toBeNull();
    expect(row.state).toBe(RepositoryState.synced);
    expect(row.tagCount).toBe(2);
    expect(row.verificationChecksum).toMatch(/^[a-f0-9]{64}$/);
    expect(row.blobsCopied).toBeGreaterThan(0);

    const anonymous = new RegistryClient({ url: secondaryRegistry.url });
    await expect(anonymous.ping()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await anonymous.close();

    const tokenIssuer = connectTokenIssuer(issuerTarget);
    const fetchToken = tokenIssuerSource({
      client: tokenIssuer,
      secret,
      site,
      target: TargetRegistry.TARGET_REGISTRY_SECONDARY,
    });
    const secondary = new RegistryClient({
      url: secondaryRegistry.url,
      auth: bearerAuth(fetchToken),
    });
    const primary = new RegistryClient({ url: primaryRegistry.url });
    for (const tag of ['v1', 'v2']) {
      const expected = await primary.resolveManifest('team/app', tag);
      expect((await secondary.resolveManifest('team/app', tag)).digest).toBe(expected.digest);
    }
    await Promise.all([secondary.close(), primary.close()]);
    tokenIssuer.close();
  });

  it('records in its attempt the blobs a sync mounted from another repository', async () => {
    const source = `docker://${primaryRegistry.host}/team/app:v1`;
    await skopeoCopy(source, `docker://${primaryRegistry.host}/team/copy:v1`);
    await publishJob(nc.jetstream(), newJob(site, 'team/copy', SyncReason.SYNC_REASON_EVENT));

    const row = await settled('team/copy');
    const [attempt] = await listAttempts(db.db, site, 'team/copy', 1);

    expect(row.state).toBe(RepositoryState.synced);
    expect(attempt).toMatchObject({ outcome: 'synced', blobsCopied: 0, bytesCopied: 0 });
    // The config and the layer of team/app:v1, both on the secondary already.
    expect(attempt?.blobsMounted).toBe(2);
  });

  it('records a failed sync with the failing tags and their reasons', async () => {
    await corruptLastLayer('legacy', 'old');
    await publishJob(nc.jetstream(), newJob(site, 'legacy', SyncReason.SYNC_REASON_EVENT));

    const row = await settled('legacy');

    expect(row.state).toBe(RepositoryState.failed);
    expect(row.retryCount).toBe(1);
    expect(row.lastSyncFailure).toMatch(/^old: .*sha256:/);
    expect(row.lastSyncFailure).not.toMatch(/^new:/m);
    expect(row.retryAt).not.toBeNull();
  });

  it('acks jobs without copying when replication is disabled', async () => {
    const disabled = await startService(
      'sync-worker',
      {
        DATABASE_URL: database.url,
        NATS_URL: nats.url,
        GEO_SITE: 'west',
        GEO_REPLICATION_ENABLED: 'false',
        GEO_PRIMARY_REGISTRY_URL: primaryRegistry.url,
        GEO_SECONDARY_REGISTRY_URL: secondaryRegistry.url,
        GEO_TOKEN_ISSUER_URL: issuerTarget,
        GEO_TOKEN_ISSUER_SECRET: secret,
      },
      { instance: 'sync-worker-west' },
    );

    await publishJob(nc.jetstream(), newJob('west', 'team/app', SyncReason.SYNC_REASON_EVENT));
    await waitForOutput(disabled, /"msg":"job dropped"/, 20_000);
    await disabled.stop();

    expect(disabled.output()).toContain('"reason":"replication disabled"');
    expect(await getRepository(db.db, 'west', 'team/app')).toBeUndefined();
  });

  it('exits with status 2 naming a missing variable', async () => {
    const bad = startProcess(process.execPath, [serviceMain('sync-worker')], {
      name: 'sync-worker-bad',
      env: { PATH: process.env.PATH, GEO_SITE: site },
    });

    expect(await bad.exited()).toBe(2);
    expect(bad.output()).toContain('DATABASE_URL is required');
  });

  it('logs one line per job carrying the site, repository and job id', () => {
    const finished = worker
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"sync finished"'));

    expect(finished.length).toBeGreaterThan(0);
    expect(JSON.parse(finished[0] ?? '{}')).toMatchObject({
      site,
      repository: 'team/app',
      jobId: expect.any(String),
    });
  });
});
