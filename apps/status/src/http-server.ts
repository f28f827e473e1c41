import { createServer, type Server } from 'node:http';
import type { ListenAddress } from '@geo/config';
import type { SiteStatus } from '@geo/contracts';

/** A running HTTP server and the port it bound. */
export interface HttpServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves `GET /api/status` (the site status as JSON, camelCase, ISO times or
 * null) and `GET /healthz`. The dashboard will be added to this server.
 */
export async function startHttpServer(
  listen: ListenAddress,
  readStatus: () => Promise<SiteStatus>,
  onError: (error: unknown) => void,
): Promise<HttpServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://status').pathname;
    const send = (code: number, body: unknown) =>
      response
        .writeHead(code, { 'content-type': 'application/json; charset=utf-8' })
        .end(`${JSON.stringify(body)}\n`);

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, { error: 'method not allowed' });
      return;
    }

    if (path === '/healthz') {
      send(200, { status: 'ok' });
      return;
    }

    if (path !== '/api/status') {
      send(404, { error: 'not found' });
      return;
    }

    readStatus().then(
      (status) => send(200, siteStatusBody(status)),
      (error: unknown) => {
        onError(error);
        send(503, { error: 'status unavailable' });
      },
    );
  });

  const port = await listenOn(server, listen);
  return {
    port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The site status as the HTTP API shows it: unset times as null rather than absent. */
export function siteStatusBody(status: SiteStatus) {
  return {
    ...status,
    lastEventAt: status.lastEventAt?.toISOString() ?? null,
    lastSyncedAt: status.lastSyncedAt?.toISOString() ?? null,
  };
}

function listenOn(server: Server, listen: ListenAddress): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : listen.port);
    });
  });
}
