import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.js';
import { exactCopies, outstandingJobs, type StatusJson } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const capacity = 5;
const names = Array.from({ length: 50 }, (_, i) => `backfill/repo-${String(i).padStart(2, '0')}`);

describe('backfill of a new secondary', () => {
  let stack: Stack;

  beforeAll(async () => {
    // No ingest and no cursor yet: the primary's repositories exist before the site does.
    stack = await startStack({
      services: ['token-issuer', 'status'],
      env: { 'event-log-cursor': { GEO_SITE_CAPACITY: String(capacity) } },
    });
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(
        names.slice(i, i + 10).map((name) => pushImage(stack.primaryClient, name, 'v1', name)),
      );
    }
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('copies all 50 repositories of the primary, never more than the capacity outstanding', async () => {
    await stack.start('event-log-cursor');
    await stack.start('sync-worker', 'worker-a');
    await stack.start('sync-worker', 'worker-b');
    let most = 0;

    const status = await waitFor(
      async () => {
        most = Math.max(most, await outstandingJobs(stack.db, stack.site));
        const json = JSON.parse(await stack.geoctl(['status', '--json'])) as StatusJson;
        return json.counts.synced === names.length ? json : undefined;
      },
      { what: '50 repositories synced', timeoutMs: 90_000, intervalMs: 100 },
    );

    expect(status.counts).toMatchObject({ synced: 50, total: 50, failed: 0, pending: 0 });
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(capacity);
    expect(await exactCopies(stack.primaryClient, stack.secondaryClient, names)).toBe(true);
  });
});
