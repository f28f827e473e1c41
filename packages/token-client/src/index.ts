export { TokenClientError, type TokenClientErrorCode } from './errors.js';
export {
  createRegistryClients,
  type RegistryClients,
  type RegistryClientsOptions,
} from './registry-clients.js';
export {
  loadSiteCredentials,
  optionalSiteCredentials,
  type SiteCredentials,
  type SiteCredentialsEnv,
  type TokenIssuerAccess,
} from './site-credentials.js';
export {
  connectTokenIssuer,
  type TokenIssuerSourceOptions,
  tokenIssuerSource,
} from './token-issuer-source.js';
