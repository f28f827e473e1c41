import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsFileError } from './errors.js';
import { loadAccounts, parseAccounts } from './load-accounts.js';

const hash = '$2b$04$saWw1br/Bwi0IHitzG7UhuU3hOcmjcs8F//eNqRueB600h8sYjnaS';

const valid = {
  accounts: [
    {
      name: 'ci',
      passwordHash: hash,
      grants: [
        { repository: 'team/*', actions: ['pull', 'push'] },
        { registry: 'catalog', actions: ['*'] },
      ],
    },
  ],
};

describe('parseAccounts', () => {
  it('accepts repository and registry grants', () => {
    expect(parseAccounts(valid)).toEqual(valid);
  });

  it('refuses a password that is not a bcrypt hash, naming where', () => {
    const json = { accounts: [{ name: 'ci', passwordHash: 'plain', grants: [] }] };

    expect(() => parseAccounts(json, 'a.json')).toThrow(/a\.json: accounts\.0\.passwordHash/);
  });

  it('refuses a grant with an empty list of actions', () => {
    const json = {
      accounts: [{ name: 'ci', passwordHash: hash, grants: [{ repository: 'x', actions: [] }] }],
    };

    expect(() => parseAccounts(json)).toThrow(AccountsFileError);
  });

  it('refuses an account listed twice', () => {
    const json = { accounts: [valid.accounts[0], valid.accounts[0]] };

    expect(() => parseAccounts(json)).toThrow(/"ci" is listed twice/);
  });

  it('refuses unknown fields, so that a typo does not silently grant nothing', () => {
    const json = {
      accounts: [{ name: 'ci', passwordHash: hash, grants: [{ repo: 'x', actions: ['pull'] }] }],
    };

    expect(() => parseAccounts(json)).toThrow(AccountsFileError);
  });
});

describe('loadAccounts', () => {
  let dir: TempDir;

  beforeAll(async () => {
    dir = await tempDir('geo-tokens-accounts-');
  });

  afterAll(async () => {
    await dir.remove();
  });

  it('reads a JSON accounts file', async () => {
    const file = join(dir.path, 'accounts.json');
    await writeFile(file, JSON.stringify(valid));

    await expect(loadAccounts(file)).resolves.toEqual(valid);
  });

  it('refuses a file that is not JSON with a coded error naming the file', async () => {
    const file = join(dir.path, 'broken.json');
    await writeFile(file, '{ accounts: ');

    await expect(loadAccounts(file)).rejects.toMatchObject({
      code: 'ACCOUNTS_FILE_INVALID',
      file,
    });
  });
});
