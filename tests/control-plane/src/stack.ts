import { type Database, openDatabase } from '@geo/db';
import type { RegistryClient } from '@geo/registry-client';
import { pusher, type SiteOptions, type SiteStack, startSite } from '@geo/testkit';
import { loginClient } from './registry-login.js';

export { pusher };

/** Options of {@link startStack}. */
export type StackOptions = SiteOptions;

/** A site with a pool on its database and the pusher's clients of both registries. */
export interface Stack extends SiteStack {
  /** A pool on the site's database, for reading its state. */
  db: Database;
  primaryClient: RegistryClient;
  secondaryClient: RegistryClient;
}

/**
 * Starts a whole site (see `startSite`) with a fast scheduler and short
 * claim leases, so recovery happens within a test's patience.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = {
    ...options.env,
    'event-log-cursor': {
      GEO_CURSOR_SCHEDULE_INTERVAL_MS: '500',
      ...options.env?.['event-log-cursor'],
    },
    'sync-worker': { GEO_SYNC_LEASE_MS: '3000', ...options.env?.['sync-worker'] },
  };
  const site = await startSite({ ...options, env });
  const database = openDatabase(site.database.url, { max: 4 });
  const { tokenRealm: realm } = site;
  const primaryClient = loginClient(site.primary.url, realm, site.primaryService, pusher);
  const secondaryClient = loginClient(site.secondary.url, realm, site.secondaryService, pusher);
  const stopSite = site.stop;

  return Object.assign(site, {
    db: database.db,
    primaryClient,
    secondaryClient,
    async stop() {
      await Promise.all([primaryClient.close(), secondaryClient.close()]);
      await database.close();
      await stopSite();
    },
  });
}
