import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  claimRepository,
  completeSync,
  type Database,
  getRepository,
  migrate,
  openDatabase,
  RepositoryState,
} from '@geo/db';
import { RegistryClient } from '@geo/registry-client';
import { silentLogger } from '@geo/telemetry';
import { createDatabase, type Registry, startRegistry, type TestDatabase } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.test-helpers.js';
import { type ReconcileDeps, reconcilePass } from './reconcile.js';
import { tagChecksumOf } from './tag-checksum-of.js';

const site = 'rec';

/** The storage directory of a test registry, read from the config file it was started with. */
async function storageOf(registry: Registry): Promise<string> {
  const args = registry.process.child.spawnargs;
  const config = JSON.parse(await readFile(args.at(-1) as string, 'utf8')) as {
    storage: { filesystem: { rootdirectory: string } };
  };
  return config.storage.filesystem.rootdirectory;
}

describe('reconcilePass', () => {
  let registries: Registry[];
  let database: TestDatabase;
  let db: Database;
  let closeDb: () => Promise<void>;
  let deps: ReconcileDeps;

  /** Records `repository` synced with the checksum the secondary has now. */
  const markSynced = async (repository: string) => {
    const checksum = await tagChecksumOf(deps.secondary, repository);
    await claimRepository(db, { site, repository, worker: 'w', jobId: 'j', leaseMs: 60_000 });
    await completeSync(db, {
      site,
      repository,
      worker: 'w',
      jobId: 'j',
      outcome: 'synced',
      checksum,
      tagCount: 1,
      blobsCopied: 0,
      bytesCopied: 0,
    });
  };

  beforeAll(async () => {
    [registries, database] = await Promise.all([
      Promise.all([startRegistry({ name: 'primary' }), startRegistry({ name: 'secondary' })]),
      createDatabase(),
    ]);
    await migrate(database.url);
    ({ db, close: closeDb } = openDatabase(database.url, { max: 4 }));
    const [primary, secondary] = registries.map(
      (registry) => new RegistryClient({ url: registry.url }),
    ) as [RegistryClient, RegistryClient];
    deps = { db, site, primary, secondary, logger: silentLogger, concurrency: 2 };

    for (const name of ['same', 'moved', 'gone']) {
      const digest = await pushImage(primary, name, 'v1', name);
      await pushImage(secondary, name, 'v1', name);
      expect(digest).toMatch(/^sha256:/);
    }
    await pushImage(primary, 'fresh', 'v1', 'fresh');
  });

  afterAll(async () => {
    await deps?.primary.close();
    await deps?.secondary.close();
    await closeDb?.();
    await Promise.all([...(registries ?? []).map((r) => r.stop()), database?.drop()]);
  });

  it('creates a pending row without a job for every repository of the primary', async () => {
    const summary = await reconcilePass(deps);

    expect(summary).toMatchObject({ added: 4, missing: 0, differing: 0 });
    expect(await getRepository(db, site, 'fresh')).toMatchObject({
      state: RepositoryState.pending,
      jobQueued: false,
    });
  });

  it('marks pending the synced repositories whose tags differ, and verifies the others', async () => {
    for (const name of ['same', 'moved', 'gone']) await markSynced(name);
    await pushImage(deps.primary, 'moved', 'v1', 'moved again');

    const summary = await reconcilePass(deps);

    expect(summary).toMatchObject({ added: 0, differing: 1, verified: 2 });
    expect(await getRepository(db, site, 'moved')).toMatchObject({
      state: RepositoryState.pending,
    });
    expect((await getRepository(db, site, 'same'))?.verifiedAt).toBeInstanceOf(Date);
  });

  it('marks for sync, once, a repository deleted from the primary', async () => {
    const primary = registries[0] as Registry;
    await rm(join(await storageOf(primary), 'docker/registry/v2/repositories/gone'), {
      recursive: true,
    });

    const first = await reconcilePass(deps);
    const second = await reconcilePass(deps);

    expect(first.missing).toBe(1);
    expect(second.missing).toBe(0);
    expect(await getRepository(db, site, 'gone')).toMatchObject({
      state: RepositoryState.pending,
      missingOnPrimary: true,
    });
  });

  it('changes nothing when the primary cannot be read', async () => {
    const unreachable = new RegistryClient({ url: 'http://127.0.0.1:9' });

    await expect(reconcilePass({ ...deps, primary: unreachable })).rejects.toThrow();
    expect(await getRepository(db, site, 'same')).toMatchObject({ missingOnPrimary: false });
    await unreachable.close();
  });
});
