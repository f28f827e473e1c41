/** Why a token could not be had; stable across releases. */
export type TokenClientErrorCode = 'ISSUE_FAILED';

/**
 * The token-issuer refused or could not be reached. The message carries the
 * gRPC status text and the registry asked for, never the secret presented.
 */
export class TokenClientError extends Error {
  override readonly name = 'TokenClientError';

  /**
   * @param code what failed, see {@link TokenClientErrorCode}
   * @param grpcCode the gRPC status code of the failed call
   */
  constructor(
    readonly code: TokenClientErrorCode,
    message: string,
    readonly grpcCode: number | undefined,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
