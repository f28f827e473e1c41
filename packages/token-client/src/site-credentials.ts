import { ConfigError } from '@geo/config';
import { loadRegistryCredentials, type RegistryCredentials } from '@geo/registry-credentials';

/** The variables that say how a site's services authenticate to its registries. */
export interface SiteCredentialsEnv {
  GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE?: string;
  GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE?: string;
  GEO_TOKEN_ISSUER_URL?: string;
  GEO_TOKEN_ISSUER_SECRET?: string;
}

/** How to reach the token-issuer over gRPC. */
export interface TokenIssuerAccess {
  url: string;
  secret: string;
}

/** Credentials of both registries, and the token-issuer when one of them uses it. */
export interface SiteCredentials {
  primary: RegistryCredentials;
  secondary: RegistryCredentials;
  /** Set only when some registry uses the token-issuer. */
  tokenIssuer?: TokenIssuerAccess;
}

const tokenIssuerDefault: RegistryCredentials = { type: 'token-issuer' };

/**
 * Reads the credentials files (a registry without one uses the token-issuer,
 * as before files existed) and checks the token-issuer variables are set when
 * some registry needs them. Throws a ConfigError naming each variable that is
 * missing or wrong and why, never a credential.
 */
export function loadSiteCredentials(env: SiteCredentialsEnv): SiteCredentials {
  const problems: string[] = [];
  const read = (variable: keyof SiteCredentialsEnv): RegistryCredentials | undefined => {
    const file = env[variable];
    if (!file) return tokenIssuerDefault;
    try {
      return loadRegistryCredentials(file);
    } catch (error) {
      problems.push(`${variable}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const primary = read('GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE');
  const secondary = read('GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE');
  const users = [
    primary?.type === 'token-issuer'
      ? usedBy('primary', env.GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE)
      : '',
    secondary?.type === 'token-issuer'
      ? usedBy('secondary', env.GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE)
      : '',
  ].filter(Boolean);

  if (users.length > 0) {
    for (const variable of ['GEO_TOKEN_ISSUER_URL', 'GEO_TOKEN_ISSUER_SECRET'] as const) {
      if (!env[variable]) problems.push(`${variable} is required: ${users.join(' and ')}`);
    }
  }

  if (problems.length > 0 || !primary || !secondary) throw new ConfigError(problems);

  const { GEO_TOKEN_ISSUER_URL: url, GEO_TOKEN_ISSUER_SECRET: secret } = env;
  const tokenIssuer = users.length > 0 && url && secret ? { url, secret } : undefined;
  return { primary, secondary, tokenIssuer };
}

/**
 * For services to which registry access is optional (event-log-cursor,
 * status): undefined, access off, when none of the four variables is set,
 * as before files existed; otherwise {@link loadSiteCredentials}, so that
 * whatever the set ones still need (the token-issuer's URL without its
 * secret, say) is an error rather than access silently off.
 */
export function optionalSiteCredentials(env: SiteCredentialsEnv): SiteCredentials | undefined {
  const anySet =
    env.GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE ||
    env.GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE ||
    env.GEO_TOKEN_ISSUER_URL ||
    env.GEO_TOKEN_ISSUER_SECRET;
  if (!anySet) return undefined;

  return loadSiteCredentials(env);
}

function usedBy(registry: string, file: string | undefined): string {
  const variable = `GEO_${registry.toUpperCase()}_REGISTRY_CREDENTIALS_FILE`;
  return file
    ? `the ${registry} registry uses the token-issuer (${variable} says so)`
    : `the ${registry} registry uses the token-issuer (${variable} is unset)`;
}
