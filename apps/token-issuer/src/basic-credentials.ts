/** A user name and password from an HTTP basic `Authorization` header. */
export interface BasicCredentials {
  name: string;
  password: string;
}

/** Parses `Basic base64(name:password)`; the password may contain `:`. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return undefined;

  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;

  return { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
