import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { authenticate } from '@geo/tokens';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/hash-password.js', import.meta.url));

const hashFromStdin = (input: string) =>
  spawnSync(process.execPath, [cli], { input, encoding: 'utf8' });

describe('the hash-password command', () => {
  it('prints a hash that the password on stdin authenticates against', async () => {
    const result = hashFromStdin('correct horse\n');
    const passwordHash = result.stdout.trim();
    const accounts = { accounts: [{ name: 'ci', passwordHash, grants: [] }] };

    expect(result.status).toBe(0);
    await expect(authenticate(accounts, 'ci', 'correct horse')).resolves.toBeDefined();
  });

  it('exits with status 2 when stdin is empty', () => {
    const result = hashFromStdin('');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('empty');
  });
});
