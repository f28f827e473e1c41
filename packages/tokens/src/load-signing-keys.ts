import { SigningKeysEmptyError } from './errors.js';
import { certificateFor, loadSigningKey, type SigningKey } from './load-signing-key.js';
import { loadCertificates } from './parse-certificates.js';

/** Every key token-issuer holds during a rotation, and the one that signs. */
export interface SigningKeySet {
  /** Every key, in the order listed. */
  keys: SigningKey[];
  /** The key new tokens are signed with; see {@link pickSigningKey}. */
  current: SigningKey;
}

function notBefore(key: SigningKey): number {
  return key.certificate ? Date.parse(key.certificate.validFrom) : Number.NaN;
}

/**
 * The newest key, which signs. When every key has a certificate, the one
 * whose certificate's notBefore is latest (the later listed on a tie);
 * otherwise the last listed, so the order of the list decides.
 */
export function pickSigningKey(keys: SigningKey[]): SigningKey {
  const last = keys.at(-1);
  if (!last) throw new SigningKeysEmptyError();

  if (keys.some((key) => Number.isNaN(notBefore(key)))) return last;

  return keys.reduce((newest, key) => (notBefore(key) >= notBefore(newest) ? key : newest));
}

/**
 * Loads every key of `keyFiles` and gives each the certificate of
 * `certificateFiles` (or of its own file) that holds its public key.
 * Certificates of other keys are ignored, so a registry's whole
 * `rootcertbundle` may be named.
 */
export async function loadSigningKeys(
  keyFiles: string[],
  certificateFiles: string[] = [],
): Promise<SigningKeySet> {
  if (keyFiles.length === 0) throw new SigningKeysEmptyError();

  const keys = await Promise.all(keyFiles.map((file) => loadSigningKey(file)));
  const certificates = (await Promise.all(certificateFiles.map(loadCertificates))).flat();

  for (const key of keys) {
    const certificate = certificateFor(key, certificates);
    if (certificate && !key.certificate) key.certificate = certificate;
  }

  return { keys, current: pickSigningKey(keys) };
}
