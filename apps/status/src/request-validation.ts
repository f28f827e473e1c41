import { InvalidArgumentError } from './errors.js';

/** Page size when the request leaves it 0. */
export const DEFAULT_PAGE_SIZE = 100;

/** The largest page handed out; larger requests are capped, not refused. */
export const MAX_PAGE_SIZE = 1000;

/** Longest repository name the OCI distribution spec lets registries accept. */
const MAX_NAME_LENGTH = 255;

// One path component of a repository name, per the OCI distribution spec.
const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${component}(?:/${component})*$`);

/** Checks a repository name (OCI distribution grammar) and returns it. */
export function requireRepositoryName(name: string, field = 'name'): string {
  if (name === '') throw new InvalidArgumentError(field, 'is required');

  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidArgumentError(field, `is longer than ${MAX_NAME_LENGTH} characters`);
  }

  if (!repositoryPattern.test(name)) {
    throw new InvalidArgumentError(
      field,
      `"${name}" is not a repository name (lowercase path components of ` +
        'letters and digits joined by ".", "_", "__" or "-", separated by "/")',
    );
  }

  return name;
}

/** The page size to use for a request's `page_size`. */
export function pageSize(requested: number): number {
  if (requested === 0) return DEFAULT_PAGE_SIZE;

  return Math.min(requested, MAX_PAGE_SIZE);
}

/** Checks a `name_contains` filter: text that can occur in a repository name. */
export function requireNameFilter(text: string, field = 'name_contains'): string {
  if (text.length > MAX_NAME_LENGTH) {
    throw new InvalidArgumentError(field, `is longer than ${MAX_NAME_LENGTH} characters`);
  }

  if (!/^[a-z0-9._/-]*$/.test(text)) {
    throw new InvalidArgumentError(
      field,
      'may hold only lowercase letters, digits, ".", "_", "-" and "/"',
    );
  }

  return text;
}

// A tag, per the OCI distribution spec.
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Checks a tag (OCI distribution grammar) and returns it. */
export function requireTag(tag: string, field = 'tag'): string {
  if (tag === '') throw new InvalidArgumentError(field, 'is required');

  if (!tagPattern.test(tag)) {
    throw new InvalidArgumentError(
      field,
      `"${tag.slice(0, 140)}" is not a tag (up to 128 letters, digits, "_", "." and "-", ` +
        'not starting with "." or "-")',
    );
  }

  return tag;
}
