import { readFile } from 'node:fs/promises';
import { z } from '@geo/config';
import { AccountsFileError } from './errors.js';

const actions = z.array(z.string().regex(/^(?:\*|[a-z][a-z-]*)$/, 'expected an action')).min(1);

const repositoryGrant = z.strictObject({
  /** A pattern, see {@link matchRepository}. */
  repository: z.string().min(1),
  actions,
});

const registryGrant = z.strictObject({
  /** A registry-wide resource; `catalog` is the only one CNCF Distribution knows. */
  registry: z.string().min(1),
  actions,
});

const accountsSchema = z.strictObject({
  accounts: z.array(
    z.strictObject({
      name: z.string().min(1),
      passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$.{53}$/, 'expected a bcrypt hash'),
      grants: z.array(z.union([repositoryGrant, registryGrant])).default([]),
    }),
  ),
});

/** The file of accounts that may log in to the Docker token endpoint. */
export type Accounts = z.infer<typeof accountsSchema>;

/** One account: a name, a bcrypt hash of its password, and what it may do. */
export type Account = Accounts['accounts'][number];

/** One entry of an account's `grants`. */
export type Grant = Account['grants'][number];

/**
 * Validates parsed JSON as an accounts file; `source` names it in errors.
 * Account names must be unique.
 */
export function parseAccounts(json: unknown, source = 'accounts'): Accounts {
  const result = accountsSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new AccountsFileError(source, `${where}: ${issue?.message ?? 'invalid'}`);
  }

  const names = result.data.accounts.map((account) => account.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new AccountsFileError(source, `account "${duplicate}" is listed twice`);
  }

  return result.data;
}

/**
 * Reads an accounts file:
 * `{ "accounts": [ { "name", "passwordHash", "grants": [ { "repository", "actions" } ] } ] }`.
 * A grant may name `"registry": "catalog"` instead of a repository pattern.
 */
export async function loadAccounts(file: string): Promise<Accounts> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AccountsFileError(file, 'not a readable JSON file', { cause: error });
  }

  return parseAccounts(json, file);
}
