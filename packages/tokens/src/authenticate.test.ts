import { hash } from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from './authenticate.js';
import type { Accounts } from './load-accounts.js';

describe('authenticate', () => {
  let accounts: Accounts;

  beforeAll(async () => {
    accounts = {
      accounts: [{ name: 'ci', passwordHash: await hash('correct horse', 4), grants: [] }],
    };
  });

  it('returns the account whose password matches', async () => {
    await expect(authenticate(accounts, 'ci', 'correct horse')).resolves.toMatchObject({
      name: 'ci',
    });
  });

  it('refuses a wrong password', async () => {
    await expect(authenticate(accounts, 'ci', 'battery staple')).resolves.toBeUndefined();
  });

  it('refuses an unknown account', async () => {
    await expect(authenticate(accounts, 'nobody', 'correct horse')).resolves.toBeUndefined();
  });

  it('refuses everyone when there are no accounts', async () => {
    await expect(authenticate(undefined, 'ci', 'correct horse')).resolves.toBeUndefined();
  });
});
