/** Why notification-ingest refused or could not store an envelope; stable across releases. */
export type IngestErrorCode = 'INVALID_ENVELOPE' | 'STREAM_UNAVAILABLE';

/** Identifiers of the envelope part an {@link IngestError} is about. */
export interface IngestErrorDetails {
  /** Index of the offending event in `events`, when one is to blame. */
  index?: number;
  /** Path of the offending field, such as `events[2].target.repository`. */
  field?: string;
  /** The registry's event id, when known. */
  eventId?: string;
}

/** An envelope was malformed, or its events could not be stored; `cause` keeps the origin. */
export class IngestError extends Error {
  override readonly name = 'IngestError';

  /**
   * @param code what went wrong, see {@link IngestErrorCode}
   * @param message a reason fit for the HTTP answer: never a header or a secret
   * @param details the event index, field or event id concerned
   */
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly details: IngestErrorDetails = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
