import { RegistryCredentialsError, safeUrl } from './errors.js';
import { parseChallenges } from './parse-challenges.js';

/** A bearer token service: where to ask and for which `service`. */
export interface BearerChallenge {
  scheme: 'bearer';
  realm: URL;
  service?: string;
}

/** How a registry wants to be authenticated, as its `GET /v2/` answered. */
export type RegistryChallenge =
  | BearerChallenge
  | { scheme: 'basic' }
  /** The registry answered 200 without credentials. */
  | { scheme: 'none' };

/** Options of {@link discoverChallenge}. */
export interface DiscoverOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Sends `GET /v2/` without credentials and reads the challenge of the 401
 * (Docker token spec, "How to authenticate"). Bearer wins over basic when a
 * registry offers both, since it is the one that grants per-repository scopes.
 */
export async function discoverChallenge(
  url: string,
  options: DiscoverOptions = {},
): Promise<RegistryChallenge> {
  const endpoint = new URL(`${url.replace(/\/+$/, '')}/v2/`);
  const where = safeUrl(endpoint);
  const response = await (options.fetch ?? fetch)(endpoint, {
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  }).catch((error: unknown) => {
    throw new RegistryCredentialsError('TOKEN_REQUEST_FAILED', `ping ${where}: ${reason(error)}`, {
      url: where,
      cause: error,
    });
  });
  await response.body?.cancel();

  if (response.ok) return { scheme: 'none' };

  if (response.status !== 401) {
    throw new RegistryCredentialsError(
      'TOKEN_REQUEST_FAILED',
      `ping ${where}: HTTP ${response.status}, expected 401 with a challenge`,
      { url: where, status: response.status },
    );
  }

  return pickChallenge(response.headers.get('www-authenticate') ?? '', endpoint, where);
}

function pickChallenge(header: string, endpoint: URL, where: string): RegistryChallenge {
  const challenges = parseChallenges(header);
  const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
  const realm = bearer?.params.realm;
  if (bearer && realm && URL.canParse(realm, endpoint.href)) {
    return { scheme: 'bearer', realm: new URL(realm, endpoint), service: bearer.params.service };
  }

  if (challenges.some((challenge) => challenge.scheme === 'basic')) return { scheme: 'basic' };

  const schemes = challenges.map((challenge) => challenge.scheme).join(', ') || 'none';
  throw new RegistryCredentialsError(
    'CHALLENGE_UNSUPPORTED',
    `ping ${where}: no usable Bearer or Basic challenge (schemes: ${schemes})`,
    { url: where, status: 401 },
  );
}

/** The message of anything caught, for an error's text. */
export function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause})` : message;
}
