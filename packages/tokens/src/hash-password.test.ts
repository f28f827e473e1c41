import { compare } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { PasswordUnusableError } from './errors.js';
import { hashPassword } from './hash-password.js';

describe('hashPassword', () => {
  it('produces a bcrypt hash the password matches', async () => {
    const hashed = await hashPassword('s3cret pass', 4);

    expect(hashed).toMatch(/^\$2b\$04\$/);
    await expect(compare('s3cret pass', hashed)).resolves.toBe(true);
  });

  it('refuses an empty password', async () => {
    await expect(hashPassword('', 4)).rejects.toBeInstanceOf(PasswordUnusableError);
  });

  it('refuses a password longer than bcrypt reads', async () => {
    await expect(hashPassword('x'.repeat(73), 4)).rejects.toBeInstanceOf(PasswordUnusableError);
  });
});
