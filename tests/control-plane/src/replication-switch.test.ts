import { RepositoryState } from '@geo/db';
import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.js';
import { exactCopies, rowsOf, type StatusJson } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const names = ['switch/a', 'switch/b'];
const off = { GEO_REPLICATION_ENABLED: 'false' };

describe('the replication switch', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: { 'event-log-cursor': off, 'sync-worker': off, status: off },
    });
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('records events but copies nothing while off, and catches up once switched on', async () => {
    for (const name of names) await pushImage(stack.primaryClient, name, 'v1', name);

    await waitFor(async () => (await rowsOf(stack.db, stack.site)).length === names.length, {
      what: 'rows recorded from the events',
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const status = JSON.parse(await stack.geoctl(['status', '--json'])) as StatusJson;

    expect(status.replicationEnabled).toBe(false);
    expect(status.counts).toMatchObject({ pending: 2, synced: 0 });
    for (const name of names) expect(await stack.secondaryClient.listTags(name)).toEqual([]);

    const on = { GEO_REPLICATION_ENABLED: 'true' };
    for (const service of ['status', 'sync-worker', 'event-log-cursor'] as const) {
      await stack.stopService(service);
      await stack.start(service, service, on);
    }

    await waitFor(
      async () =>
        (await rowsOf(stack.db, stack.site)).every((row) => row.state === RepositoryState.synced),
      { what: 'every row synced', timeoutMs: 60_000, intervalMs: 200 },
    );
    const after = JSON.parse(await stack.geoctl(['status', '--json'])) as StatusJson;
    expect(after.replicationEnabled).toBe(true);
    expect(await exactCopies(stack.primaryClient, stack.secondaryClient, names)).toBe(true);
  });
});
