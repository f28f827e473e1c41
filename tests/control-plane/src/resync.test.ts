import { getRepository, RepositoryState } from '@geo/db';
import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.js';
import { attemptsOf, type StatusJson } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const names = ['resync/a', 'resync/b', 'resync/c'];

describe('geoctl resync', () => {
  let stack: Stack;

  const allSynced = () =>
    waitFor(
      async () => {
        const status = JSON.parse(await stack.geoctl(['status', '--json'])) as StatusJson;
        return status.counts.synced === names.length && status.counts.total === names.length;
      },
      { what: 'every repository synced', timeoutMs: 60_000, intervalMs: 200 },
    );
  const attemptCounts = () =>
    Promise.all(names.map(async (name) => (await attemptsOf(stack.db, stack.site, name)).length));

  beforeAll(async () => {
    stack = await startStack();
    for (const name of names) await pushImage(stack.primaryClient, name, 'v1', name);
    await allSynced();
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('syncs one repository again after geoctl resync NAME', async () => {
    const before = await attemptCounts();

    const printed = JSON.parse(await stack.geoctl(['resync', 'resync/a', '--json'])) as {
      state: string;
    };
    await allSynced();
    await waitFor(async () => (await attemptCounts())[0] === (before[0] ?? 0) + 1, {
      what: 'one more attempt of resync/a',
    });

    expect(['pending', 'started']).toContain(printed.state);
    expect((await attemptCounts()).slice(1)).toEqual(before.slice(1));
  });

  it('refuses geoctl resync of a name the primary does not have, creating no row', async () => {
    const refused = stack.geoctl(['resync', 'nosuch/repo']);

    await expect(refused).rejects.toThrow(/failed \(1\): .*"nosuch\/repo" not found on site/);
    await expect(refused).rejects.toThrow('nor on the primary registry');
    expect(await getRepository(stack.db, stack.site, 'nosuch/repo')).toBeUndefined();
  });

  it('syncs every repository again after geoctl resync --all', async () => {
    const before = await attemptCounts();

    const printed = JSON.parse(await stack.geoctl(['resync', '--all', '--json'])) as {
      count: number;
    };
    await waitFor(async () => (await attemptCounts()).every((n, i) => n > (before[i] ?? 0)), {
      what: 'one more attempt of every repository',
      timeoutMs: 60_000,
    });
    await allSynced();

    expect(printed.count).toBe(names.length);
    expect(await getRepository(stack.db, stack.site, 'resync/c')).toMatchObject({
      state: RepositoryState.synced,
      retryCount: 0,
    });
  });
});
