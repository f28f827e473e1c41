/** Docker Image Manifest V2, Schema 2. */
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
/** Docker manifest list (multi-platform), Schema 2. */
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** Docker Image Manifest V2, Schema 1, signed. */
export const DOCKER_MANIFEST_SCHEMA1_SIGNED =
  'application/vnd.docker.distribution.manifest.v1+prettyjws';
/** Docker Image Manifest V2, Schema 1, unsigned. */
export const DOCKER_MANIFEST_SCHEMA1 = 'application/vnd.docker.distribution.manifest.v1+json';
/** OCI image manifest. */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** OCI image index. */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/**
 * Every manifest media type, for `Accept`. A registry that is not offered a
 * manifest's own type may convert it (schema 2 to schema 1), which changes
 * the digest; offering all of them keeps the stored bytes.
 */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
  OCI_INDEX,
  OCI_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_SCHEMA1_SIGNED,
  DOCKER_MANIFEST_SCHEMA1,
];

/** True for the types whose body lists other manifests (index, manifest list). */
export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

/** True for Docker schema 1, whose bytes are re-signed by the registry on every GET. */
export function isSchema1MediaType(mediaType: string): boolean {
  return mediaType === DOCKER_MANIFEST_SCHEMA1_SIGNED || mediaType === DOCKER_MANIFEST_SCHEMA1;
}

/** True for every media type a manifest may have, {@link MANIFEST_MEDIA_TYPES}. */
export function isManifestMediaType(mediaType: string): boolean {
  return MANIFEST_MEDIA_TYPES.includes(mediaType);
}
