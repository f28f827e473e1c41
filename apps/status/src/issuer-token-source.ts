import type { TargetRegistry, TokenServiceClient } from '@geo/contracts';
import type { IssuedToken, TokenSource } from '@geo/registry-client';
import { Metadata } from '@grpc/grpc-js';

/** How status reaches the site's token-issuer. */
export interface TokenIssuerAccess {
  client: TokenServiceClient;
  /** Presented as `authorization: Bearer <secret>`; never logged or reported. */
  secret: string;
  /** Where the token-issuer listens, for messages. */
  target: string;
}

/**
 * Tokens for the site from its token-issuer, for one registry. A failure
 * says what the token-issuer answered, without the secret.
 */
export function issuerTokenSource(
  access: TokenIssuerAccess,
  site: string,
  registry: TargetRegistry,
): TokenSource {
  return (scopes) =>
    new Promise<IssuedToken>((resolve, reject) => {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${access.secret}`);
      const request = {
        site,
        registry,
        scopes: scopes.map(({ type, name, actions }) => ({ type, name, actions })),
      };

      access.client.issueToken(request, metadata, { deadline: Date.now() + 10_000 }, (e, r) => {
        if (e) {
          const reason = e.details.replace(/\s*Resolution note:\s*$/, '') || e.message;
          reject(new Error(`the token-issuer at ${access.target} issued no token: ${reason}`));
          return;
        }
        resolve({ token: r.token, expiresAt: r.expiresAt ?? new Date(Date.now() + 60_000) });
      });
    });
}
