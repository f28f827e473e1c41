import { type AccessScope, anonymousAuth, type RegistryAuth } from '@geo/registry-client';
import {
  type DiscoverOptions,
  discoverChallenge,
  type RegistryChallenge,
} from './discover-challenge.js';

/** Builds the auth that answers a registry's challenge. */
export type AuthForChallenge = (challenge: RegistryChallenge) => RegistryAuth;

/**
 * A RegistryAuth that asks the registry how to authenticate on first use,
 * then delegates to what `build` makes of the challenge. Invalidation forgets
 * the challenge too: a refused token may mean the registry moved its realm.
 */
export function discoveringAuth(
  url: string,
  build: AuthForChallenge,
  options: DiscoverOptions = {},
): RegistryAuth {
  let current: Promise<RegistryAuth> | undefined;

  const resolve = (): Promise<RegistryAuth> => {
    if (current) return current;

    const discovering = discoverChallenge(url, options).then((challenge) =>
      challenge.scheme === 'none' ? anonymousAuth : build(challenge),
    );
    current = discovering;
    discovering.catch(() => {
      if (current === discovering) current = undefined;
    });
    return discovering;
  };

  return {
    async authorization(scopes: AccessScope[]) {
      const auth = await resolve();
      return auth.authorization(scopes);
    },

    invalidate() {
      const previous = current;
      current = undefined;
      void previous?.then(
        (auth) => auth.invalidate(),
        () => undefined,
      );
    },
  };
}
