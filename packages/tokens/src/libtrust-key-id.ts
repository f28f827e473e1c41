import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += base32Alphabet[(value << (5 - bits)) & 31];
  return output;
}

/**
 * The libtrust key id of a public key, as CNCF Distribution computes it for
 * the keys of `rootcertbundle` and compares with a token's `kid`: SHA-256 of
 * the DER SubjectPublicKeyInfo, first 240 bits, base32, in groups of four
 * joined by `:` (`ABCD:EFGH:...`, 12 groups).
 *
 * A private key is accepted too; its public half is used.
 */
export function libtrustKeyId(publicKey: KeyObject): string {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  const spki = key.export({ type: 'spki', format: 'der' });
  const digest = createHash('sha256').update(spki).digest();
  const encoded = base32(digest.subarray(0, 30));

  return encoded.match(/.{4}/g)?.join(':') ?? encoded;
}
