import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from './bearer-auth.js';
import { RegistryClient } from './registry-client.js';

const servers: Server[] = [];

async function serve(
  handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void,
) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const digest = `sha256:${'a'.repeat(64)}`;

describe('Transport', () => {
  it('refreshes an expired token after a 401 and retries the request once', async () => {
    const url = await serve((req, res) => {
      res.writeHead(req.headers.authorization === 'Bearer fresh' ? 200 : 401).end('{}');
    });
    const tokens = ['stale', 'fresh'];
    const auth = bearerAuth(async () => ({
      token: tokens.shift() ?? 'none',
      expiresAt: new Date(Date.now() + 600_000),
    }));
    const client = new RegistryClient({ url, auth });

    await expect(client.ping()).resolves.toBeUndefined();
    await client.close();
  });

  it('gives up with UNAUTHORIZED when the fresh token is refused too', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'no' }] }));
    });
    const auth = bearerAuth(async () => ({
      token: 'secret-token',
      expiresAt: new Date(Date.now() + 600_000),
    }));
    const client = new RegistryClient({ url, auth });

    const error = await client.ping().catch((e) => e);
    await client.close();

    expect(requests).toBe(2);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.registryCodes).toEqual(['UNAUTHORIZED']);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('secret-token');
  });

  it('follows a blob redirect to another host without sending credentials there', async () => {
    const seen: Array<string | undefined> = [];
    const storage = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-length': '5' }).end('hello');
    });
    const url = await serve((_req, res) => {
      res.writeHead(307, { location: `${storage}/bucket/blob?signature=s3cr3t` }).end();
    });
    const client = new RegistryClient({
      url,
      auth: { authorization: async () => 'Bearer registry-token', invalidate: () => undefined },
    });

    const blob = await client.getBlobStream('app', digest);
    const chunks: Buffer[] = [];
    for await (const chunk of blob.stream) chunks.push(chunk as Buffer);
    await client.close();

    expect(Buffer.concat(chunks).toString()).toBe('hello');
    expect(seen).toEqual([undefined]);
  });

  it('keeps the connection open after a HEAD', async () => {
    const connections = new Set<unknown>();
    const url = await serve((req, res) => {
      connections.add(req.socket);
      res.writeHead(200, { 'docker-content-digest': digest, 'content-length': '2' });
      res.end(req.method === 'HEAD' ? undefined : '{}');
    });
    const client = new RegistryClient({ url, connections: 1 });

    for (let i = 0; i < 5; i += 1) await client.hasBlob('app', digest);
    await client.close();

    expect(connections.size).toBe(1);
  });

  it('says whether the digest of a stored manifest came from the registry', async () => {
    const bytes = Buffer.from('{"schemaVersion":2}');
    const named = `sha256:${'b'.repeat(64)}`;
    const url = await serve((req, res) => {
      req.resume();
      const headers = req.url?.includes('/named') ? { 'docker-content-digest': named } : undefined;
      req.on('end', () => res.writeHead(201, headers).end());
    });
    const client = new RegistryClient({ url });
    const mediaType = 'application/vnd.oci.image.manifest.v1+json';

    const fromRegistry = await client.putManifest('named', 'v1', bytes, mediaType);
    const computed = await client.putManifest('silent', 'v1', bytes, mediaType);
    await client.close();

    expect(fromRegistry).toEqual({ digest: named, reported: true });
    expect(computed.reported).toBe(false);
    expect(computed.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it('refuses a tag list answered 200 without a tags field, never reading it as empty', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access denied' }] }));
    });
    const client = new RegistryClient({ url });

    const error = await client.listTags('team/app').catch((e) => e);
    await client.close();

    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/no tags array/);
  });

  it('reads a tag list whose tags are null as a repository without tags', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'team/app', tags: null }));
    });
    const client = new RegistryClient({ url });

    const tags = await client.listTags('team/app');
    await client.close();

    expect(tags).toEqual([]);
  });

  it('reports a refused connection as NETWORK', async () => {
    const url = await serve((_req, res) => res.end());
    servers.pop()?.close();
    await new Promise((r) => setTimeout(r, 50));
    const client = new RegistryClient({ url });

    const error = await client.ping().catch((e) => e);
    await client.close();

    expect(error.code).toBe('NETWORK');
  });
});
