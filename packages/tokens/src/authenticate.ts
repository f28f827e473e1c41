import { compare } from 'bcryptjs';
import type { Account, Accounts } from './load-accounts.js';

/**
 * A bcrypt hash of a random password, compared against when the account is
 * unknown, so that unknown names take as long as wrong passwords.
 */
const decoyHash = '$2b$10$uRZLKngN.6a3fQ2Hlokc3OUceegFUT2PsFi086SYLMx7CGYe1RARq';

/**
 * The account whose name and password match, or undefined. Takes about the
 * same time whether the name is unknown or the password wrong.
 */
export async function authenticate(
  accounts: Accounts | undefined,
  name: string,
  password: string,
): Promise<Account | undefined> {
  const account = accounts?.accounts.find((candidate) => candidate.name === name);

  const matches = await compare(password, account?.passwordHash ?? decoyHash);

  return matches ? account : undefined;
}
