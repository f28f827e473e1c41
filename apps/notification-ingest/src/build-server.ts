import { secretMatches } from '@geo/config';
import type { Logger } from '@geo/telemetry';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { EventPublisher } from './event-publisher.js';
import type { IngestMetrics, RejectReason } from './ingest-metrics.js';
import { receiveEnvelope } from './receive-envelope.js';

/** The path registries of existing installations already post to. */
export const EVENTS_PATH = '/api/v4/container_registry_event/events';

/** Content types an envelope may come with; parameters such as `charset` are allowed. */
export const ENVELOPE_CONTENT_TYPES = [
  'application/vnd.docker.distribution.events.v1+json',
  'application/json',
];

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** The shared secret the `Authorization` header must equal. */
  secret: string;
  maxBodyBytes: number;
  publisher: EventPublisher;
  metrics: IngestMetrics;
  logger: Logger;
}

function refuse(reply: FastifyReply, status: number, error: RejectReason, reason: string) {
  return reply.code(status).send({ error, reason });
}

/**
 * Builds the HTTP server: the notification endpoint and `/healthz`. The
 * secret is checked before the body is read, so an unauthorised sender
 * costs nothing and is never recorded.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { secret, maxBodyBytes, publisher, metrics, logger } = options;
  const app = Fastify({ logger: false, bodyLimit: maxBodyBytes, return503OnClosing: true });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(ENVELOPE_CONTENT_TYPES, { parseAs: 'string' }, (_, body, done) =>
    done(null, body),
  );

  app.setErrorHandler((error: FastifyError, _, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      metrics.rejected.inc({ reason: 'body_too_large' });
      return refuse(reply, 413, 'body_too_large', `body exceeds ${maxBodyBytes} bytes`);
    }
    if (status === 415) {
      metrics.rejected.inc({ reason: 'unsupported_media_type' });
      const reason = `Content-Type must be ${ENVELOPE_CONTENT_TYPES.join(' or ')}`;
      return refuse(reply, 415, 'unsupported_media_type', reason);
    }
    if (status >= 400 && status < 500) {
      metrics.rejected.inc({ reason: 'bad_request' });
      return refuse(reply, status, 'bad_request', error.message);
    }

    logger.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', reason: 'internal error' });
  });

  app.post(EVENTS_PATH, {
    onRequest: async (request, reply) => {
      if (secretMatches(request.headers.authorization, secret)) return;

      metrics.rejected.inc({ reason: 'unauthorized' });
      logger.warn({ remote: request.ip }, 'notification refused: wrong Authorization');
      return refuse(reply, 401, 'unauthorized', 'Authorization does not match the secret');
    },
    handler: async (request, reply) => {
      const body = typeof request.body === 'string' ? request.body : undefined;
      const answer = await receiveEnvelope(body, { publisher, metrics, logger });
      return reply.code(answer.status).send(answer.body);
    },
  });

  app.get('/healthz', async (_, reply) => {
    const up = publisher.isAvailable();
    return reply.code(up ? 200 : 503).send({ status: up ? 'ok' : 'nats unavailable' });
  });

  return app;
}
