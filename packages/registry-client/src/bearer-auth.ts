import { type AccessScope, type RegistryAuth, scopeKey } from './registry-auth.js';

/** A registry token and when it stops being valid. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Fetches a token granting `scopes`, e.g. from the token-issuer. */
export type TokenSource = (scopes: AccessScope[]) => Promise<IssuedToken>;

/** Options of {@link bearerAuth}. */
export interface BearerAuthOptions {
  /** Renew a token this long before it expires (default 30 s, at most half its life). */
  refreshBeforeMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

interface CachedToken {
  header: Promise<string>;
  renewAt: number;
}

/**
 * Bearer tokens from `fetchToken`, cached per set of scopes until shortly
 * before they expire. Concurrent requests for the same scopes share one fetch.
 */
export function bearerAuth(fetchToken: TokenSource, options: BearerAuthOptions = {}): RegistryAuth {
  const refreshBeforeMs = options.refreshBeforeMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedToken>();

  const fetchHeader = async (key: string, scopes: AccessScope[], entry: CachedToken) => {
    try {
      const issued = await fetchToken(scopes);
      const fetchedAt = now();
      const life = issued.expiresAt.getTime() - fetchedAt;
      entry.renewAt = fetchedAt + life - Math.min(refreshBeforeMs, life / 2);
      return `Bearer ${issued.token}`;
    } catch (error) {
      if (cache.get(key) === entry) cache.delete(key);
      throw error;
    }
  };

  return {
    authorization(scopes) {
      const key = scopeKey(scopes);
      const cached = cache.get(key);
      if (cached && now() < cached.renewAt) return cached.header;

      const entry: CachedToken = { header: Promise.resolve(''), renewAt: Number.POSITIVE_INFINITY };
      entry.header = fetchHeader(key, scopes, entry);
      cache.set(key, entry);
      return entry.header;
    },

    invalidate() {
      cache.clear();
    },
  };
}
