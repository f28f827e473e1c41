import { join } from 'node:path';
import { run } from './exec.js';

/** A private key and the self-signed certificate registries trust for it. */
export interface SigningKey {
  keyFile: string;
  certFile: string;
}

/** Generates an RSA key and a self-signed certificate with openssl into `dir`. */
export async function generateSigningKey(dir: string, name = 'token'): Promise<SigningKey> {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '30',
    '-subj',
    '/CN=geo-token-issuer',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { keyFile, certFile };
}
