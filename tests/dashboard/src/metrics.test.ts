import { join } from 'node:path';
import { type TempDir, tempDir, waitFor } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushToPrimary } from './images.js';
import { waitForState } from './site-state.js';
import { dumpServices, type SiteService, type Stack, startStack } from './stack.js';

/** One sample of a Prometheus text exposition: name, labels and value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];

  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      if (pair[1]) labels[pair[1]] = pair[2] ?? '';
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }

  return samples;
}

describe('metrics of every service after a replication', () => {
  let stack: Stack;
  let work: TempDir;

  /** The sum of `name`'s samples whose labels include `labels`, scraped from `service` now. */
  const scrape = async (
    service: SiteService,
    name: string,
    labels: Record<string, string> = {},
  ) => {
    const response = await fetch(stack.metricsUrls[service] ?? '');
    expect(response.status).toBe(200);
    return parseSamples(await response.text())
      .filter((sample) => sample.name === name)
      .filter((sample) => Object.entries(labels).every(([k, v]) => sample.labels[k] === v))
      .reduce((sum, sample) => sum + sample.value, 0);
  };

  beforeAll(async () => {
    work = await tempDir('geo-metrics-images-');
    stack = await startStack('metrics');
    await stack.startServices();

    await pushToPrimary(stack, join(work.path, 'app'), 'team/app', 'v1');
    await waitForState(stack, 'team/app', 'synced');
  });

  afterAll(async () => {
    if (stack && process.env.GEO_TEST_DUMP) console.log(dumpServices(stack));
    await stack?.stop();
    await work?.remove();
  });

  it('counts events received and published, and envelopes rejected by reason', async () => {
    const refused = await fetch(stack.ingestUrl, {
      method: 'POST',
      headers: {
        authorization: 'not-the-secret',
        'content-type': 'application/vnd.docker.distribution.events.v1+json',
      },
      body: '{"events":[]}',
    });
    await refused.arrayBuffer();

    expect(refused.status).toBe(401);
    expect(await scrape('notification-ingest', 'geo_ingest_events_received_total')).toBeGreaterThan(
      0,
    );
    expect(
      await scrape('notification-ingest', 'geo_ingest_events_published_total'),
    ).toBeGreaterThan(0);
    expect(
      await scrape('notification-ingest', 'geo_ingest_envelopes_rejected_total', {
        reason: 'unauthorized',
      }),
    ).toBe(1);
  });

  it('counts the jobs the cursor dispatched', async () => {
    expect(await scrape('event-log-cursor', 'geo_cursor_events_applied_total')).toBeGreaterThan(0);
    expect(await scrape('event-log-cursor', 'geo_cursor_jobs_dispatched_total')).toBeGreaterThan(0);
  });

  it('times syncs and counts the blobs and bytes copied', async () => {
    expect(
      await scrape('sync-worker', 'geo_sync_duration_seconds_count', { outcome: 'synced' }),
    ).toBeGreaterThan(0);
    expect(await scrape('sync-worker', 'geo_sync_blobs_copied_total')).toBeGreaterThan(0);
    expect(await scrape('sync-worker', 'geo_sync_bytes_copied_total')).toBeGreaterThan(1000);
  });

  it('observes the time from a push on the primary to the synced replica', async () => {
    const observed = await waitFor(
      async () => (await scrape('sync-worker', 'geo_push_to_replica_seconds_count')) > 0,
      { what: 'a push-to-replica observation', timeoutMs: 10_000 },
    );

    expect(observed).toBe(true);
  });

  it('counts tokens issued and refused', async () => {
    const url = `${stack.tokenRealm}?service=geo-primary&scope=repository:team/app:pull`;
    const refused = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from('pusher:wrong').toString('base64')}` },
    });
    await refused.arrayBuffer();

    expect(refused.status).toBe(401);
    expect(
      await scrape('token-issuer', 'geo_token_issuer_tokens_issued_total', { interface: 'grpc' }),
    ).toBeGreaterThan(0);
    expect(
      await scrape('token-issuer', 'geo_token_issuer_requests_refused_total', {
        interface: 'http',
      }),
    ).toBeGreaterThan(0);
  });

  it('reports the rows per state and the calls status answered', async () => {
    await waitFor(
      async () => (await scrape('status', 'geo_repositories', { state: 'synced' })) === 1,
      { what: 'the synced gauge to read 1' },
    );

    expect(await scrape('status', 'geo_repositories', { state: 'failed' })).toBe(0);
    expect(
      await scrape('status', 'geo_status_requests_total', { method: 'GetRepository', code: 'OK' }),
    ).toBeGreaterThan(0);
  });
});
