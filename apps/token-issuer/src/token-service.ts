import { secretMatches } from '@geo/config';
import type { TokenServiceServer } from '@geo/contracts';
import type { Logger } from '@geo/telemetry';
import { mintToken, type SigningKey } from '@geo/tokens';
import type { Metadata } from '@grpc/grpc-js';
import { IssuerError } from './errors.js';
import { grantForSite, type SitePolicy } from './grant-for-site.js';
import { toGrpcError } from './grpc-status.js';
import type { IssuerMetrics } from './issuer-metrics.js';

/** What the gRPC token service needs. */
export interface TokenServiceOptions {
  key: SigningKey;
  issuer: string;
  policy: SitePolicy;
  /** The bearer secret callers present. */
  secret: string;
  /** Send the signing key's certificate as `x5c`. */
  x5c?: boolean;
  ttlSeconds: number;
  metrics: IssuerMetrics;
  logger: Logger;
}

function bearerOf(metadata: Metadata): string | undefined {
  const value = metadata.get('authorization')[0];
  if (typeof value !== 'string') return undefined;

  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match?.[1];
}

/**
 * The `TokenService` implementation: checks the bearer secret in constant
 * time, applies the site policy, and mints the token.
 */
export function createTokenService(options: TokenServiceOptions): TokenServiceServer {
  const { key, issuer, policy, secret, x5c, ttlSeconds, metrics, logger } = options;

  return {
    issueToken(call, callback) {
      const request = call.request;

      const issue = async () => {
        if (!secretMatches(bearerOf(call.metadata), secret)) {
          throw new IssuerError('UNAUTHENTICATED', 'missing or wrong bearer secret', request.site);
        }

        const grant = grantForSite(request, policy);
        const minted = await mintToken({ key, issuer, ttlSeconds, x5c, ...grant });
        metrics.issued.inc({ interface: 'grpc', service: grant.audience });
        logger.debug(
          { site: request.site, service: grant.audience, granted: grant.access },
          'issued',
        );
        return {
          token: minted.token,
          expiresAt: minted.expiresAt,
          granted: grant.access.map(({ type, name, actions }) => ({ type, name, actions })),
          service: grant.audience,
        };
      };

      issue().then(
        (response) => callback(null, response),
        (error: unknown) => {
          const reason = error instanceof IssuerError ? error.code : 'INTERNAL';
          metrics.refused.inc({ interface: 'grpc', reason });
          if (reason === 'INTERNAL')
            logger.error({ err: error, site: request.site }, 'issue failed');
          else logger.info({ site: request.site, reason }, 'token request refused');
          callback(toGrpcError(error), null);
        },
      );
    },
  };
}
