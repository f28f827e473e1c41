import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from './registry-client.js';

// A registry offering the OCI 1.1 referrers API is not available as a local
// binary (CNCF Distribution 2.8 lacks it), so these answers are declared.
const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const subject = `sha256:${'a'.repeat(64)}`;
const referrer = (n: number) => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100 + n,
  artifactType: 'application/vnd.example.sbom',
});

describe('listReferrers', () => {
  it('collects the referrers of every page of the referrers index', async () => {
    const paths: string[] = [];
    const url = await serve((req, res) => {
      paths.push(req.url ?? '');
      const second = req.url?.includes('page=2');
      const headers: Record<string, string> = {
        'content-type': 'application/vnd.oci.image.index.v1+json',
      };
      if (!second) headers.link = `</v2/app/referrers/${subject}?page=2>; rel="next"`;
      res.writeHead(200, headers).end(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [referrer(second ? 2 : 1)],
        }),
      );
    });
    const client = new RegistryClient({ url });

    const referrers = await client.listReferrers('app', subject);
    await client.close();

    expect(referrers).toEqual([referrer(1), referrer(2)]);
    expect(paths).toEqual([`/v2/app/referrers/${subject}`, `/v2/app/referrers/${subject}?page=2`]);
  });

  it('fails on an answer that is not an index instead of reporting no referrers', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end('{"manifests": 3}'));
    const client = new RegistryClient({ url });

    const error = await client.listReferrers('app', subject).catch((e) => e);
    await client.close();

    expect(error.code).toBe('INVALID_RESPONSE');
  });

  it('asks a registry without the API once, however many manifests are looked up', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      res.writeHead(404).end('404 page not found');
    });
    const client = new RegistryClient({ url });

    const subjects = [1, 2, 3, 4, 5].map((n) => `sha256:${String(n).repeat(64)}`);
    const answers = await Promise.all(subjects.map((s) => client.listReferrers('app', s)));
    const later = await client.listReferrers('other', subject);
    await client.close();

    expect(answers).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(later).toBeUndefined();
    expect(requests).toBe(1);
  });

  it('asks again per manifest when the 404 names a registry error, not a missing route', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests += 1;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN' }] }));
    });
    const client = new RegistryClient({ url });

    await client.listReferrers('app', subject);
    const answer = await client.listReferrers('app', subject);
    await client.close();

    expect(answer).toBeUndefined();
    expect(requests).toBe(2);
  });

  it('fails on a refusal instead of reporting the API missing', async () => {
    const url = await serve((_req, res) => res.writeHead(403).end());
    const client = new RegistryClient({ url });

    const error = await client.listReferrers('app', subject).catch((e) => e);
    await client.close();

    expect(error.code).toBe('DENIED');
  });
});

describe('listTags', () => {
  it('fails on a 404 that does not say NAME_UNKNOWN instead of listing no tags', async () => {
    const url = await serve((_req, res) => res.writeHead(404).end('404 page not found'));
    const client = new RegistryClient({ url });

    const error = await client.listTags('app').catch((e) => e);
    await client.close();

    expect(error.code).toBe('NOT_FOUND');
  });
});
