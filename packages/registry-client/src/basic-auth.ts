import type { RegistryAuth } from './registry-auth.js';

/** HTTP basic authentication with a fixed user and password. */
export function basicAuth(user: string, password: string): RegistryAuth {
  const header = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  return {
    authorization: async () => header,
    invalidate: () => undefined,
  };
}
