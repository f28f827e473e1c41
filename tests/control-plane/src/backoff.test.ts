import { getRepository, type RepositoryRow, RepositoryState } from '@geo/db';
import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.js';
import { type Stack, startStack } from './stack.js';

const repository = 'flaky/app';

describe('back-off while the primary is down', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      services: ['token-issuer', 'status'],
      env: { 'sync-worker': { GEO_BACKOFF_BASE_MS: '400', GEO_BACKOFF_CAP_MS: '60000' } },
    });
    await pushImage(stack.primaryClient, repository, 'v1', 'flaky');
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('fails with a growing retry_at on each of three failures, then syncs and resets the count', async () => {
    // The resync asks the primary for a name the site lacks, so it comes first;
    // its job waits in the queue for the worker started once the primary is down.
    await stack.geoctl(['resync', repository]);
    await stack.primary.process.stop();
    await stack.start('event-log-cursor');
    await stack.start('sync-worker');

    const failures: RepositoryRow[] = [];
    await waitFor(
      async () => {
        const row = await getRepository(stack.db, stack.site, repository);
        const last = failures.at(-1);
        if (row?.state === RepositoryState.failed && row.retryCount !== last?.retryCount) {
          failures.push(row);
        }
        return failures.length >= 3;
      },
      { what: 'three consecutive failures', timeoutMs: 60_000, intervalMs: 50 },
    );
    await stack.primary.restart();

    const [first, second, third] = failures as [RepositoryRow, RepositoryRow, RepositoryRow];
    expect(failures.map((row) => row.retryCount)).toEqual([1, 2, 3]);
    const delay = (row: RepositoryRow) => (row.retryAt?.getTime() ?? 0) - row.updatedAt.getTime();
    expect(delay(second)).toBeGreaterThan(delay(first));
    expect(delay(third)).toBeGreaterThan(delay(second));
    expect(third.lastSyncFailure).toMatch(/primary/);

    const synced = await waitFor(
      async () => {
        const row = await getRepository(stack.db, stack.site, repository);
        return row?.state === RepositoryState.synced ? row : undefined;
      },
      { what: `${repository} synced after the primary returned`, timeoutMs: 60_000 },
    );
    expect(synced).toMatchObject({ retryCount: 0, retryAt: null, lastSyncFailure: null });
  });
});
