import { createPrivateKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SigningKeyUnreadableError, SigningKeyUnsupportedError } from './errors.js';
import { libtrustKeyId } from './libtrust-key-id.js';
import { parseCertificates } from './parse-certificates.js';

/** JWS algorithms a registry accepts from us: RS256 for RSA keys, ES256 for P-256 keys. */
export type SigningAlgorithm = 'RS256' | 'ES256';

/** A private key ready to sign registry tokens. */
export interface SigningKey {
  privateKey: KeyObject;
  algorithm: SigningAlgorithm;
  /** The libtrust id of the public key, sent as the token's `kid`. */
  keyId: string;
  /**
   * The certificate of the public key, when one was given: it dates the key
   * for rotation and can travel in the token's `x5c` header.
   */
  certificate?: X509Certificate;
}

/** The first of `certificates` whose public key is `key`'s, if any. */
export function certificateFor(
  key: SigningKey,
  certificates: X509Certificate[],
): X509Certificate | undefined {
  return certificates.find((certificate) => libtrustKeyId(certificate.publicKey) === key.keyId);
}

/** Picks the algorithm for `key`, or undefined when registries would not take it. */
function algorithmOf(key: KeyObject): SigningAlgorithm | undefined {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ES256';
  }
  return undefined;
}

/**
 * Builds a {@link SigningKey} from PEM text; `source` names it in errors. A
 * certificate of the key in the same text is kept as its `certificate`.
 */
export function signingKeyFromPem(pem: string, source = 'PEM'): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new SigningKeyUnreadableError(source, { cause: error });
  }

  const algorithm = algorithmOf(privateKey);
  if (!algorithm) {
    const details = privateKey.asymmetricKeyDetails?.namedCurve;
    const keyType = [privateKey.asymmetricKeyType, details].filter(Boolean).join(' ');
    throw new SigningKeyUnsupportedError(source, keyType);
  }

  const key: SigningKey = { privateKey, algorithm, keyId: libtrustKeyId(privateKey) };
  const certificate = certificateFor(key, parseCertificates(pem, source));
  if (certificate) key.certificate = certificate;

  return key;
}

/**
 * Reads an unencrypted PEM private key: PKCS#8 (`PRIVATE KEY`), PKCS#1
 * (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`, P-256 only).
 */
export async function loadSigningKey(pemFile: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(pemFile, 'utf8');
  } catch (error) {
    throw new SigningKeyUnreadableError(pemFile, { cause: error });
  }

  return signingKeyFromPem(pem, pemFile);
}
