import {
  buildImage,
  run,
  skopeoCopy,
  skopeoInspectRaw,
  type TempDir,
  tempDir,
  waitFor,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpServices, type Stack, startStack } from './stack.js';

interface RepoJson {
  name: string;
  state: string;
  retryCount: number;
  retryAt: string | null;
  lastSyncFailure: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
}

async function digestOf(stack: Stack, host: string, reference: string): Promise<string> {
  const output = await run('skopeo', [
    'inspect',
    '--tls-verify=false',
    '--creds',
    stack.creds,
    '--format',
    '{{.Digest}}',
    `docker://${host}/${reference}`,
  ]);
  return output.trim();
}

async function tagsOf(stack: Stack, host: string, repository: string): Promise<string[]> {
  const output = await run('skopeo', [
    'list-tags',
    '--tls-verify=false',
    '--creds',
    stack.creds,
    `docker://${host}/${repository}`,
  ]);
  return (JSON.parse(output) as { Tags: string[] }).Tags.sort();
}

async function repo(stack: Stack, name: string): Promise<RepoJson> {
  return JSON.parse(await stack.geoctl(['repo', name, '--json'])) as RepoJson;
}

/** Waits until the secondary serves `tag` with the primary's digest. */
async function waitForReplica(stack: Stack, repository: string, tag: string): Promise<string> {
  const expected = await digestOf(stack, stack.primary.host, `${repository}:${tag}`);
  await waitFor(
    async () => (await digestOf(stack, stack.secondary.host, `${repository}:${tag}`)) === expected,
    { what: `${repository}:${tag} on the secondary`, timeoutMs: 60_000, intervalMs: 250 },
  );
  return expected;
}

describe('replication through all five services', () => {
  let stack: Stack;
  let work: TempDir;

  beforeAll(async () => {
    work = await tempDir('geo-e2e-images-');
    stack = await startStack();
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(dumpServices(stack));
    await stack?.stop();
    await work?.remove();
  });

  it('replicates an OCI image and a Docker schema 2 image pushed by skopeo to nested repositories', async () => {
    const oci = await buildImage({ layout: `${work.path}/oci`, tag: 'v1' });
    const docker = await buildImage({ layout: `${work.path}/docker`, tag: '1.0' });

    await skopeoCopy(oci.reference, `docker://${stack.primary.host}/team/app/api:v1`, {
      destCreds: stack.creds,
      format: 'oci',
    });
    await skopeoCopy(docker.reference, `docker://${stack.primary.host}/group/sub/web:1.0`, {
      destCreds: stack.creds,
      format: 'v2s2',
    });

    await waitForReplica(stack, 'team/app/api', 'v1');
    await waitForReplica(stack, 'group/sub/web', '1.0');
    const raw = JSON.parse(
      await skopeoInspectRaw(`docker://${stack.secondary.host}/group/sub/web:1.0`, stack.creds),
    );
    expect(raw.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');

    // A full pull from the secondary checks every blob against its digest.
    await skopeoCopy(
      `docker://${stack.secondary.host}/team/app/api:v1`,
      `oci:${work.path}/pulled:v1`,
      {
        srcCreds: stack.creds,
      },
    );
    await skopeoCopy(
      `docker://${stack.secondary.host}/group/sub/web:1.0`,
      `oci:${work.path}/pulled:1.0`,
      { srcCreds: stack.creds },
    );

    const api = await waitFor(
      async () => {
        const row = await repo(stack, 'team/app/api');
        return row.state === 'synced' ? row : undefined;
      },
      { what: 'team/app/api synced in geoctl', timeoutMs: 30_000 },
    );
    expect(api).toMatchObject({ name: 'team/app/api', state: 'synced', retryCount: 0 });
    expect(api.lastSyncFailure).toBeNull();
    expect(Date.parse(api.lastSyncedAt ?? '')).not.toBeNaN();
    expect(Date.parse(api.createdAt)).not.toBeNaN();
  });

  it('replicates a tag pushed later and removes a tag deleted on the primary', async () => {
    const next = await buildImage({ layout: `${work.path}/oci`, tag: 'v2' });
    const doomed = await buildImage({ layout: `${work.path}/oci`, tag: 'v3' });
    await skopeoCopy(next.reference, `docker://${stack.primary.host}/team/app/api:v2`, {
      destCreds: stack.creds,
    });
    await skopeoCopy(doomed.reference, `docker://${stack.primary.host}/team/app/api:v3`, {
      destCreds: stack.creds,
    });
    await waitForReplica(stack, 'team/app/api', 'v2');
    await waitForReplica(stack, 'team/app/api', 'v3');

    await run('skopeo', [
      'delete',
      '--tls-verify=false',
      '--creds',
      stack.creds,
      `docker://${stack.primary.host}/team/app/api:v3`,
    ]);

    await waitFor(
      async () => !(await tagsOf(stack, stack.secondary.host, 'team/app/api')).includes('v3'),
      { what: 'v3 gone from the secondary', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(await tagsOf(stack, stack.secondary.host, 'team/app/api')).toEqual(['v1', 'v2']);
    await waitFor(async () => (await repo(stack, 'team/app/api')).state === 'synced', {
      what: 'team/app/api synced again',
    });
  });

  it('lists the site in geoctl status and repos as JSON', async () => {
    const status = JSON.parse(await stack.geoctl(['status', '--json']));
    const repos = JSON.parse(await stack.geoctl(['repos', '--json']));

    expect(status).toMatchObject({ site: 'east', replicationEnabled: true });
    const names = (Array.isArray(repos) ? repos : repos.repositories).map(
      (row: RepoJson) => row.name,
    );
    expect(names).toEqual(['group/sub/web', 'team/app/api']);
  });
});
