import { waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from './push-image.js';
import { exactCopies } from './site-state.js';
import { type Stack, startStack } from './stack.js';

const intervalMs = 4_000;

describe('reconciliation without notifications', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: { 'event-log-cursor': { GEO_RECONCILE_INTERVAL_MS: String(intervalMs) } },
    });
    await pushImage(stack.primaryClient, 'quiet/app', 'v1', 'first');
    await waitFor(() => exactCopies(stack.primaryClient, stack.secondaryClient, ['quiet/app']), {
      what: 'quiet/app copied from its notification',
      timeoutMs: 30_000,
    });
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(stack.dump());
    await stack?.stop();
  });

  it('makes the secondary an exact copy within one interval after pushes nobody was told of', async () => {
    await stack.stopService('notification-ingest');

    await pushImage(stack.primaryClient, 'quiet/app', 'v1', 'moved');
    await pushImage(stack.primaryClient, 'quiet/app', 'v2', 'second');
    await pushImage(stack.primaryClient, 'quiet/new', 'v1', 'new');
    const pushed = Date.now();

    await waitFor(
      () => exactCopies(stack.primaryClient, stack.secondaryClient, ['quiet/app', 'quiet/new']),
      { what: 'an exact copy', timeoutMs: 60_000, intervalMs: 200 },
    );

    // One interval to notice, and a moment for the sync itself.
    expect(Date.now() - pushed).toBeLessThan(intervalMs + 10_000);
  });
});
