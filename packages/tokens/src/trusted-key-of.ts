import { type KeyObject, X509Certificate } from 'node:crypto';
import { libtrustKeyId } from './libtrust-key-id.js';

/**
 * The public key a registry would verify `token` with, or undefined when it
 * trusts none. As in CNCF Distribution: with an `x5c` header the leaf
 * certificate must be, or be issued by, a certificate of the bundle;
 * otherwise `kid` must be the libtrust id of one of them.
 */
export function trustedKeyOf(
  token: string,
  claims: { keyId?: string; hasX5c: boolean },
  certificates: X509Certificate[],
): KeyObject | undefined {
  if (claims.hasX5c) return trustedLeaf(token, certificates)?.publicKey;

  const trusted = certificates.find(
    (certificate) => libtrustKeyId(certificate.publicKey) === claims.keyId,
  );
  return trusted?.publicKey;
}

function trustedLeaf(token: string, roots: X509Certificate[]): X509Certificate | undefined {
  const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
  const first = (header.x5c as unknown[])[0];
  if (typeof first !== 'string') return undefined;

  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(Buffer.from(first, 'base64'));
  } catch {
    return undefined;
  }

  const trusted = roots.some(
    (root) => root.raw.equals(leaf.raw) || (leaf.checkIssued(root) && leaf.verify(root.publicKey)),
  );
  return trusted ? leaf : undefined;
}
