import type { Database } from '@geo/db';
import type { JetStreamClient, NatsConnection } from '@geo/stream';
import type { Logger } from '@geo/telemetry';
import type { RegistryCheckOptions } from './check-registries.js';
import type { FreshnessChecker } from './freshness-checker.js';
import type { PrimaryLookup } from './primary-lookup.js';

/** What the status service's handlers work with. */
export interface StatusContext {
  site: string;
  replicationEnabled: boolean;
  db: Database;
  nc: NatsConnection;
  js: JetStreamClient;
  logger: Logger;
  /** What Diagnose knows of the registries and the token-issuer. */
  registries: Omit<RegistryCheckOptions, 'site'>;
  /** Answers CheckFreshness; refuses when the primary or token-issuer is unknown. */
  freshness: FreshnessChecker;
  /** Whether the primary has a repository the site lacks, before a resync creates its row. */
  primary: PrimaryLookup;
}
