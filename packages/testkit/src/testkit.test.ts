import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, skopeoCopy, skopeoInspectRaw } from './images.js';
import { startNats } from './nats.js';
import { createDatabase } from './postgres.js';
import { type Registry, startRegistry } from './registry.js';
import { tempDir } from './temp-dir.js';

describe('testkit', () => {
  let registry: Registry;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('starts a registry that accepts an image built with umoci and pushed by skopeo', async () => {
    const dir = await tempDir();
    const image = await buildImage({ layout: `${dir.path}/layout`, tag: 'v1' });

    await skopeoCopy(image.reference, `docker://${registry.host}/a/b:v1`);

    const manifest = JSON.parse(await skopeoInspectRaw(`docker://${registry.host}/a/b:v1`));
    expect(manifest.layers).toHaveLength(1);
    await dir.remove();
  });

  it('starts nats-server with JetStream and stops it', async () => {
    const nats = await startNats();
    expect(nats.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    await nats.stop();
  });

  it('creates a database that can be used and dropped', async () => {
    const database = await createDatabase();
    const sql = postgres(database.url, { max: 1 });
    const [row] = await sql`select 1 as one`;
    await sql.end();
    await database.drop();
    expect(row?.one).toBe(1);
  });
});
