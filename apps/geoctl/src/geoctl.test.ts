import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  buildImage,
  createDatabase,
  freePort,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  repoRoot,
  serviceMain,
  skopeoCopy,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `command args` to its end, whatever its exit status. */
function runProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } },
      (error, stdout, stderr) => {
        const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

const repositoryFields = [
  'name',
  'state',
  'retryCount',
  'retryAt',
  'lastSyncFailure',
  'lastSyncedAt',
  'createdAt',
  'startedAt',
  'syncAgain',
  'verificationChecksum',
  'verifiedAt',
  'tagCount',
  'blobsCopied',
  'bytesCopied',
  'failedTags',
  'attempts',
];

describe('geoctl against a running status service', () => {
  let dir: TempDir;
  let database: TestDatabase;
  let nats: NatsServer;
  let primary: Registry;
  let status: ManagedProcess;
  let unconfigured: ManagedProcess;
  let server: string;
  let unconfiguredServer: string;

  const geoctl = (...args: string[]) =>
    runProcess(process.execPath, [serviceMain('geoctl'), '--server', server, ...args]);
  const geoctlOf = (target: string, ...args: string[]) =>
    runProcess(process.execPath, [serviceMain('geoctl'), '--server', target, ...args]);

  beforeAll(async () => {
    dir = await tempDir('geo-geoctl-');
    [database, nats, primary] = await Promise.all([
      createDatabase(),
      startNats(),
      startRegistry({ name: 'primary' }),
    ]);

    // A resync creates the row of a name only the primary has: push them there.
    const image = await buildImage({ layout: join(dir.path, 'oci'), tag: 'v1' });
    for (const name of ['team/api', 'team/web', 'tools/ci', 'watch/me']) {
      await skopeoCopy(image.reference, `docker://${primary.host}/${name}:v1`);
    }
    const anonymous = join(dir.path, 'anonymous.json');
    await writeFile(anonymous, JSON.stringify({ type: 'anonymous' }), { mode: 0o600 });

    const site = {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      GEO_SITE: 'eu-west',
      GEO_REPLICATION_ENABLED: 'true',
      GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5000',
    };
    [server, unconfiguredServer] = [
      `127.0.0.1:${await freePort()}`,
      `127.0.0.1:${await freePort()}`,
    ];
    status = await startService('status', {
      ...site,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: anonymous,
      GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: anonymous,
      GEO_STATUS_LISTEN: server,
    });
    // The same site without the primary's address: it cannot ask the primary anything.
    unconfigured = await startService(
      'status',
      { ...site, GEO_STATUS_LISTEN: unconfiguredServer },
      { instance: 'status-unconfigured' },
    );

    for (const name of ['team/api', 'team/web', 'tools/ci']) {
      const seeded = await geoctl('resync', name);
      expect(seeded.status, seeded.stderr).toBe(0);
    }
  });

  afterAll(async () => {
    await Promise.all([status?.stop(), unconfigured?.stop()]);
    await Promise.all([primary?.stop(), nats?.stop()]);
    await database?.drop();
    await dir?.remove();
  });

  it('prints one repository as one JSON object with camelCase fields', async () => {
    const result = await geoctl('repo', 'team/api', '--json');

    expect(result.status, result.stderr).toBe(0);
    const repository = JSON.parse(result.stdout);
    expect(Object.keys(repository).sort()).toEqual([...repositoryFields].sort());
    expect(repository).toMatchObject({
      name: 'team/api',
      state: 'pending',
      retryCount: 0,
      retryAt: null,
      lastSyncFailure: null,
      lastSyncedAt: null,
    });
    expect(new Date(repository.createdAt).toISOString()).toBe(repository.createdAt);
  });

  it('prints pure JSON through pnpm -s geoctl from the repository root', async () => {
    const result = await runProcess('pnpm', ['-s', 'geoctl', 'repo', 'team/web', '--json'], {
      GEO_STATUS_URL: server,
      HOME: process.env.HOME ?? '/root',
    });

    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'team/web', state: 'pending' });
  });

  it('lists repositories filtered by state and name as a JSON array', async () => {
    const result = await geoctl('repos', '--state', 'pending', '--search', 'team/', '--json');

    expect(result.status, result.stderr).toBe(0);
    const names = JSON.parse(result.stdout).map((row: { name: string }) => row.name);
    expect(names).toEqual(['team/api', 'team/web']);
  });

  it('follows every page with --all and stops at --limit otherwise', async () => {
    const all = await geoctl('repos', '--all', '--json');
    const limited = await geoctl('repos', '--limit', '2', '--json');

    expect(JSON.parse(all.stdout)).toHaveLength(3);
    expect(JSON.parse(limited.stdout)).toHaveLength(2);
    expect(limited.stderr).toContain('--all');
  });

  it('prints the site status with counts by state word', async () => {
    const result = await geoctl('status', '--json');

    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      site: 'eu-west',
      replicationEnabled: true,
      counts: { pending: 3, started: 0, synced: 0, failed: 0, total: 3 },
      eventsBehind: 0,
      lastSyncedAt: null,
    });
  });

  it('prints aligned text without --json', async () => {
    const repos = await geoctl('repos');
    const repo = await geoctl('repo', 'tools/ci');

    expect(repos.stdout.split('\n')[0]).toMatch(/^NAME\s+STATE\s+RETRIES/);
    expect(repos.stdout).toMatch(/tools\/ci\s+pending/);
    expect(repo.stdout).toMatch(/^name:\s+tools\/ci$/m);
    expect(repo.stdout).not.toContain('\u001b[');
  });

  it('resyncs every repository of a state and reports how many', async () => {
    const result = await geoctl('resync', '--all', '--state', 'failed', '--json');

    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ count: 0 });
  });

  it('exits 1 with the server message when a repository does not exist', async () => {
    const result = await geoctl('repo', 'team/missing', '--json');

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('team/missing');
    expect(result.stderr).toContain('not found');
  });

  it('exits 1 naming the repository when asked to resync one neither site nor primary has', async () => {
    const text = await geoctl('resync', 'nosuch/repo');
    const json = await geoctl('resync', 'nosuch/repo', '--json');
    const after = await geoctl('repo', 'nosuch/repo');

    expect(text.status).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('repository "nosuch/repo" not found on site eu-west');
    expect(text.stderr).toContain('nor on the primary registry');
    expect(json.status).toBe(1);
    expect(json.stdout).toBe('');
    expect(after.status).toBe(1);
  });

  it('exits 2 when the server refuses a malformed repository name', async () => {
    const result = await geoctl('repo', 'Not A Name');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not a repository name');
  });

  it('exits 1 naming the missing variables when the site cannot check freshness', async () => {
    const result = await geoctlOf(unconfiguredServer, 'fresh', 'team/api:v1', '--json');

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('GEO_PRIMARY_REGISTRY_URL');
  });

  it('exits 1 refusing a new name when the site cannot ask the primary, but resyncs a known one', async () => {
    const unknown = await geoctlOf(unconfiguredServer, 'resync', 'watch/me');
    const known = await geoctlOf(unconfiguredServer, 'resync', 'tools/ci');

    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('resync of watch/me (no row on this site');
    expect(unknown.stderr).toContain('GEO_PRIMARY_REGISTRY_URL');
    expect(known.status, known.stderr).toBe(0);
    expect(known.stdout).toBe('tools/ci: marked pending\n');
  });

  it('prints the oldest pending repository and the recent workers in the site status', async () => {
    const result = await geoctl('status', '--json');
    const text = await geoctl('status');

    expect(JSON.parse(result.stdout)).toMatchObject({
      oldestPendingRepository: expect.stringMatching(/^(team|tools)\//),
      recentWorkers: [],
    });
    expect(text.stdout).toMatch(/^oldest pending:\s+\S+ \(since /m);
  });

  it('prints the site status again, as one JSON line, each time it changes with --watch', async () => {
    const child = spawn(process.execPath, [
      serviceMain('geoctl'),
      '--server',
      server,
      'status',
      '--watch',
      '--json',
    ]);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();

    try {
      const first = JSON.parse(String((await lines.next()).value));
      const resynced = await geoctl('resync', 'watch/me');
      const second = JSON.parse(String((await lines.next()).value));

      expect(resynced.status, resynced.stderr).toBe(0);
      expect(second.counts.total).toBe(first.counts.total + 1);
    } finally {
      child.kill();
    }
  });

  it('exits 1 with the service sentence, not "cannot reach", when the primary is down', async () => {
    await primary.stop();

    const result = await geoctl('resync', 'team/new');

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the primary registry did not list the tags of team/new');
    expect(result.stderr).not.toContain('cannot reach the status service');
  });

  it('exits 1 naming the address when the server cannot be reached', async () => {
    const closed = `127.0.0.1:${await freePort()}`;

    const result = await runProcess(process.execPath, [
      serviceMain('geoctl'),
      '--server',
      closed,
      'status',
      '--json',
    ]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cannot reach the status service at ${closed}`);
  });
});
