export { anonymousAuth } from './anonymous-auth.js';
export { basicAuth } from './basic-auth.js';
export {
  type BearerAuthOptions,
  bearerAuth,
  type IssuedToken,
  type TokenSource,
} from './bearer-auth.js';
export type { BlobOptions, BlobStream } from './blobs.js';
export type { ListCatalogOptions } from './catalog.js';
export { computeDigest, type DigestAlgorithm, isDigest } from './digest.js';
export { DigestVerifier, type DigestVerifierOptions } from './digest-verifier.js';
export {
  RegistryError,
  type RegistryErrorCode,
  type RegistryErrorDetails,
} from './errors.js';
export type {
  Manifest,
  ManifestDescriptor,
  ManifestOptions,
  StoredManifest,
} from './manifests.js';
export {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_SCHEMA1,
  DOCKER_MANIFEST_SCHEMA1_SIGNED,
  isIndexMediaType,
  isManifestMediaType,
  isSchema1MediaType,
  MANIFEST_MEDIA_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
} from './media-types.js';
export type { ListReferrersOptions, Referrer } from './referrers.js';
export {
  type AccessScope,
  catalogScope,
  deleteScope,
  pullScope,
  pushScope,
  type RegistryAuth,
} from './registry-auth.js';
export { RegistryClient, type RegistryClientOptions } from './registry-client.js';
export type { ListTagsOptions } from './tags.js';
