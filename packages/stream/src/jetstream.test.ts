import { RegistryAction, SyncReason } from '@geo/contracts';
import { type NatsServer, startNats } from '@geo/testkit';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJob } from './codec.js';
import { connectNats } from './connect-nats.js';
import { ensureCursorConsumer } from './ensure-cursor-consumer.js';
import { ensureEventStream } from './ensure-event-stream.js';
import { ensureJobStream } from './ensure-job-stream.js';
import { eventsBehind } from './events-behind.js';
import { jobsWaiting } from './jobs-waiting.js';
import { EVENT_STREAM, jobStreamName, WORKER_CONSUMER } from './names.js';
import { newJob } from './new-job.js';
import { publishEvent, publishJob } from './publish.js';

const site = 'eu-west';

function event(id: string, repository = 'group/app') {
  return {
    id,
    action: RegistryAction.REGISTRY_ACTION_PUSH,
    repository,
    tag: 'latest',
    digest: 'sha256:0123',
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    occurredAt: new Date(),
    receivedAt: new Date(),
    sourceInstance: 'primary',
  };
}

describe('JetStream streams and consumers', () => {
  let nats: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNats();
    nc = await connectNats([nats.url], 'stream-test');
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('creates streams and consumers idempotently, also concurrently', async () => {
    await Promise.all([ensureEventStream(nc), ensureEventStream(nc)]);
    await ensureEventStream(nc, { duplicateWindowMs: 60_000 });
    await Promise.all([ensureJobStream(nc, site), ensureJobStream(nc, site)]);
    await ensureJobStream(nc, site, { ackWaitMs: 30_000 });
    await ensureCursorConsumer(nc, site);
    await ensureCursorConsumer(nc, site);

    const jsm = await nc.jetstreamManager();
    const events = await jsm.streams.info(EVENT_STREAM);
    const workers = await jsm.consumers.info(jobStreamName(site), WORKER_CONSUMER);
    expect(events.config.duplicate_window).toBe(60_000 * 1_000_000);
    expect(workers.config.ack_wait).toBe(30_000 * 1_000_000);
    expect(jobStreamName('us-east-2')).toBe('GEO_SYNC_JOBS_US_EAST_2');
  });

  it('stores an event published twice with the same id once', async () => {
    await ensureEventStream(nc);
    await ensureCursorConsumer(nc, site);
    const js = nc.jetstream();
    const before = await eventsBehind(nc, site);

    const first = await publishEvent(js, event('dup-1'));
    const second = await publishEvent(js, event('dup-1'));

    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    expect(await eventsBehind(nc, site)).toBe(before + 1);
  });

  it('reports no lag for a site whose cursor never ran', async () => {
    expect(await eventsBehind(nc, 'never-ran')).toBe(0);
  });

  it('delivers a published job to the shared pull consumer', async () => {
    await ensureJobStream(nc, site);
    const js = nc.jetstream();
    const job = newJob(site, 'group/app', SyncReason.SYNC_REASON_EVENT, 7);

    await publishJob(js, job);

    expect(await jobsWaiting(nc, site)).toBe(1);
    const consumer = await js.consumers.get(jobStreamName(site), WORKER_CONSUMER);
    const message = await consumer.next({ expires: 5_000 });
    expect(message).not.toBeNull();
    expect(decodeJob(message?.data ?? new Uint8Array())).toEqual(job);
    await message?.ackAck();
    expect(await jobsWaiting(nc, site)).toBe(0);
    expect(await jobsWaiting(nc, 'no-queue-yet')).toBe(0);
  });

  it('fails to publish with a PUBLISH_FAILED error when no stream takes the subject', async () => {
    const js = nc.jetstream();

    await expect(
      publishJob(js, newJob('nowhere', 'x', SyncReason.SYNC_REASON_EVENT)),
    ).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
  });
});
