import { createServer, type Server } from 'node:http';
import { Registry } from 'prom-client';

/** One registry of metrics per process, served on `/metrics`. */
export const metricsRegistry = new Registry();

/** Serves `/metrics` on `host:port` until closed. */
export async function startMetricsServer(
  listen: { host: string; port: number },
  registry: Registry = metricsRegistry,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, resolve);
  });
  return server;
}
