import { getRepository, RepositoryState } from '@geo/db';
import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from './notify.js';
import { pushImage } from './push-image.js';
import { attemptsOf, exactCopies, overlapping } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const repository = 'large/app';
const workers = ['worker-1', 'worker-2', 'worker-3'];

describe('exclusive claims across three workers', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ services: ['token-issuer', 'notification-ingest', 'status'] });
    await pushImage(stack.primaryClient, repository, 'v1', 'large', { layerBytes: 256 << 20 });
    // Workers first: the push's own notifications are waiting in the stream,
    // and a lone early worker could finish that sync before the test looks.
    for (const worker of workers) await stack.start('sync-worker', worker);
    await stack.start('event-log-cursor', 'event-log-cursor', { GEO_CURSOR_BACKFILL: 'false' });
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('finishes the repository after its worker is killed mid-blob, never two attempts at once', async () => {
    await notify(stack, repository, 1, 1);
    const row = await waitFor(
      async () => {
        const found = await getRepository(stack.db, stack.site, repository);
        return found?.state === RepositoryState.started ? found : undefined;
      },
      { what: `${repository} claimed`, timeoutMs: 30_000, intervalMs: 10 },
    );
    await stack.services.get(row.claimedBy ?? '')?.kill();
    // Events keep coming while the claim is dead: they must not start a rival sync.
    await notify(stack, repository, 20);

    await waitFor(
      async () =>
        (await getRepository(stack.db, stack.site, repository))?.state === RepositoryState.synced,
      { what: `${repository} synced by another worker`, timeoutMs: 90_000, intervalMs: 200 },
    );
    const attempts = await attemptsOf(stack.db, stack.site, repository);

    expect(attempts[0]).toMatchObject({ worker: row.claimedBy, outcome: 'failed' });
    expect(attempts.at(-1)?.worker).not.toBe(row.claimedBy);
    expect(overlapping(attempts)).toBe(false);
    expect(await exactCopies(stack.primaryClient, stack.secondaryClient, [repository])).toBe(true);
  });
});
