import { getRepository, RepositoryState } from '@geo/db';
import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from './notify.js';
import { pushImage } from './push-image.js';
import { attemptsOf, eventsBehind } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const repository = 'busy/app';

describe('coalescing of events during a sync', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ services: ['token-issuer', 'notification-ingest', 'status'] });
    await pushImage(stack.primaryClient, repository, 'v1', 'busy', { layerBytes: 192 << 20 });
    await stack.start('event-log-cursor');
    await stack.start('sync-worker');
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('syncs at most twice for 100 notifications that arrive while a sync runs', async () => {
    await notify(stack, repository, 1, 1);
    await waitFor(
      async () =>
        (await getRepository(stack.db, stack.site, repository))?.state === RepositoryState.started,
      { what: `${repository} started`, timeoutMs: 30_000, intervalMs: 20 },
    );

    await notify(stack, repository, 100);
    // The premise: the cursor applied all 100 while the first sync still ran.
    await waitFor(async () => (await eventsBehind(stack.nats.url, stack.site)) === 0, {
      what: 'the cursor to apply every event',
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    expect(await attemptsOf(stack.db, stack.site, repository)).toHaveLength(1);
    expect(await getRepository(stack.db, stack.site, repository)).toMatchObject({
      state: RepositoryState.started,
      syncAgain: true,
    });

    await waitFor(
      async () => {
        const row = await getRepository(stack.db, stack.site, repository);
        return row?.state === RepositoryState.synced && !row.jobQueued && !row.syncAgain;
      },
      { what: `${repository} synced with nothing left to do`, timeoutMs: 60_000 },
    );
    // Anything still on its way would have been queued by now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const attempts = await attemptsOf(stack.db, stack.site, repository);

    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(2);
    expect(attempts.every((attempt) => attempt.outcome === 'synced')).toBe(true);
  });
});
