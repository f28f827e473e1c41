/** Stable codes of {@link RegistryCredentialsError}. */
export type RegistryCredentialsErrorCode =
  /** The credentials file cannot be read or is not valid JSON. */
  | 'CREDENTIALS_UNREADABLE'
  /** The credentials file has a missing or malformed field. */
  | 'CREDENTIALS_INVALID'
  /** The registry's `WWW-Authenticate` challenge cannot be used. */
  | 'CHALLENGE_UNSUPPORTED'
  /** The registry or its token realm refused the credentials (401 or 403). */
  | 'UNAUTHORIZED'
  /** The registry or its token realm could not be reached or answered oddly. */
  | 'TOKEN_REQUEST_FAILED'
  /** Credentials of type `token-issuer` need a token-issuer the caller did not give. */
  | 'TOKEN_ISSUER_REQUIRED';

/** What a {@link RegistryCredentialsError} is about; every field is optional. */
export interface RegistryCredentialsErrorDetails {
  /** The credentials file. */
  file?: string;
  /** The field of the file that is wrong, e.g. `password`. */
  field?: string;
  /** Registry base URL or token realm, without credentials or query. */
  url?: string;
  /** HTTP status of the answer. */
  status?: number;
  cause?: unknown;
}

/**
 * Credentials could not be loaded or used. Messages name files, fields,
 * URLs and statuses, never a password, refresh token or access token.
 */
export class RegistryCredentialsError extends Error {
  readonly code: RegistryCredentialsErrorCode;
  readonly file?: string;
  readonly field?: string;
  readonly url?: string;
  readonly status?: number;

  constructor(
    code: RegistryCredentialsErrorCode,
    message: string,
    details: RegistryCredentialsErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RegistryCredentialsError';
    this.code = code;
    this.file = details.file;
    this.field = details.field;
    this.url = details.url;
    this.status = details.status;
  }
}

/** `url` without user info, query or fragment, safe for a message. */
export function safeUrl(url: URL | string): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  copy.search = '';
  copy.hash = '';
  return copy.toString();
}
