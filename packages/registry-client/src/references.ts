import { isDigest } from './digest.js';
import { RegistryError } from './errors.js';

// Grammar of the OCI Distribution spec, "Pulling manifests": names are
// path components separated by `/`, tags at most 128 characters.
const component = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${component}(?:/${component})*$`);
const tagPattern = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

/** Throws INVALID_ARGUMENT unless `name` is a valid repository name. */
export function checkRepository(name: string): void {
  if (name.length <= 255 && repositoryPattern.test(name)) return;

  throw new RegistryError('INVALID_ARGUMENT', `invalid repository name: ${name.slice(0, 80)}`, {
    repository: name,
  });
}

/** Throws INVALID_ARGUMENT unless `reference` is a valid tag or digest. */
export function checkReference(repository: string, reference: string): void {
  if (tagPattern.test(reference) || isDigest(reference)) return;

  throw new RegistryError('INVALID_ARGUMENT', `invalid tag or digest: ${reference.slice(0, 80)}`, {
    repository,
    reference,
  });
}

/** Throws INVALID_ARGUMENT unless `digest` is a supported digest. */
export function checkDigest(repository: string, digest: string): void {
  if (isDigest(digest)) return;

  throw new RegistryError('INVALID_ARGUMENT', `invalid digest: ${digest.slice(0, 80)}`, {
    repository,
    digest,
  });
}
