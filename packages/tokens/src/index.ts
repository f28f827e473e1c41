export { authenticate } from './authenticate.js';
export {
  AccountsFileError,
  PasswordUnusableError,
  ScopeSyntaxError,
  SigningKeyUnreadableError,
  SigningKeyUnsupportedError,
  TokenRequestError,
  TokensError,
  type TokensErrorCode,
} from './errors.js';
export { grantFor } from './grant-for.js';
export { hashPassword, maxPasswordBytes } from './hash-password.js';
export { intersectActions } from './intersect-actions.js';
export { libtrustKeyId } from './libtrust-key-id.js';
export {
  type Account,
  type Accounts,
  type Grant,
  loadAccounts,
  parseAccounts,
} from './load-accounts.js';
export {
  loadSigningKey,
  type SigningAlgorithm,
  type SigningKey,
  signingKeyFromPem,
} from './load-signing-key.js';
export { matchRepository } from './match-repository.js';
export {
  defaultTokenTtlSeconds,
  type MintedToken,
  type MintTokenOptions,
  maxTokenTtlSeconds,
  mintToken,
  notBeforeSkewSeconds,
} from './mint-token.js';
export { type AccessScope, formatScope, parseScope, parseScopes } from './scope.js';
