import { hash } from 'bcryptjs';
import { PasswordUnusableError } from './errors.js';

/** bcrypt reads at most this many bytes of a password and ignores the rest. */
export const maxPasswordBytes = 72;

/**
 * A bcrypt hash of `password` for the `passwordHash` of an accounts file.
 * Refuses passwords bcrypt would silently truncate.
 */
export async function hashPassword(password: string, cost = 12): Promise<string> {
  if (password === '') throw new PasswordUnusableError('it is empty');

  if (Buffer.byteLength(password, 'utf8') > maxPasswordBytes) {
    throw new PasswordUnusableError(`bcrypt reads only its first ${maxPasswordBytes} bytes`);
  }

  return hash(password, cost);
}
