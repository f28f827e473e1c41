/**
 * Media types of manifests (images, lists, indexes, artifacts). A push event
 * carrying one of them is a manifest push; any other media type is a blob.
 */
export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.artifact.manifest.v1+json',
]);

/** Whether `mediaType` (parameters allowed) names a manifest rather than a blob. */
export function isManifestMediaType(mediaType: string | undefined): boolean {
  const essence = mediaType?.split(';')[0]?.trim().toLowerCase();
  return essence !== undefined && MANIFEST_MEDIA_TYPES.has(essence);
}
