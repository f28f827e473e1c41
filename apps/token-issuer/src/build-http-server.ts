import type { Logger } from '@geo/telemetry';
import {
  type AccessScope,
  type Accounts,
  authenticate,
  grantFor,
  mintToken,
  parseScopes,
  ScopeSyntaxError,
  type SigningKey,
} from '@geo/tokens';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { basicCredentials } from './basic-credentials.js';
import type { IssuerMetrics } from './issuer-metrics.js';

/** The path of the Docker token endpoint, as registries' `auth.token.realm` name it. */
export const TOKEN_PATH = '/jwt/auth';

/** The realm of the basic-auth challenge. */
export const BASIC_REALM = 'geo-token-issuer';

/** Options of {@link buildHttpServer}. */
export interface HttpServerOptions {
  key: SigningKey;
  issuer: string;
  /** Every service (token `aud`) a client may ask for. */
  services: string[];
  /** Who may log in; without accounts every login is refused. */
  accounts: Accounts | undefined;
  /** Send the signing key's certificate as `x5c`. */
  x5c?: boolean;
  ttlSeconds: number;
  metrics: IssuerMetrics;
  logger: Logger;
}

interface TokenQuery {
  service?: string;
  scope?: string | string[];
  account?: string;
}

function refuse(reply: FastifyReply, status: 400 | 401, code: string, message: string) {
  if (status === 401) reply.header('www-authenticate', `Basic realm="${BASIC_REALM}"`);
  return reply.code(status).send({ errors: [{ code, message }] });
}

function scopesOf(query: TokenQuery): AccessScope[] {
  const values = query.scope === undefined ? [] : [query.scope].flat();
  return values.flatMap((value) => parseScopes(value));
}

/**
 * Builds the Docker token endpoint (`GET /jwt/auth?service=…&scope=…`): HTTP
 * basic authentication against the accounts, then a token granting what was
 * asked and the account allows. The `Authorization` header is never logged.
 */
export function buildHttpServer(options: HttpServerOptions): FastifyInstance {
  const { key, issuer, services, accounts, x5c, ttlSeconds, metrics, logger } = options;
  const app = Fastify({ logger: false, return503OnClosing: true });

  app.get<{ Querystring: TokenQuery }>(TOKEN_PATH, async (request, reply) => {
    const query = request.query;
    const service = query.service;
    if (typeof service !== 'string' || !services.includes(service)) {
      metrics.refused.inc({ interface: 'http', reason: 'UNKNOWN_SERVICE' });
      return refuse(reply, 400, 'INVALID_REQUEST', 'service is missing or not served here');
    }

    let requested: AccessScope[];
    try {
      requested = scopesOf(query);
    } catch (error) {
      if (!(error instanceof ScopeSyntaxError)) throw error;
      metrics.refused.inc({ interface: 'http', reason: error.code });
      return refuse(reply, 400, 'INVALID_REQUEST', error.message);
    }

    const credentials = basicCredentials(request.headers.authorization);
    const account = credentials
      ? await authenticate(accounts, credentials.name, credentials.password)
      : undefined;
    const accountMatches = query.account === undefined || query.account === account?.name;
    if (!account || !accountMatches) {
      metrics.refused.inc({ interface: 'http', reason: 'UNAUTHENTICATED' });
      logger.info({ account: credentials?.name ?? null, service }, 'login refused');
      return refuse(reply, 401, 'UNAUTHORIZED', 'authentication required');
    }

    const access = grantFor(account, requested);
    const minted = await mintToken({
      key,
      issuer,
      audience: service,
      subject: account.name,
      access,
      ttlSeconds,
      x5c,
    });
    metrics.issued.inc({ interface: 'http', service });
    logger.debug({ account: account.name, service, granted: access }, 'issued');

    const expiresIn = (minted.expiresAt.getTime() - minted.issuedAt.getTime()) / 1000;
    return reply.header('cache-control', 'no-store').send({
      token: minted.token,
      access_token: minted.token,
      expires_in: expiresIn,
      issued_at: minted.issuedAt.toISOString(),
    });
  });

  return app;
}
