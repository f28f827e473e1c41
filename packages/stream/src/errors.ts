/** Why a stream operation failed; stable across releases. */
export type StreamErrorCode =
  | 'CONNECT_FAILED'
  | 'ENSURE_FAILED'
  | 'PUBLISH_FAILED'
  | 'DECODE_FAILED'
  | 'INFO_FAILED';

/** A JetStream operation of this package failed; `cause` keeps the original error. */
export class StreamError extends Error {
  override readonly name = 'StreamError';

  /**
   * @param code what failed, see {@link StreamErrorCode}
   * @param message what was being done, with the stream or subject concerned
   * @param details the stream, consumer or subject involved, when known
   */
  constructor(
    readonly code: StreamErrorCode,
    message: string,
    readonly details: { stream?: string; consumer?: string; subject?: string } = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }

  /** Wraps anything caught into a StreamError, keeping an existing one as it is. */
  static from(
    error: unknown,
    code: StreamErrorCode,
    message: string,
    details: StreamError['details'] = {},
  ): StreamError {
    if (error instanceof StreamError) return error;
    const reason = error instanceof Error ? `: ${error.message}` : '';
    return new StreamError(code, `${message}${reason}`, details, { cause: error });
  }
}
