import type { X509Certificate } from 'node:crypto';
import { type DiagnosticCheck, TargetRegistry } from '@geo/contracts';
import {
  anonymousAuth,
  bearerAuth,
  type RegistryAuth,
  RegistryClient,
  RegistryError,
} from '@geo/registry-client';
import { authFromCredentials, type RegistryCredentials } from '@geo/registry-credentials';
import type { SiteCredentials } from '@geo/token-client';
import { probeToken } from '@geo/tokens';
import { failed, passed, skipped } from './diagnostic-check.js';
import { issuerTokenSource, type TokenIssuerAccess } from './issuer-token-source.js';

/** What the registry checks know of the site. */
export interface RegistryCheckOptions {
  site: string;
  primaryUrl?: string;
  secondaryUrl: string;
  /**
   * How the site logs in to each registry (credentials files, else the
   * token-issuer); unset when neither files nor the token-issuer are configured.
   */
  credentials?: Pick<SiteCredentials, 'primary' | 'secondary'>;
  /** Set when some registry's credentials are the token-issuer's. */
  tokenIssuer?: TokenIssuerAccess;
  /** The registries' rootcertbundle, when given. */
  trustedCertificates?: X509Certificate[];
}

/** The variables that give a site access to its registries, for messages. */
export const REGISTRY_ACCESS_VARIABLES =
  'GEO_TOKEN_ISSUER_URL and GEO_TOKEN_ISSUER_SECRET (or a GEO_*_REGISTRY_CREDENTIALS_FILE)';

/** The name of the primary registry's check. */
export const PRIMARY_CHECK = 'primary-registry';

/** The name of the secondary registry's check. */
export const SECONDARY_CHECK = 'secondary-registry';

/**
 * Whether the primary answers `GET /v2/` with the site's credentials. With
 * the token-issuer's tokens, says why a refused token is refused as far as
 * can be told; with a credentials file, the token checks do not apply.
 */
export async function checkPrimaryRegistry(
  options: RegistryCheckOptions,
  signal: AbortSignal,
): Promise<DiagnosticCheck> {
  const { primaryUrl: url, credentials } = options;
  if (!url || !credentials) {
    const unset: string[] = [];
    if (!url) unset.push('GEO_PRIMARY_REGISTRY_URL');
    if (!credentials) unset.push(REGISTRY_ACCESS_VARIABLES);
    return skipped(PRIMARY_CHECK, unset);
  }

  if (credentials.primary.type !== 'token-issuer') {
    const file = 'GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE';
    return checkWithCredentials(PRIMARY_CHECK, url, credentials.primary, file, signal);
  }

  if (!options.tokenIssuer) {
    return skipped(PRIMARY_CHECK, ['GEO_TOKEN_ISSUER_URL or GEO_TOKEN_ISSUER_SECRET']);
  }

  return checkPrimaryTokens(url, options.tokenIssuer, options, signal);
}

/**
 * Whether the site's own registry answers `GET /v2/` with the site's
 * credentials: its credentials file, else a token when a token-issuer is
 * configured, else anonymously.
 */
export async function checkSecondaryRegistry(
  options: RegistryCheckOptions,
  signal: AbortSignal,
): Promise<DiagnosticCheck> {
  const url = options.secondaryUrl;
  const credentials = options.credentials?.secondary;
  if (credentials && credentials.type !== 'token-issuer') {
    const file = 'GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE';
    return checkWithCredentials(SECONDARY_CHECK, url, credentials, file, signal);
  }

  const issued = options.tokenIssuer
    ? await issuerTokenSource(
        options.tokenIssuer,
        options.site,
        TargetRegistry.TARGET_REGISTRY_SECONDARY,
      )([])
    : undefined;

  const auth = issued ? bearerAuth(async () => issued) : anonymousAuth;
  const refusal = await ping(url, auth, signal);
  if (refusal !== undefined) return failed(SECONDARY_CHECK, refusal.message);

  const how = issued ? "accepts the site's tokens" : 'answers without credentials';
  return passed(SECONDARY_CHECK, `${url} is reachable and ${how}`);
}

/** The primary with a token from the token-issuer; a refusal is probed for its reason. */
async function checkPrimaryTokens(
  url: string,
  tokenIssuer: TokenIssuerAccess,
  options: RegistryCheckOptions,
  signal: AbortSignal,
): Promise<DiagnosticCheck> {
  const target = TargetRegistry.TARGET_REGISTRY_PRIMARY;
  const issued = await issuerTokenSource(tokenIssuer, options.site, target)([]);
  const auth = bearerAuth(async () => issued);

  const refusal = await ping(url, auth, signal);
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
 * A registry whose credentials file is not the token-issuer's, pinged as
 * sync-worker would reach it. The token checks (issuer, key, expiry, scope)
 * are about the token-issuer's tokens, so they are skipped, and said to be.
 */
async function checkWithCredentials(
  name: string,
  url: string,
  credentials: RegistryCredentials,
  variable: string,
  signal: AbortSignal,
): Promise<DiagnosticCheck> {
  const which = `the ${credentials.type} credentials of ${variable}`;

  const refusal = await ping(url, authFromCredentials(url, credentials), signal);
  if (refusal?.code === 'UNAUTHORIZED') {
    return failed(name, `${url} refuses ${which}: ${refusal.message}`);
  }
  if (refusal !== undefined) return failed(name, refusal.message);

  const skippedChecks = 'token checks skipped: it does not use the token-issuer';
  return passed(name, `${url} is reachable and accepts ${which} (${skippedChecks})`);
}

/** Pings with `auth`; the registry's error, or undefined on success. */
async function ping(
  url: string,
  auth: RegistryAuth,
  signal: AbortSignal,
): Promise<RegistryError | undefined> {
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
