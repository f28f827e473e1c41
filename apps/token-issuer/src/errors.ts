/** Why token-issuer refused a request; stable across releases. */
export type IssuerErrorCode = 'UNAUTHENTICATED' | 'INVALID_REQUEST' | 'UNKNOWN_SITE';

/** A refused token request; the message is fit for the caller and holds no secret. */
export class IssuerError extends Error {
  override readonly name = 'IssuerError';

  /**
   * @param code see {@link IssuerErrorCode}
   * @param message why, for the caller
   * @param site the calling site, when known
   */
  constructor(
    readonly code: IssuerErrorCode,
    message: string,
    readonly site?: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
