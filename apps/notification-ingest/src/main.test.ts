import { randomUUID } from 'node:crypto';
import { RegistryAction } from '@geo/contracts';
import {
  freePort,
  type NatsServer,
  serviceMain,
  startNats,
  startProcess,
  tempDir,
  waitFor,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeBody, notificationEvent } from './envelope.test-helpers.js';
import {
  type IngestService,
  postEnvelope,
  SECRET,
  startIngest,
  storedEvents,
} from './service.test-helpers.js';

describe('notification-ingest with JetStream running', () => {
  let nats: NatsServer;
  let ingest: IngestService;
  let metricsUrl: string;

  beforeAll(async () => {
    nats = await startNats();
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    ingest = await startIngest(nats.url, {
      GEO_INGEST_MAX_BODY_BYTES: '65536',
      GEO_METRICS_LISTEN: `127.0.0.1:${metricsPort}`,
    });
    await waitFor(async () => (await fetch(`${ingest.url}/healthz`)).ok, {
      what: 'the service to reach NATS',
    });
  });

  afterAll(async () => {
    await ingest?.process.stop();
    await nats?.stop();
  });

  it('stores a tagged manifest push and answers 200', async () => {
    const id = randomUUID();
    const before = Date.now();

    const answer = await postEnvelope(ingest, envelopeBody(notificationEvent({ id, tag: 'v1' })));

    expect(answer).toEqual({ status: 200, json: { published: 1, dropped: 0 } });
    const stored = (await storedEvents(nats.url)).find((event) => event.id === id);
    expect(stored).toMatchObject({
      action: RegistryAction.REGISTRY_ACTION_PUSH,
      repository: 'group/app',
      tag: 'v1',
      occurredAt: new Date('2024-05-01T10:20:30.123Z'),
      sourceInstance: 'instance-1',
    });
    expect(stored?.receivedAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('accepts application/json with parameters as well', async () => {
    const id = randomUUID();

    const answer = await postEnvelope(ingest, envelopeBody(notificationEvent({ id })), {
      'content-type': 'Application/JSON; charset=utf-8',
    });

    expect(answer.status).toBe(200);
    expect((await storedEvents(nats.url)).map((event) => event.id)).toContain(id);
  });

  it('stores one event when the same envelope is delivered twice', async () => {
    const id = randomUUID();
    const body = envelopeBody(notificationEvent({ id }));

    const first = await postEnvelope(ingest, body);
    const second = await postEnvelope(ingest, body);

    expect([first.status, second.status]).toEqual([200, 200]);
    const stored = (await storedEvents(nats.url)).filter((event) => event.id === id);
    expect(stored).toHaveLength(1);
  });

  it('answers 200 but stores nothing for pulls and blob pushes', async () => {
    const count = (await storedEvents(nats.url)).length;
    const pull = notificationEvent({ action: 'pull' });
    const blob = notificationEvent({ tag: undefined, mediaType: 'application/octet-stream' });

    const answer = await postEnvelope(ingest, envelopeBody(pull, blob));

    expect(answer).toEqual({ status: 200, json: { published: 0, dropped: 2 } });
    expect(await storedEvents(nats.url)).toHaveLength(count);
  });

  it('refuses a wrong or missing Authorization with 401 and stores nothing', async () => {
    const count = (await storedEvents(nats.url)).length;
    const body = envelopeBody(notificationEvent());

    const wrong = await postEnvelope(ingest, body, { authorization: `${SECRET}x` });
    const missing = await fetch(ingest.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('unauthorized');
    expect(missing.status).toBe(401);
    expect(await storedEvents(nats.url)).toHaveLength(count);
  });

  it('answers 400 naming the event and field of a malformed envelope', async () => {
    const broken = notificationEvent();
    delete (broken.target as Record<string, unknown>).repository;

    const notJson = await postEnvelope(ingest, 'not json');
    const noEvents = await postEnvelope(ingest, '{"hello": "world"}');
    const badEvent = await postEnvelope(ingest, envelopeBody(notificationEvent(), broken));

    expect(notJson).toMatchObject({ status: 400, json: { reason: 'body is not JSON' } });
    expect(noEvents).toMatchObject({ status: 400, json: { reason: 'events is required' } });
    expect(badEvent).toEqual({
      status: 400,
      json: {
        error: 'invalid_envelope',
        reason: 'events[1].target.repository is required',
        index: 1,
        field: 'events[1].target.repository',
      },
    });
  });

  it('answers 415 to a body that is not JSON by its content type', async () => {
    const answer = await postEnvelope(ingest, envelopeBody(notificationEvent()), {
      'content-type': 'text/plain',
    });

    expect(answer.status).toBe(415);
    expect(answer.json.error).toBe('unsupported_media_type');
  });

  it('answers 413 to a body over the configured limit', async () => {
    const events = Array.from({ length: 200 }, () => notificationEvent());

    const answer = await postEnvelope(ingest, envelopeBody(...events));

    expect(answer.status).toBe(413);
    expect(answer.json.reason).toBe('body exceeds 65536 bytes');
  });

  it('counts received, published, dropped and rejected events on /metrics', async () => {
    const text = await (await fetch(metricsUrl)).text();

    expect(text).toMatch(/geo_ingest_events_published_total\{action="push"\} [1-9]/);
    expect(text).toMatch(
      /geo_ingest_events_dropped_total\{action="pull",reason="ignored_action"\} 1/,
    );
    expect(text).toMatch(/geo_ingest_envelopes_rejected_total\{reason="unauthorized"\} 2/);
  });

  it('never writes the secret to its log', () => {
    expect(ingest.process.output()).toContain('"msg":"ready"');
    expect(ingest.process.output()).not.toContain(SECRET);
  });
});

describe('notification-ingest without JetStream', () => {
  it('answers 503 once NATS has stopped, so the registry retries', async () => {
    const nats = await startNats();
    const ingest = await startIngest(nats.url);
    await waitFor(async () => (await fetch(`${ingest.url}/healthz`)).ok, { what: 'NATS' });

    await nats.stop();
    const answer = await postEnvelope(ingest, envelopeBody(notificationEvent()));
    const health = await fetch(`${ingest.url}/healthz`);

    expect(answer).toMatchObject({ status: 503, json: { error: 'unavailable' } });
    expect(health.status).toBe(503);
    await ingest.process.stop();
  });

  it('listens while NATS is down at start and stores events once it comes up', async () => {
    const port = await freePort();
    const store = await tempDir('geo-ingest-nats-');
    const natsUrl = `nats://127.0.0.1:${port}`;
    const ingest = await startIngest(natsUrl);
    const body = envelopeBody(notificationEvent());

    const early = await postEnvelope(ingest, body);
    const server = startProcess(
      'nats-server',
      ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store.path],
      { name: `nats:${port}` },
    );
    await waitFor(async () => (await fetch(`${ingest.url}/healthz`)).ok, {
      what: 'the service to connect to the late NATS',
    });
    const late = await postEnvelope(ingest, body);

    expect(early.status).toBe(503);
    expect(late.status).toBe(200);
    expect(await storedEvents(natsUrl)).toHaveLength(1);
    await ingest.process.stop();
    await server.stop();
    await store.remove();
  });

  it('exits with status 2 naming a missing GEO_NOTIFICATION_SECRET', async () => {
    const service = startProcess(process.execPath, [serviceMain('notification-ingest')], {
      name: 'notification-ingest',
      env: { PATH: process.env.PATH, GEO_INGEST_LISTEN: '127.0.0.1:0', NATS_URL: 'nats://x:1' },
    });

    expect(await service.exited()).toBe(2);
    expect(service.output()).toContain('GEO_NOTIFICATION_SECRET is required');
  });
});
