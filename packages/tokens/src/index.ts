export { authenticate } from './authenticate.js';
export {
  type DiagnoseTokenOptions,
  diagnoseToken,
  registryLeewaySeconds,
  type TokenClaims,
  type TokenDiagnosis,
  type TokenProblem,
  type TokenProblemCode,
} from './diagnose-token.js';
export {
  AccountsFileError,
  CertificateUnreadableError,
  PasswordUnusableError,
  ScopeSyntaxError,
  SigningKeysEmptyError,
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
  certificateFor,
  loadSigningKey,
  type SigningAlgorithm,
  type SigningKey,
  signingKeyFromPem,
} from './load-signing-key.js';
export { loadSigningKeys, pickSigningKey, type SigningKeySet } from './load-signing-keys.js';
export { matchRepository } from './match-repository.js';
export {
  defaultTokenTtlSeconds,
  type MintedToken,
  type MintTokenOptions,
  maxTokenTtlSeconds,
  mintToken,
  notBeforeSkewSeconds,
} from './mint-token.js';
export { loadCertificates, parseCertificates } from './parse-certificates.js';
export {
  type ProbeTokenOptions,
  parseBearerChallenge,
  probeToken,
  type TokenProbe,
} from './probe-token.js';
export { type AccessScope, formatScope, parseScope, parseScopes } from './scope.js';
