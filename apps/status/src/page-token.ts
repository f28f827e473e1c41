import { createHash } from 'node:crypto';
import { InvalidArgumentError } from './errors.js';

/** The filters a page token is bound to: a token is only good for the query that made it. */
export interface PageFilter {
  state: number | undefined;
  nameContains: string;
}

interface TokenBody {
  /** The last name of the previous page. */
  a: string;
  /** Fingerprint of the filters. */
  f: string;
}

function fingerprint(filter: PageFilter): string {
  const canonical = JSON.stringify([filter.state ?? null, filter.nameContains]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/** An opaque token for the page after `lastName` under `filter`. */
export function encodePageToken(lastName: string, filter: PageFilter): string {
  const body: TokenBody = { a: lastName, f: fingerprint(filter) };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * The name to continue after, from a token that {@link encodePageToken} made
 * for the same filter; undefined for an empty token (the first page).
 * Anything else is an {@link InvalidArgumentError}.
 */
export function decodePageToken(token: string, filter: PageFilter): string | undefined {
  if (token === '') return undefined;

  const body = parse(token);
  if (!body) throw new InvalidArgumentError('page_token', 'is not a token this service issued');

  if (body.f !== fingerprint(filter)) {
    throw new InvalidArgumentError('page_token', 'was issued for other filters');
  }

  return body.a;
}

function parse(token: string): TokenBody | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;

  try {
    const body: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const { a, f } = (body ?? {}) as Partial<TokenBody>;
    return typeof a === 'string' && a !== '' && typeof f === 'string' ? { a, f } : undefined;
  } catch {
    return undefined;
  }
}
