import { type Database, openDatabase } from '@geo/db';
import {
  createDatabase,
  freePort,
  type ManagedProcess,
  type NatsServer,
  startNats,
  startService,
  type TestDatabase,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRow } from './seed-rows.test-helpers.js';

const site = 'south';

describe('dashboard and JSON API over HTTP', () => {
  let database: TestDatabase;
  let nats: NatsServer;
  let service: ManagedProcess;
  let db: Database;
  let closeDb: () => Promise<void>;
  let base: string;

  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { response, text: await response.text() };
  };

  beforeAll(async () => {
    [database, nats] = await Promise.all([createDatabase(), startNats()]);
    const [grpc, http] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${http}`;
    service = await startService('status', {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      GEO_SITE: site,
      GEO_REPLICATION_ENABLED: 'true',
      GEO_SECONDARY_REGISTRY_URL: 'http://127.0.0.1:5000',
      GEO_STATUS_LISTEN: `127.0.0.1:${grpc}`,
      GEO_STATUS_HTTP_LISTEN: `127.0.0.1:${http}`,
    });
    ({ db, close: closeDb } = openDatabase(database.url, { max: 2 }));
    await seedRow(db, site, 'team/ok', 'synced', 1);
    await seedRow(db, site, 'team/broken', 'failed', 2, 'v1: <script>alert(1)</script>');
  });

  afterAll(async () => {
    await closeDb?.();
    await service?.stop();
    await nats?.stop();
    await database?.drop();
  });

  it('shows the failing repository with its reason escaped, and forbids outside content', async () => {
    const { response, text } = await get('/');

    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(text).toContain('data-repository="team/broken"');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).toMatch(/data-state="failed" data-count="1"/);
  });

  it('searches by name and state, and shows a repository with its attempts', async () => {
    const search = await get('/?q=team&state=synced');
    const detail = await get('/repositories/team/broken');

    expect(search.text).toContain('data-repository="team/ok"');
    expect(search.text).not.toMatch(/id="results"[\s\S]*team\/broken/);
    expect(detail.text).toContain('id="history"');
    expect(detail.text).toContain('seed-worker');
    expect(detail.text).toContain('<th>Blobs copied</th>\n<th>Blobs mounted</th>');
    expect(detail.text).toMatch(/<td>seed-worker<\/td>\n<td>3<\/td><td>2<\/td>/);
  });

  it('lists and returns repositories as JSON with state words', async () => {
    const list = JSON.parse((await get('/api/repositories?state=failed')).text);
    const one = JSON.parse((await get('/api/repositories/team/broken')).text);

    expect(list.repositories.map((r: { name: string }) => r.name)).toEqual(['team/broken']);
    expect(list.nextPageToken).toBeNull();
    expect(one).toMatchObject({
      name: 'team/broken',
      state: 'failed',
      failedTags: [{ tag: 'v1' }],
    });
    expect(one.attempts[0]).toMatchObject({
      outcome: 'failed',
      worker: 'seed-worker',
      blobsCopied: 3,
      blobsMounted: 2,
    });
  });

  it('answers 404 for an unknown repository and 400 for an unknown state', async () => {
    expect((await get('/repositories/team/missing')).response.status).toBe(404);
    expect((await get('/api/repositories/team/missing')).response.status).toBe(404);
    expect((await get('/api/repositories?state=broken')).response.status).toBe(400);
  });
});
