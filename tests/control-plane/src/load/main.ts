import { randomUUID } from 'node:crypto';
import { OCI_MANIFEST } from '@geo/registry-client';
import { connectNats, eventsBehind, jobStreamName } from '@geo/stream';
import { waitFor } from '@geo/testkit';
import { type Stack, startStack } from '../stack.js';

/**
 * Load generator: how many events per second notification-ingest accepts
 * with durable acknowledgement (HTTP 200 only after JetStream stored them),
 * and how many sync jobs per second the cursor dispatches from them.
 * `node dist/load/main.js [events] [repositories] [parallel requests]`.
 */
const events = Number(process.argv[2] ?? 5_000);
const repositories = Number(process.argv[3] ?? events);
const parallel = Number(process.argv[4] ?? 16);
const perEnvelope = 10;

async function post(stack: Stack, offset: number): Promise<void> {
  const batch = Array.from({ length: perEnvelope }, (_, i) => ({
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    action: 'push',
    target: {
      mediaType: OCI_MANIFEST,
      digest: `sha256:${'c'.repeat(64)}`,
      repository: `load/repo-${(offset + i) % repositories}`,
      tag: 'latest',
    },
  }));
  const response = await fetch(stack.ingestUrl, {
    method: 'POST',
    headers: {
      authorization: stack.notificationSecret,
      'content-type': 'application/vnd.docker.distribution.events.v1+json',
    },
    body: JSON.stringify({ events: batch }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
}

async function ingestPhase(stack: Stack): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < events) {
        const offset = next;
        next += perEnvelope;
        await post(stack, offset);
      }
    }),
  );
  return events / ((performance.now() - started) / 1000);
}

async function cursorPhase(stack: Stack): Promise<{ jobsPerSecond: number; jobs: number }> {
  const nc = await connectNats([stack.nats.url], 'load-generator');
  const started = performance.now();
  await stack.start('event-log-cursor');
  await waitFor(async () => (await eventsBehind(nc, stack.site)) === 0, {
    what: 'the cursor to apply every event',
    timeoutMs: 600_000,
    intervalMs: 100,
  });
  const seconds = (performance.now() - started) / 1000;

  const jsm = await nc.jetstreamManager();
  const jobs = (await jsm.streams.info(jobStreamName(stack.site))).state.messages;
  await nc.close();
  return { jobsPerSecond: jobs / seconds, jobs };
}

const stack = await startStack({
  services: ['token-issuer', 'notification-ingest'],
  env: {
    'event-log-cursor': {
      GEO_SITE_CAPACITY: String(events * 2),
      GEO_CURSOR_BACKFILL: 'false',
      LOG_LEVEL: 'info',
    },
    'notification-ingest': { LOG_LEVEL: 'info' },
  },
});
try {
  const eventsPerSecond = await ingestPhase(stack);
  const cursor = await cursorPhase(stack);
  console.log(
    JSON.stringify({
      events,
      repositories,
      parallelRequests: parallel,
      eventsPerEnvelope: perEnvelope,
      ingestEventsPerSecond: Math.round(eventsPerSecond),
      cursorJobs: cursor.jobs,
      cursorJobsPerSecond: Math.round(cursor.jobsPerSecond),
    }),
  );
} finally {
  await stack.stop();
}
