import type { RegistryAuth } from './registry-auth.js';

/** No credentials at all. */
export const anonymousAuth: RegistryAuth = {
  authorization: async () => undefined,
  invalidate: () => undefined,
};
