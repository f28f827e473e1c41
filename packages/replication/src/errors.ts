/** Stable codes of {@link ReplicationError}. */
export type ReplicationErrorCode =
  | 'PRIMARY_UNAVAILABLE'
  | 'SECONDARY_UNAVAILABLE'
  | 'UNSUPPORTED_MANIFEST'
  | 'INVALID_MANIFEST'
  | 'REFERRERS_FAILED'
  | 'ABORTED';

/** What a {@link ReplicationError} is about. */
export interface ReplicationErrorDetails {
  repository?: string;
  tag?: string;
  digest?: string;
  cause?: unknown;
}

/** A sync that could not run, or a manifest it cannot replicate. */
export class ReplicationError extends Error {
  readonly code: ReplicationErrorCode;
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;

  constructor(code: ReplicationErrorCode, message: string, details: ReplicationErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ReplicationError';
    this.code = code;
    this.repository = details.repository;
    this.tag = details.tag;
    this.digest = details.digest;
  }
}

/** A one-line reason for a failure, for `failures[].reason`. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
