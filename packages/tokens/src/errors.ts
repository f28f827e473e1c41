/** Stable codes of the errors this package throws. */
export type TokensErrorCode =
  | 'SIGNING_KEY_UNREADABLE'
  | 'SIGNING_KEY_UNSUPPORTED'
  | 'SIGNING_KEYS_EMPTY'
  | 'CERTIFICATE_UNREADABLE'
  | 'SCOPE_INVALID'
  | 'ACCOUNTS_FILE_INVALID'
  | 'TOKEN_REQUEST_INVALID'
  | 'PASSWORD_UNUSABLE';

/** The base of every error of `@geo/tokens`; `code` is stable, the message is for people. */
export class TokensError extends Error {
  constructor(
    readonly code: TokensErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TokensError';
  }
}

/** The signing key file could not be read or parsed. Never carries the key itself. */
export class SigningKeyUnreadableError extends TokensError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super('SIGNING_KEY_UNREADABLE', `cannot read the signing key from ${file}`, options);
    this.name = 'SigningKeyUnreadableError';
  }
}

/** The key is neither RSA nor EC P-256, so no registry would accept what it signs. */
export class SigningKeyUnsupportedError extends TokensError {
  constructor(
    readonly file: string,
    readonly keyType: string,
  ) {
    super(
      'SIGNING_KEY_UNSUPPORTED',
      `signing key in ${file} is ${keyType}; expected RSA or EC P-256`,
    );
    this.name = 'SigningKeyUnsupportedError';
  }
}

/** No signing key file was named: there is nothing to sign with. */
export class SigningKeysEmptyError extends TokensError {
  constructor() {
    super('SIGNING_KEYS_EMPTY', 'no signing key file is named');
    this.name = 'SigningKeysEmptyError';
  }
}

/** A certificate file could not be read, or holds no parsable PEM certificate. */
export class CertificateUnreadableError extends TokensError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('CERTIFICATE_UNREADABLE', `cannot read certificates from ${file}: ${reason}`, options);
    this.name = 'CertificateUnreadableError';
  }
}

/** A scope string does not follow `type[(class)]:name:action[,action]`. */
export class ScopeSyntaxError extends TokensError {
  constructor(
    readonly scope: string,
    reason: string,
  ) {
    super('SCOPE_INVALID', `invalid scope "${scope}": ${reason}`);
    this.name = 'ScopeSyntaxError';
  }
}

/** The accounts file is missing, not JSON, or does not match its schema. */
export class AccountsFileError extends TokensError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('ACCOUNTS_FILE_INVALID', `invalid accounts file ${file}: ${reason}`, options);
    this.name = 'AccountsFileError';
  }
}

/** A token request that cannot be honoured as asked (bad lifetime, empty issuer, ...). */
export class TokenRequestError extends TokensError {
  constructor(reason: string) {
    super('TOKEN_REQUEST_INVALID', `invalid token request: ${reason}`);
    this.name = 'TokenRequestError';
  }
}

/** A password bcrypt cannot hash faithfully: empty, or longer than the 72 bytes it reads. */
export class PasswordUnusableError extends TokensError {
  constructor(reason: string) {
    super('PASSWORD_UNUSABLE', `unusable password: ${reason}`);
    this.name = 'PasswordUnusableError';
  }
}
