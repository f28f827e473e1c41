/** Stable codes of {@link RegistryError}. */
export type RegistryErrorCode =
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'NOT_FOUND'
  | 'DIGEST_MISMATCH'
  | 'NETWORK'
  | 'UNEXPECTED_STATUS'
  | 'INVALID_RESPONSE'
  | 'INVALID_ARGUMENT'
  | 'ABORTED';

/** What a {@link RegistryError} is about; every field is optional. */
export interface RegistryErrorDetails {
  /** Base URL of the registry, without credentials or query. */
  registry?: string;
  repository?: string;
  /** Tag or digest the request named. */
  reference?: string;
  digest?: string;
  /** HTTP status of the registry's answer. */
  status?: number;
  /** `errors[].code` of the registry's JSON body, e.g. `MANIFEST_UNKNOWN`. */
  registryCodes?: string[];
  cause?: unknown;
}

/**
 * A failed registry operation. The message names the verb and identifiers,
 * never a credential, an `Authorization` header or a URL's query string.
 */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly registry?: string;
  readonly repository?: string;
  readonly reference?: string;
  readonly digest?: string;
  readonly status?: number;
  readonly registryCodes: string[];

  constructor(code: RegistryErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RegistryError';
    this.code = code;
    this.registry = details.registry;
    this.repository = details.repository;
    this.reference = details.reference;
    this.digest = details.digest;
    this.status = details.status;
    this.registryCodes = details.registryCodes ?? [];
  }

  /**
   * Normalises anything caught during `verb` into a RegistryError: one
   * already is passes through, an abort becomes ABORTED, anything else NETWORK.
   */
  static from(error: unknown, verb: string, details: RegistryErrorDetails = {}): RegistryError {
    if (error instanceof RegistryError) return error;

    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'AbortError' || name === 'RequestAbortedError') {
      return new RegistryError('ABORTED', `${verb}: aborted`, { ...details, cause: error });
    }

    const reason = error instanceof Error ? error.message : String(error);
    return new RegistryError('NETWORK', `${verb}: ${reason}`, { ...details, cause: error });
  }
}

/** Maps an HTTP status the caller did not expect to a {@link RegistryErrorCode}. */
export function codeForStatus(status: number): RegistryErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'DENIED';
  if (status === 404) return 'NOT_FOUND';
  return 'UNEXPECTED_STATUS';
}
