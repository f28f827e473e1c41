import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CertificateUnreadableError } from './errors.js';

const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Every PEM certificate in `pem`, in order; other blocks (a private key kept
 * in the same file) are skipped. A registry's `rootcertbundle` reads the same.
 */
export function parseCertificates(pem: string, source = 'PEM'): X509Certificate[] {
  const blocks = pem.match(certificateBlock) ?? [];

  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new CertificateUnreadableError(source, 'a certificate is malformed', { cause: error });
    }
  });
}

/** Reads a PEM file of one or more certificates, such as a registry's `rootcertbundle`. */
export async function loadCertificates(file: string): Promise<X509Certificate[]> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new CertificateUnreadableError(file, 'not a readable file', { cause: error });
  }

  const certificates = parseCertificates(pem, file);
  if (certificates.length === 0) {
    throw new CertificateUnreadableError(file, 'it holds no PEM certificate');
  }

  return certificates;
}
