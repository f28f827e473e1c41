import {
  type DiagnoseTokenOptions,
  diagnoseToken,
  type TokenDiagnosis,
  type TokenProblem,
} from './diagnose-token.js';

/** Options of {@link probeToken}: what is known of the registry, as for a diagnosis. */
export interface ProbeTokenOptions extends DiagnoseTokenOptions {
  signal?: AbortSignal;
}

/** Whether a registry accepted a token at `GET /v2/`, and if not, why. */
export interface TokenProbe {
  accepted: boolean;
  /** The registry's HTTP status. */
  status: number;
  /** The `error` of the registry's Bearer challenge, e.g. `invalid_token`. */
  challengeError?: string;
  /** Why it was refused, best guess first; empty when accepted. */
  problems: TokenProblem[];
  diagnosis?: TokenDiagnosis;
}

/** The parameters of a `WWW-Authenticate: Bearer k="v",...` challenge. */
export function parseBearerChallenge(header: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  if (!header || !/^Bearer\s/i.test(header)) return params;

  for (const match of header.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) {
    if (match[1] !== undefined) params[match[1]] = match[2] ?? '';
  }
  return params;
}

/**
 * Presents `token` to the registry at `registryUrl` (`GET /v2/`). CNCF
 * Distribution answers a refused token with 401 and `invalid_token`, and
 * keeps the reason in its own log; so the token is then diagnosed here
 * against what is known, with the service named by the registry's challenge.
 */
export async function probeToken(
  registryUrl: string,
  token: string,
  options: ProbeTokenOptions = {},
): Promise<TokenProbe> {
  const response = await fetch(new URL('/v2/', registryUrl), {
    headers: { authorization: `Bearer ${token}` },
    signal: options.signal,
  });
  await response.arrayBuffer();

  if (response.status === 200) return { accepted: true, status: 200, problems: [] };

  if (response.status !== 401) {
    const message = `the registry answered GET /v2/ with HTTP ${response.status}`;
    return { accepted: false, status: response.status, problems: [{ code: 'REJECTED', message }] };
  }

  const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
  const service = options.service ?? challenge.service;
  const diagnosis = await diagnoseToken(token, { ...options, service });

  return {
    accepted: false,
    status: 401,
    challengeError: challenge.error,
    problems: diagnosis.problems.length > 0 ? diagnosis.problems : [unexplained(diagnosis)],
    diagnosis,
  };
}

/**
 * A refusal no check explains. When the key, service and times were checked,
 * what is left is the issuer, which the registry does not reveal.
 */
function unexplained(diagnosis: TokenDiagnosis): TokenProblem {
  const issuer = diagnosis.claims?.issuer ?? '';

  if (!diagnosis.unchecked.includes('signature') && diagnosis.unchecked.includes('issuer')) {
    return {
      code: 'ISSUER_MISMATCH',
      message:
        `issuer not trusted: the registry trusts the signing key and the token's service and ` +
        `times are right, so its auth.token.issuer most likely differs from "${issuer}"`,
    };
  }

  return {
    code: 'REJECTED',
    message:
      `the registry refused the token (issuer "${issuer}", key ` +
      `${diagnosis.claims?.keyId ?? 'unknown'}); without its rootcertbundle the key cannot be ` +
      `checked: compare the registry's auth.token.issuer and rootcertbundle with ours`,
  };
}
