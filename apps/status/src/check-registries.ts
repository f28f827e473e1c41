import type { X509Certificate } from 'node:crypto';
import { type DiagnosticCheck, TargetRegistry } from '@geo/contracts';
import {
  anonymousAuth,
  bearerAuth,
  type IssuedToken,
  RegistryClient,
  RegistryError,
} from '@geo/registry-client';
import { probeToken } from '@geo/tokens';
import { failed, passed, skipped } from './diagnostic-check.js';
import { issuerTokenSource, type TokenIssuerAccess } from './issuer-token-source.js';

/** What the registry checks know of the site. */
export interface RegistryCheckOptions {
  site: string;
  primaryUrl?: string;
  secondaryUrl: string;
  /** Unset when GEO_TOKEN_ISSUER_URL or GEO_TOKEN_ISSUER_SECRET is. */
  tokenIssuer?: TokenIssuerAccess;
  /** The registries' rootcertbundle, when given. */
  trustedCertificates?: X509Certificate[];
}

/** The name of the primary registry's check. */
export const PRIMARY_CHECK = 'primary-registry';

/** The name of the secondary registry's check. */
export const SECONDARY_CHECK = 'secondary-registry';

/**
 * Whether the primary answers `GET /v2/` with a token from the site's
 * token-issuer. When it refuses the token, says why as far as can be told.
 */
export async function checkPrimaryRegistry(
  options: RegistryCheckOptions,
  signal: AbortSignal,
): Promise<DiagnosticCheck> {
  const { primaryUrl: url, tokenIssuer } = options;
  if (!url || !tokenIssuer) {
    const unset: string[] = [];
    if (!url) unset.push('GEO_PRIMARY_REGISTRY_URL');
    if (!tokenIssuer) unset.push('GEO_TOKEN_ISSUER_URL or GEO_TOKEN_ISSUER_SECRET');
    return skipped(PRIMARY_CHECK, unset);
  }

  const source = issuerTokenSource(
    tokenIssuer,
    options.site,
    TargetRegistry.TARGET_REGISTRY_PRIMARY,
  );
  const issued = await source([]);

  const refusal = await ping(url, issued, signal);
  if (refusal === undefined) {
    return passed(PRIMARY_CHECK, `${url} is reachable and accepts the site's tokens`);
  }

  if (refusal.code !== 'UNAUTHORIZED') return failed(PRIMARY_CHECK, refusal.message);

  const probe = await probeToken(url, issued.token, {
    trustedCertificates: options.trustedCertificates,
    signal,
  });
  const why = probe.problems.map((problem) => problem.message).join('; ');
  return failed(PRIMARY_CHECK, `${url} refuses the site's tokens: ${why}`);
}

/**
 * Whether the site's own registry answers `GET /v2/`, with a token for it
 * when a token-issuer is configured, anonymously otherwise.
 */
export async function checkSecondaryRegistry(
  options: RegistryCheckOptions,
  signal: AbortSignal,
): Promise<DiagnosticCheck> {
  const url = options.secondaryUrl;
  const issued = options.tokenIssuer
    ? await issuerTokenSource(
        options.tokenIssuer,
        options.site,
        TargetRegistry.TARGET_REGISTRY_SECONDARY,
      )([])
    : undefined;

  const refusal = await ping(url, issued, signal);
  if (refusal !== undefined) return failed(SECONDARY_CHECK, refusal.message);

  const how = issued ? "accepts the site's tokens" : 'answers without credentials';
  return passed(SECONDARY_CHECK, `${url} is reachable and ${how}`);
}

/** Pings with `issued` (or anonymously); the registry's error, or undefined on success. */
async function ping(
  url: string,
  issued: IssuedToken | undefined,
  signal: AbortSignal,
): Promise<RegistryError | undefined> {
  const auth = issued ? bearerAuth(async () => issued) : anonymousAuth;
  const client = new RegistryClient({ url, auth, headersTimeoutMs: 10_000 });

  try {
    await client.ping({ signal });
    return undefined;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  } finally {
    await client.close();
  }
}
