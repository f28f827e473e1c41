/** Why a database operation failed; stable across releases. */
export type DbErrorCode = 'MIGRATE_FAILED' | 'QUERY_FAILED' | 'LOCK_FAILED';

/**
 * A database operation of this package failed. The message names the verb
 * and the site and repository concerned, never query parameters or the
 * connection URL; `cause` keeps the driver's error.
 */
export class DbError extends Error {
  override readonly name = 'DbError';

  /**
   * @param code what failed, see {@link DbErrorCode}
   * @param message the verb and the identifiers concerned
   */
  constructor(
    readonly code: DbErrorCode,
    message: string,
    readonly details: { site?: string; repository?: string } = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }

  /** Wraps anything caught into a DbError, keeping an existing one as it is. */
  static from(
    error: unknown,
    code: DbErrorCode,
    message: string,
    details: DbError['details'] = {},
  ): DbError {
    if (error instanceof DbError) return error;
    return new DbError(code, `${message}: ${reason(error)}`, details, { cause: error });
  }
}

/**
 * The driver's own message. Drizzle's query errors put the SQL and its
 * parameters in their message, so the message of their cause is used instead.
 */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message.startsWith('Failed query:') && error.cause instanceof Error) {
    return error.cause.message;
  }
  return error.message;
}

/** Runs `work`, wrapping a failure once as a `QUERY_FAILED` DbError with `verb` and ids. */
export async function wrapQuery<T>(
  verb: string,
  details: DbError['details'],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const subject = [details.site, details.repository].filter(Boolean).join('/');
    throw DbError.from(error, 'QUERY_FAILED', `${verb} ${subject}`.trim(), details);
  }
}
