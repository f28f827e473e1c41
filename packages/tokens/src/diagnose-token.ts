import type { X509Certificate } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { intersectActions } from './intersect-actions.js';
import { libtrustKeyId } from './libtrust-key-id.js';
import { type AccessScope, formatScope } from './scope.js';
import { trustedKeyOf } from './trusted-key-of.js';

/** Why a registry would refuse a token; stable across releases. */
export type TokenProblemCode =
  | 'MALFORMED'
  | 'ISSUER_MISMATCH'
  | 'SERVICE_MISMATCH'
  | 'UNTRUSTED_KEY'
  | 'BAD_SIGNATURE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'SCOPE_MISSING'
  | 'REJECTED';

/** One reason, with a sentence for operators that says what to change. */
export interface TokenProblem {
  code: TokenProblemCode;
  message: string;
}

/** What the registry is known to expect; each check is skipped when its input is absent. */
export interface DiagnoseTokenOptions {
  /** The certificates of the registry's `auth.token.rootcertbundle`. */
  trustedCertificates?: X509Certificate[];
  /** The registry's `auth.token.issuer`. */
  issuer?: string;
  /** The registry's `auth.token.service`. */
  service?: string;
  /** Scopes the request needs, e.g. `repository:app:push`. */
  required?: AccessScope[];
  /** How far past `exp` or before `nbf` the registry still accepts (Distribution: 60 s). */
  leewaySeconds?: number;
  now?: Date;
}

/** What a token says about itself; never its signature. */
export interface TokenClaims {
  issuer?: string;
  audience: string[];
  subject?: string;
  keyId?: string;
  /** Whether the token carries its certificate chain (`x5c`). */
  hasX5c: boolean;
  issuedAt?: Date;
  notBefore?: Date;
  expiresAt?: Date;
  access: AccessScope[];
}

/** The outcome of {@link diagnoseToken}: no problems means a registry should accept it. */
export interface TokenDiagnosis {
  problems: TokenProblem[];
  /** Checks left out for want of input: `signature`, `issuer`, `service`, `scope`. */
  unchecked: string[];
  claims?: TokenClaims;
}

/** Distribution 2.8 allows this much clock skew on `exp` and `nbf`. */
export const registryLeewaySeconds = 60;

const dateOf = (seconds: unknown) =>
  typeof seconds === 'number' ? new Date(seconds * 1000) : undefined;

function readClaims(token: string): TokenClaims {
  const header = decodeProtectedHeader(token);
  const payload = decodeJwt(token);
  const audience = payload.aud === undefined ? [] : [payload.aud].flat();
  const access = Array.isArray(payload.access) ? (payload.access as AccessScope[]) : [];

  return {
    issuer: payload.iss,
    audience,
    subject: payload.sub,
    keyId: header.kid,
    hasX5c: Array.isArray(header.x5c) && header.x5c.length > 0,
    issuedAt: dateOf(payload.iat),
    notBefore: dateOf(payload.nbf),
    expiresAt: dateOf(payload.exp),
    access,
  };
}

/**
 * Checks a registry token the way CNCF Distribution does (issuer, service,
 * signing key and signature, times, scopes) against what is known of the
 * registry, and says in an operator's words why it would be refused.
 */
export async function diagnoseToken(
  token: string,
  options: DiagnoseTokenOptions = {},
): Promise<TokenDiagnosis> {
  let claims: TokenClaims;
  try {
    claims = readClaims(token);
  } catch {
    const message = 'the token is not a JWT (three base64url parts with JSON header and claims)';
    return { problems: [{ code: 'MALFORMED', message }], unchecked: [] };
  }

  const problems: TokenProblem[] = [];
  const unchecked: string[] = [];

  if (options.issuer === undefined) unchecked.push('issuer');
  else if (claims.issuer !== options.issuer) problems.push(issuerProblem(claims, options.issuer));

  if (options.service === undefined) unchecked.push('service');
  else if (!claims.audience.includes(options.service)) {
    problems.push(serviceProblem(claims, options.service));
  }

  if (options.trustedCertificates === undefined) unchecked.push('signature');
  else problems.push(...(await signatureProblems(token, claims, options.trustedCertificates)));

  problems.push(...timeProblems(claims, options));

  if (options.required === undefined) unchecked.push('scope');
  else problems.push(...scopeProblems(claims, options.required));

  return { problems, unchecked, claims };
}

