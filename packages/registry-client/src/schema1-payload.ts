import { RegistryError } from './errors.js';

interface ProtectedHeader {
  formatLength?: unknown;
  formatTail?: unknown;
}

/**
 * The payload a Docker schema 1 signed manifest's digest is computed over:
 * the bytes without the `signatures` member. Every signature's protected
 * header says how: keep `formatLength` bytes, then append `formatTail`.
 * CNCF Distribution signs schema 1 afresh on every GET, so only this
 * payload, never the whole body, hashes to `Docker-Content-Digest`. A
 * manifest without signatures is its own payload.
 */
export function schema1Payload(bytes: Buffer): Buffer {
  const signatures = parseSignatures(bytes);
  const first = signatures[0];
  if (first === undefined) return bytes;

  const header = decodeProtected(first);
  if (
    typeof header.formatLength !== 'number' ||
    typeof header.formatTail !== 'string' ||
    header.formatLength < 0 ||
    header.formatLength > bytes.length
  ) {
    throw invalid('its signature header has no valid formatLength and formatTail');
  }

  const tail = Buffer.from(header.formatTail, 'base64url');
  return Buffer.concat([bytes.subarray(0, header.formatLength), tail]);
}

function parseSignatures(bytes: Buffer): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid('it is not JSON');
  }

  const signatures = (body as { signatures?: unknown } | null)?.signatures;
  if (signatures === undefined) return [];
  if (Array.isArray(signatures)) return signatures;
  throw invalid('its signatures are not an array');
}

function decodeProtected(signature: unknown): ProtectedHeader {
  const encoded = (signature as { protected?: unknown } | null)?.protected;
  if (typeof encoded !== 'string') throw invalid('a signature has no protected header');

  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as ProtectedHeader;
  } catch {
    throw invalid('a protected header is not JSON');
  }
}

function invalid(reason: string): RegistryError {
  return new RegistryError('INVALID_RESPONSE', `schema 1 manifest: ${reason}`);
}
