import { CheckResult } from '@geo/contracts';
import {
  connectNats,
  ensureCursorConsumer,
  ensureEventStream,
  ensureJobStream,
  type NatsConnection,
} from '@geo/stream';
import { type NatsServer, startNats } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStreams } from './check-streams.js';

describe('checkStreams', () => {
  let nats: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNats();
    nc = await connectNats([nats.url], 'check-streams-test');
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('fails while a stream is missing, warns without the cursor, then passes', async () => {
    const missing = await checkStreams(nc, 'east');
    await ensureEventStream(nc);
    await ensureJobStream(nc, 'east');
    const withoutCursor = await checkStreams(nc, 'east');
    await ensureCursorConsumer(nc, 'east');
    const complete = await checkStreams(nc, 'east');

    expect(missing).toMatchObject({
      result: CheckResult.CHECK_RESULT_FAILED,
      detail: expect.stringContaining('GEO_REGISTRY_EVENTS'),
    });
    expect(withoutCursor.result).toBe(CheckResult.CHECK_RESULT_WARNING);
    expect(complete.result).toBe(CheckResult.CHECK_RESULT_PASSED);
  });
});
