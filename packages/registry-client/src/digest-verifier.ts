import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { digestAlgorithm } from './digest.js';
import { RegistryError, type RegistryErrorDetails } from './errors.js';

/** Options of {@link DigestVerifier}. */
export interface DigestVerifierOptions {
  /** Fail as well when the stream is not exactly this many bytes long. */
  size?: number;
  /** Identifiers for the error (registry, repository). */
  details?: RegistryErrorDetails;
}

/**
 * A pass-through stream that hashes what flows through it and, at the end,
 * fails with DIGEST_MISMATCH unless the bytes hash to `digest` (sha256 or
 * sha512). Placed in front of an upload, it makes a bad blob fail the upload
 * instead of completing it.
 */
export class DigestVerifier extends Transform {
  /** Bytes seen so far. */
  bytes = 0;
  /** The mismatch this stream failed with, if any. */
  failure?: RegistryError;
  private readonly hash: Hash;

  constructor(
    readonly digest: string,
    private readonly options: DigestVerifierOptions = {},
  ) {
    super();
    this.hash = createHash(digestAlgorithm(digest));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = `${this.digest.slice(0, this.digest.indexOf(':'))}:${this.hash.digest('hex')}`;
    const sizeWrong = this.options.size !== undefined && this.options.size !== this.bytes;
    if (actual === this.digest && !sizeWrong) {
      callback();
      return;
    }

    const found = sizeWrong ? `${this.bytes} bytes` : `bytes hashing to ${actual}`;
    this.failure = new RegistryError('DIGEST_MISMATCH', `blob ${this.digest}: got ${found}`, {
      ...this.options.details,
      digest: this.digest,
    });
    callback(this.failure);
  }
}
