export {
  type AuthFromCredentialsOptions,
  authFromCredentials,
} from './auth-from-credentials.js';
export { type ChallengeAuthOptions, challengeAuth } from './challenge-auth.js';
export {
  type BearerChallenge,
  type DiscoverOptions,
  discoverChallenge,
  type RegistryChallenge,
} from './discover-challenge.js';
export {
  RegistryCredentialsError,
  type RegistryCredentialsErrorCode,
  type RegistryCredentialsErrorDetails,
} from './errors.js';
export { type FetchTokenOptions, fetchToken, scopeParam, type TokenGrant } from './fetch-token.js';
export {
  loadRegistryCredentials,
  parseRegistryCredentials,
  type RegistryCredentials,
  type RegistryCredentialsType,
} from './load-registry-credentials.js';
export { type OAuth2AuthOptions, oauth2Auth } from './oauth2-auth.js';
export { type Challenge, parseChallenges } from './parse-challenges.js';
