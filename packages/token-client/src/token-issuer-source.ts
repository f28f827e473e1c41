import { type IssueTokenResponse, TargetRegistry, TokenServiceClient } from '@geo/contracts';
import type { AccessScope, IssuedToken, TokenSource } from '@geo/registry-client';
import { credentials, Metadata } from '@grpc/grpc-js';
import { TokenClientError } from './errors.js';

/** Options of {@link tokenIssuerSource}. */
export interface TokenIssuerSourceOptions {
  client: TokenServiceClient;
  /** Presented as `authorization: Bearer <secret>`. */
  secret: string;
  site: string;
  target: TargetRegistry.TARGET_REGISTRY_PRIMARY | TargetRegistry.TARGET_REGISTRY_SECONDARY;
  deadlineMs?: number;
}

/** A gRPC client of the token-issuer at `target` (`host:port`), without TLS. */
export function connectTokenIssuer(target: string): TokenServiceClient {
  return new TokenServiceClient(target, credentials.createInsecure());
}

/**
 * Registry tokens from the token-issuer for one registry. The secret goes
 * in call metadata only; errors carry the gRPC status text, never the secret.
 */
export function tokenIssuerSource(options: TokenIssuerSourceOptions): TokenSource {
  const { client, secret, site, target } = options;

  return (scopes: AccessScope[]) =>
    new Promise<IssuedToken>((resolve, reject) => {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${secret}`);
      const deadline = Date.now() + (options.deadlineMs ?? 10_000);
      const request = {
        site,
        registry: target,
        scopes: scopes.map(({ type, name, actions }) => ({ type, name, actions })),
      };

      client.issueToken(request, metadata, { deadline }, (error, response) => {
        if (error) {
          const message = `token for ${TargetRegistry[target]}: ${error.details || error.message}`;
          reject(new TokenClientError('ISSUE_FAILED', message, error.code, { cause: error }));
          return;
        }
        resolve(issued(response));
      });
    });
}

function issued(response: IssueTokenResponse): IssuedToken {
  // Without an expiry, assume a minute: tokens live minutes, not hours.
  return { token: response.token, expiresAt: response.expiresAt ?? new Date(Date.now() + 60_000) };
}
