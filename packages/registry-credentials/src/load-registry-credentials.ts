import { readFileSync } from 'node:fs';
import { z } from '@geo/config';
import { RegistryCredentialsError } from './errors.js';

const nonEmpty = z.string().min(1, 'must not be empty');

const credentialsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('anonymous') }).strict(),
  z.object({ type: z.literal('basic'), username: nonEmpty, password: nonEmpty }).strict(),
  z.object({ type: z.literal('bearer'), username: nonEmpty, password: nonEmpty }).strict(),
  z
    .object({ type: z.literal('oauth2'), refreshToken: nonEmpty, username: nonEmpty.optional() })
    .strict(),
  z.object({ type: z.literal('token-issuer') }).strict(),
]);

/**
 * How to authenticate to one registry, as a credentials file says:
 * `anonymous`, `basic` (HTTP basic on every request), `bearer` (answer the
 * registry's challenge with basic credentials), `oauth2` (exchange a refresh
 * token at the realm) or `token-issuer` (the site's own token-issuer).
 */
export type RegistryCredentials = z.infer<typeof credentialsSchema>;

/** The kinds of {@link RegistryCredentials}. */
export type RegistryCredentialsType = RegistryCredentials['type'];

/**
 * Reads and validates a JSON credentials file. Errors name the file and the
 * field, never a value: the file holds passwords and refresh tokens, and a
 * JSON syntax error would quote them.
 */
export function loadRegistryCredentials(file: string): RegistryCredentials {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RegistryCredentialsError('CREDENTIALS_UNREADABLE', `${file}: cannot read (${code})`, {
      file,
      cause: error,
    });
  }

  return parseRegistryCredentials(text, file);
}

/** Validates the text of a credentials file; `file` only names it in errors. */
export function parseRegistryCredentials(text: string, file: string): RegistryCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // No cause: the parser's message quotes the text around the mistake.
    throw new RegistryCredentialsError('CREDENTIALS_UNREADABLE', `${file}: not valid JSON`, {
      file,
    });
  }

  const result = credentialsSchema.safeParse(json);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? '' : 'type');
  throw new RegistryCredentialsError(
    'CREDENTIALS_INVALID',
    `${file}: ${describeIssue(issue, field)}`,
    { file, field: field || undefined },
  );
}

function describeIssue(issue: z.core.$ZodIssue | undefined, field: string): string {
  if (!issue) return 'invalid';

  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`;

  if (field === 'type' && issue.code !== 'invalid_type') {
    return 'type must be one of anonymous, basic, bearer, oauth2, token-issuer';
  }

  if (issue.code === 'invalid_type' && issue.input === undefined) return `${field} is required`;

  return `${field}: ${issue.message}`;
}
