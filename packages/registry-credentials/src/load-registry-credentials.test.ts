import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@geo/testkit';
import { describe, expect, it } from 'vitest';
import { RegistryCredentialsError } from './errors.js';
import { loadRegistryCredentials, parseRegistryCredentials } from './load-registry-credentials.js';

const file = '/etc/geo/primary.json';

function failure(text: string): RegistryCredentialsError {
  try {
    parseRegistryCredentials(text, file);
  } catch (error) {
    if (error instanceof RegistryCredentialsError) return error;
    throw error;
  }
  throw new Error('expected the credentials to be refused');
}

describe('loadRegistryCredentials', () => {
  it('reads every kind of credentials', () => {
    const kinds = [
      { type: 'anonymous' },
      { type: 'basic', username: 'ci', password: 's3cret' },
      { type: 'bearer', username: 'ci', password: 's3cret' },
      { type: 'oauth2', refreshToken: 'r3fresh' },
      { type: 'oauth2', refreshToken: 'r3fresh', username: '00000000-0000' },
      { type: 'token-issuer' },
    ];

    for (const kind of kinds) {
      expect(parseRegistryCredentials(JSON.stringify(kind), file)).toEqual(kind);
    }
  });

  it('reads a file from disk', async () => {
    const dir = await tempDir('geo-credentials-');
    const path = join(dir.path, 'creds.json');
    await writeFile(path, JSON.stringify({ type: 'basic', username: 'ci', password: 'pw' }));

    expect(loadRegistryCredentials(path)).toEqual({
      type: 'basic',
      username: 'ci',
      password: 'pw',
    });
    await dir.remove();
  });

  it('names the file of a missing file', () => {
    expect(() => loadRegistryCredentials('/nonexistent/creds.json')).toThrow(
      /\/nonexistent\/creds\.json: cannot read \(ENOENT\)/,
    );
  });

  it('names the missing field and the file', () => {
    const error = failure('{"type":"basic","username":"ci"}');

    expect(error).toMatchObject({ code: 'CREDENTIALS_INVALID', field: 'password', file });
    expect(error.message).toBe(`${file}: password is required`);
  });

  it('names an unknown type without repeating the file content', () => {
    const error = failure('{"type":"kerberos","password":"do-not-print"}');

    expect(error.message).toMatch(/type must be one of anonymous, basic, bearer/);
    expect(error.message).not.toContain('do-not-print');
  });

  it('refuses a misspelt field, naming the field but not the secret next to it', () => {
    const error = failure('{"type":"basic","username":"ci","password":"pw","pasword":"s3"}');

    expect(error.message).toBe(`${file}: unknown field pasword`);
    expect(error.message).not.toContain('s3');
  });

  it('says a field has the wrong type without quoting its value', () => {
    const error = failure('{"type":"oauth2","refreshToken":12345678}');

    expect(error).toMatchObject({ field: 'refreshToken' });
    expect(error.message).not.toContain('12345678');
  });

  it('refuses broken JSON without quoting the text around the mistake', () => {
    const error = failure('{"type":"basic","password":"leaky-secret" oops}');

    expect(error).toMatchObject({ code: 'CREDENTIALS_UNREADABLE' });
    expect(error.message).toBe(`${file}: not valid JSON`);
    expect(error.cause).toBeUndefined();
  });
});
