import { randomBytes } from 'node:crypto';
import { type JWTHeaderParameters, SignJWT } from 'jose';
import { TokenRequestError } from './errors.js';
import type { SigningKey } from './load-signing-key.js';
import type { AccessScope } from './scope.js';

/** Lifetime of a token when none is asked for. */
export const defaultTokenTtlSeconds = 300;

/** The longest lifetime a token may have: registry tokens live minutes, not hours. */
export const maxTokenTtlSeconds = 3600;

/** How far `nbf` lies before `iat`, so that registries with a clock slightly behind accept it. */
export const notBeforeSkewSeconds = 5;

/** What {@link mintToken} needs. */
export interface MintTokenOptions {
  key: SigningKey;
  /** `iss`: must equal the registry's `auth.token.issuer`. */
  issuer: string;
  /** `aud`: must equal the registry's `auth.token.service`. */
  audience: string;
  /** `sub`: who the token is for. */
  subject: string;
  access: AccessScope[];
  /** Default {@link defaultTokenTtlSeconds}; longer asks are cut to {@link maxTokenTtlSeconds}. */
  ttlSeconds?: number;
  /**
   * Send the key's certificate as `x5c`. CNCF Distribution then trusts the
   * token when the certificate chains to its `rootcertbundle`, and ignores `kid`.
   */
  x5c?: boolean;
  now?: Date;
}

/** A signed token and the times it was issued and expires, to the second. */
export interface MintedToken {
  token: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** The `access` claim entry of a scope; `class` is omitted when absent, as registries expect. */
function accessEntry(scope: AccessScope): AccessScope {
  const entry: AccessScope = { type: scope.type, name: scope.name, actions: scope.actions };
  if (scope.class) entry.class = scope.class;
  return entry;
}

/**
 * Signs a Docker registry token: a JWT with the key's libtrust `kid`, `iss`,
 * `sub`, `aud` (a single string, which CNCF Distribution 2.8 requires), `iat`,
 * `nbf` a few seconds back, `exp`, a random `jti`, and the `access` claim.
 */
export async function mintToken(options: MintTokenOptions): Promise<MintedToken> {
  const ttl = Math.min(options.ttlSeconds ?? defaultTokenTtlSeconds, maxTokenTtlSeconds);
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new TokenRequestError('the lifetime must be a positive whole number of seconds');
  }

  if (!options.issuer || !options.audience || !options.subject) {
    throw new TokenRequestError('issuer, audience and subject must not be empty');
  }

  const certificate = options.key.certificate;
  if (options.x5c && !certificate) {
    throw new TokenRequestError('x5c needs the certificate of the signing key');
  }

  const header: JWTHeaderParameters = {
    alg: options.key.algorithm,
    typ: 'JWT',
    kid: options.key.keyId,
  };
  if (options.x5c && certificate) header.x5c = [certificate.raw.toString('base64')];

  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + ttl;
  const token = await new SignJWT({ access: options.access.map(accessEntry) })
    .setProtectedHeader(header)
    .setIssuer(options.issuer)
    .setSubject(options.subject)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - notBeforeSkewSeconds)
    .setExpirationTime(expiresAt)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(options.key.privateKey);

  return { token, issuedAt: new Date(issuedAt * 1000), expiresAt: new Date(expiresAt * 1000) };
}
