import { createServer, type Server } from 'node:http';
import type { ListenAddress } from '@geo/config';
import { type DashboardSource, route } from './dashboard-routes.js';

/** A running HTTP server and the port it bound. */
export interface HttpServer {
  port: number;
  stop(): Promise<void>;
}

// Everything the pages need is inline; nothing may load from elsewhere.
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; " +
    "base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const contentTypes = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Serves the read-only dashboard (`/`, `/repositories/NAME`), its JSON API
 * (`/api/status`, `/api/repositories[/NAME]`, camelCase, ISO times or null)
 * and `GET /healthz`.
 */
export async function startHttpServer(
  listen: ListenAddress,
  source: DashboardSource,
  onError: (error: unknown) => void,
): Promise<HttpServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://status');
    const send = (code: number, type: keyof typeof contentTypes, body: string) =>
      response
        .writeHead(code, { ...securityHeaders, 'content-type': contentTypes[type] })
        .end(body);

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, 'json', '{"error":"method not allowed"}\n');
      return;
    }

    if (url.pathname === '/healthz') {
      send(200, 'json', '{"status":"ok"}\n');
      return;
    }

    route(source, url).then(
      (answer) => {
        if (!answer) send(404, 'json', '{"error":"not found"}\n');
        else {
          if (answer.fault) onError(answer.fault);
          send(answer.code, answer.type, answer.body);
        }
      },
      (error: unknown) => {
        onError(error);
        send(500, 'json', '{"error":"internal error"}\n');
      },
    );
  });

  const port = await listenOn(server, listen);
  return {
    port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
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
