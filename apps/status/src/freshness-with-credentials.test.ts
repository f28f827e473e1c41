import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckResult, Freshness } from '@geo/contracts';
import {
  buildImage,
  createDatabase,
  freePort,
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
import { hashPassword } from '@geo/tokens';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcError, statusClient } from './status-client.test-helpers.js';

const site = 'north';
const account = { username: 'replicator', password: 'status-file-password' };
const wrongPassword = 'not-the-status-password';

describe('CheckFreshness and doctor with credentials files (htpasswd registries)', () => {
  let dir: TempDir;
  let database: TestDatabase;
  let nats: NatsServer;
  let primary: Registry;
  let secondary: Registry;
  const processes: ManagedProcess[] = [];
  let client: ReturnType<typeof statusClient>;
  let refused: ReturnType<typeof statusClient>;

  const push = async (tag: string, registries: Registry[]) => {
    const image = await buildImage({ layout: `${dir.path}/oci`, tag });
    for (const registry of registries) {
      await skopeoCopy(image.reference, `docker://${registry.host}/team/app:${tag}`, {
        destCreds: `${account.username}:${account.password}`,
      });
    }
  };

  const credentialsFile = async (name: string, credentials: object) => {
    const file = join(dir.path, name);
    await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
    return file;
  };

  const startStatus = async (name: string, primaryFile: string, secondaryFile: string) => {
    const port = await freePort();
    processes.push(
      await startService(
        'status',
        {
          DATABASE_URL: database.url,
          NATS_URL: nats.url,
          GEO_SITE: site,
          GEO_REPLICATION_ENABLED: 'true',
          GEO_PRIMARY_REGISTRY_URL: primary.url,
          GEO_SECONDARY_REGISTRY_URL: secondary.url,
          GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: primaryFile,
          GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: secondaryFile,
          GEO_STATUS_LISTEN: `127.0.0.1:${port}`,
        },
        { instance: name },
      ),
    );
    return statusClient(port);
  };

  beforeAll(async () => {
    dir = await tempDir('geo-freshness-credentials-');
    const htpasswd = join(dir.path, 'htpasswd');
    await writeFile(htpasswd, `${account.username}:${await hashPassword(account.password, 4)}\n`);
    [database, nats, primary, secondary] = await Promise.all([
      createDatabase(),
      startNats(),
      startRegistry({ name: 'primary', htpasswd }),
      startRegistry({ name: 'secondary', htpasswd }),
    ]);

    // Basic for the primary; bearer for the secondary, which answers its Basic challenge.
    const basic = await credentialsFile('primary.json', { type: 'basic', ...account });
    const bearer = await credentialsFile('secondary.json', { type: 'bearer', ...account });
    const wrong = await credentialsFile('wrong.json', {
      type: 'basic',
      username: account.username,
      password: wrongPassword,
    });
    client = await startStatus('status-credentials', basic, bearer);
    refused = await startStatus('status-wrong-password', wrong, bearer);

    // v1 is on both; v2 differs (pushed apart); v3 has not reached the secondary.
    await push('v1', [primary, secondary]);
    await push('v2', [primary]);
    await push('v2', [secondary]);
    await push('v3', [primary]);
  });

  afterAll(async () => {
    client?.close();
    refused?.close();
    for (const process of processes.reverse()) await process.stop();
    await Promise.all([primary?.stop(), secondary?.stop(), nats?.stop()]);
    await database?.drop();
    await dir?.remove();
  });

  it('calls a replicated tag fresh, reading both registries with the files', async () => {
    const answer = await client.checkFreshness('team/app', 'v1');

    expect(answer).toMatchObject({ freshness: Freshness.FRESHNESS_FRESH, fresh: true });
    expect(answer.primaryDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(answer.secondaryDigest).toBe(answer.primaryDigest);
  });

  it('calls a tag stale, missing on the secondary or missing on the primary as it is', async () => {
    const stale = await client.checkFreshness('team/app', 'v2');
    const notYet = await client.checkFreshness('team/app', 'v3');
    const nowhere = await client.checkFreshness('team/app', 'nope');

    expect(stale).toMatchObject({ freshness: Freshness.FRESHNESS_STALE, fresh: false });
    expect(stale.secondaryDigest).toMatch(/^sha256:/);
    expect(stale.secondaryDigest).not.toBe(stale.primaryDigest);
    expect(notYet).toMatchObject({
      freshness: Freshness.FRESHNESS_MISSING_ON_SECONDARY,
      secondaryDigest: '',
    });
    expect(nowhere.freshness).toBe(Freshness.FRESHNESS_MISSING_ON_PRIMARY);
  });

  it('passes doctor registry checks with the files, saying the token checks are skipped', async () => {
    const { checks } = await client.diagnose();

    const byName = new Map(checks.map((check) => [check.name, check]));
    expect(byName.get('primary-registry')).toMatchObject({
      result: CheckResult.CHECK_RESULT_PASSED,
      detail: expect.stringContaining(
        'basic credentials of GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE (token checks skipped',
      ),
    });
    expect(byName.get('secondary-registry')).toMatchObject({
      result: CheckResult.CHECK_RESULT_PASSED,
      detail: expect.stringContaining('bearer credentials of GEO_SECONDARY_REGISTRY'),
    });
  });

  it('answers UNAVAILABLE and fails doctor when the primary refuses the file, without the password', async () => {
    const error = await rpcError(refused.checkFreshness('team/app', 'v1'));
    const { checks } = await refused.diagnose();

    expect(error.code).toBe(status.UNAVAILABLE);
    expect(error.details).toContain('primary registry');
    expect(error.details).toContain('UNAUTHORIZED');
    const primaryCheck = checks.find((check) => check.name === 'primary-registry');
    expect(primaryCheck?.result).toBe(CheckResult.CHECK_RESULT_FAILED);
    expect(primaryCheck?.detail).toContain(`${primary.url} refuses the basic credentials`);
    const secondaryCheck = checks.find((check) => check.name === 'secondary-registry');
    expect(secondaryCheck?.result).toBe(CheckResult.CHECK_RESULT_PASSED);
    expect(`${error.details} ${primaryCheck?.detail}`).not.toContain(wrongPassword);
  });

  it('logs the kinds of credentials, never a password', () => {
    expect(processes[0]?.output()).toMatch(/"primaryAuth":"basic","secondaryAuth":"bearer"/);
    for (const process of processes) {
      expect(process.output()).not.toContain(account.password);
      expect(process.output()).not.toContain(wrongPassword);
    }
  });
});