function issuerProblem(claims: TokenClaims, issuer: string): TokenProblem {
  return {
    code: 'ISSUER_MISMATCH',
    message:
      `issuer not trusted: the token's issuer is "${claims.issuer ?? ''}" but the registry ` +
      `trusts "${issuer}" (auth.token.issuer); make GEO_TOKEN_ISSUER and it equal`,
  };
}

function serviceProblem(claims: TokenClaims, service: string): TokenProblem {
  return {
    code: 'SERVICE_MISMATCH',
    message:
      `the token is for service "${claims.audience.join(', ')}" but the registry is ` +
      `"${service}" (auth.token.service); check GEO_TOKEN_SERVICE`,
  };
}

async function signatureProblems(
  token: string,
  claims: TokenClaims,
  certificates: X509Certificate[],
): Promise<TokenProblem[]> {
  const trusted = trustedKeyOf(token, claims, certificates);
  if (!trusted) {
    const known = certificates.map((certificate) => libtrustKeyId(certificate.publicKey));
    const signer = claims.hasX5c ? 'the certificate in its x5c header' : `key ${claims.keyId}`;
    return [
      {
        code: 'UNTRUSTED_KEY',
        message:
          `signature not verifiable with the registry's certificates: the token is signed ` +
          `with ${signer}, and the registry's rootcertbundle holds only ` +
          `${known.join(', ') || 'no certificate'}; add the signing key's certificate to it`,
      },
    ];
  }

  try {
    await compactVerify(token, trusted);
    return [];
  } catch {
    return [
      {
        code: 'BAD_SIGNATURE',
        message:
          `signature not verifiable with the registry's certificates: the certificate for ` +
          `key ${claims.keyId} is trusted but the signature does not match it`,
      },
    ];
  }
}

function timeProblems(claims: TokenClaims, options: DiagnoseTokenOptions): TokenProblem[] {
  const now = (options.now ?? new Date()).getTime();
  const leeway = (options.leewaySeconds ?? registryLeewaySeconds) * 1000;
  const problems: TokenProblem[] = [];

  if (!claims.expiresAt || now > claims.expiresAt.getTime() + leeway) {
    const when = claims.expiresAt?.toISOString() ?? 'an unknown time (no exp)';
    problems.push({
      code: 'EXPIRED',
      message: `expired: the token expired at ${when}; fetch a new one (check the clocks too)`,
    });
  }

  if (claims.notBefore && now < claims.notBefore.getTime() - leeway) {
    problems.push({
      code: 'NOT_YET_VALID',
      message:
        `not yet valid: the token is valid from ${claims.notBefore.toISOString()}; ` +
        `the token-issuer's clock is ahead of the registry's`,
    });
  }

  return problems;
}

function scopeProblems(claims: TokenClaims, required: AccessScope[]): TokenProblem[] {
  const missing = required.filter((scope) => {
    const granted = claims.access
      .filter((entry) => entry.type === scope.type && entry.name === scope.name)
      .flatMap((entry) => entry.actions);
    return intersectActions(scope.actions, granted).length < scope.actions.length;
  });
  if (missing.length === 0) return [];

  const grants = claims.access.map(formatScope).join(' ') || 'nothing';
  return [
    {
      code: 'SCOPE_MISSING',
      message:
        `scope denied: the token does not grant ${missing.map(formatScope).join(' ')} ` +
        `(it grants ${grants}); the account or site may not do that`,
    },
  ];
}
