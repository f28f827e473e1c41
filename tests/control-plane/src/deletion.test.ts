import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RepositoryState } from '@geo/db';
import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.js';
import { exactCopies, rowsOf } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const gone = 'deleted/app';
const kept = 'kept/app';

describe('a repository deleted on the primary', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: { 'event-log-cursor': { GEO_RECONCILE_INTERVAL_MS: '1000' } },
    });
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  const rowOf = async (name: string) =>
    (await rowsOf(stack.db, stack.site)).find((row) => row.name === name);

  it('is emptied on the secondary when its tags are deleted', async () => {
    const digests = [
      await pushImage(stack.primaryClient, gone, 'v1', 'deleted one'),
      await pushImage(stack.primaryClient, gone, 'v2', 'deleted two'),
    ];
    await pushImage(stack.primaryClient, kept, 'v1', 'kept');
    const synced = async () => {
      const rows = await rowsOf(stack.db, stack.site);
      return rows.length === 2 && rows.every((row) => row.state === RepositoryState.synced);
    };
    await waitFor(synced, { what: 'both repositories synced', timeoutMs: 60_000, intervalMs: 200 });
    expect(await stack.secondaryClient.listTags(gone)).toEqual(['v1', 'v2']);

    // The registry notifies each delete; the sync that follows keeps nothing.
    for (const digest of digests) await stack.primaryClient.deleteManifest(gone, digest);

    await waitFor(async () => (await stack.secondaryClient.listTags(gone)).length === 0, {
      what: `${gone} emptied on the secondary`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    // Distribution still lists the empty repository, so its row stays, with no tags.
    await waitFor(async () => (await rowOf(gone))?.state === RepositoryState.synced, {
      what: `${gone} synced empty`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    expect(await rowOf(gone)).toMatchObject({ tagCount: 0, lastSyncFailure: null });
  });

  // Goes on from the emptied repository the test above leaves.
  it('loses its row once the primary no longer lists it, the others untouched', async () => {
    // Distribution has no API to remove a repository; an operator removes its directory.
    await rm(join(stack.primary.storage, 'docker/registry/v2/repositories', gone), {
      recursive: true,
    });

    await waitFor(async () => (await rowOf(gone)) === undefined, {
      what: `the row of ${gone} removed after reconciliation`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    expect(await stack.secondaryClient.listTags(gone)).toEqual([]);
    expect(await rowOf(kept)).toMatchObject({ state: RepositoryState.synced });
    expect(await exactCopies(stack.primaryClient, stack.secondaryClient, [kept])).toBe(true);
    expect(await stack.geoctl(['repos', '--json'])).not.toContain(gone);
  });
});
