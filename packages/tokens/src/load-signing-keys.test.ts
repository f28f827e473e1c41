import type { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { generateSigningKey, run, type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateUnreadableError, SigningKeysEmptyError } from './errors.js';
import type { SigningKey } from './load-signing-key.js';
import { loadSigningKeys, pickSigningKey } from './load-signing-keys.js';

/** A key whose certificate is valid from `validFrom`, as X509Certificate prints it. */
function datedKey(key: SigningKey, validFrom: string): SigningKey {
  return { ...key, certificate: { validFrom } as X509Certificate };
}

describe('loadSigningKeys', () => {
  let dir: TempDir;

  beforeAll(async () => {
    dir = await tempDir('geo-tokens-keys-');
  });

  afterAll(async () => {
    await dir.remove();
  });

  it('signs with the last listed key when a key has no certificate', async () => {
    const first = await generateSigningKey(dir.path, 'first');
    const second = await generateSigningKey(dir.path, 'second');

    const set = await loadSigningKeys([second.keyFile, first.keyFile], [second.certFile]);

    expect(set.keys).toHaveLength(2);
    expect(set.current).toBe(set.keys[1]);
    expect(set.keys[0]?.certificate).toBeDefined();
    expect(set.keys[1]?.certificate).toBeUndefined();
  });

  it('signs with the key whose certificate is newest, whatever the order', async () => {
    const a = await generateSigningKey(dir.path, 'dated-a');
    const b = await generateSigningKey(dir.path, 'dated-b');
    const { keys } = await loadSigningKeys([a.keyFile, b.keyFile]);
    const [first, second] = keys as [SigningKey, SigningKey];
    const newer = datedKey(first, 'Jan  1 00:00:00 2025 GMT');
    const older = datedKey(second, 'Jan  1 00:00:00 2024 GMT');

    expect(pickSigningKey([newer, older])).toBe(newer);
    expect(pickSigningKey([older, newer])).toBe(newer);
  });

  it('takes a certificate kept in the key file itself', async () => {
    const key = await generateSigningKey(dir.path, 'combined');
    const combined = join(dir.path, 'combined.pem');
    await run('sh', ['-c', `cat "${key.keyFile}" "${key.certFile}" > "${combined}"`]);

    const set = await loadSigningKeys([combined]);

    expect(set.current.certificate).toBeDefined();
  });

  it('refuses an empty list and an unreadable certificate file', async () => {
    const key = await generateSigningKey(dir.path, 'lonely');

    await expect(loadSigningKeys([])).rejects.toBeInstanceOf(SigningKeysEmptyError);
    await expect(loadSigningKeys([key.keyFile], [key.keyFile])).rejects.toBeInstanceOf(
      CertificateUnreadableError,
    );
  });

  it('picks the later listed of two keys with equal notBefore', async () => {
    const a = await generateSigningKey(dir.path, 'tie-a');
    const set = await loadSigningKeys([a.keyFile, a.keyFile], [a.certFile]);

    expect(pickSigningKey(set.keys)).toBe(set.keys[1]);
  });
});
