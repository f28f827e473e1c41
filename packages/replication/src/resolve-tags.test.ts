import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from '@geo/registry-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';
import { resolveTags } from './resolve-tags.js';

// Declared answers: a real registry always names the unknown manifest, so
// only a stand-in shows the engine does not take a bare 404 for "gone".
let server: Server;
let client: RegistryClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    const known = req.url?.endsWith('/manifests/gone');
    if (known && req.method === 'GET') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN' }] }));
      return;
    }
    res.writeHead(404).end(req.method === 'GET' ? '404 page not found' : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new RegistryClient({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await client?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('resolveTags', () => {
  it('takes a tag for gone only when the registry names it unknown', async () => {
    const result = await resolveTags(client, 'app', ['gone', 'proxied'], createLimiter(2));

    expect([...result.vanished]).toEqual(['gone']);
    expect([...result.failed.keys()]).toEqual(['proxied']);
  });
});
