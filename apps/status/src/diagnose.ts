import type { DiagnoseResponse, DiagnosticCheck } from '@geo/contracts';
import { checkMigrations, MIGRATIONS_CHECK } from './check-migrations.js';
import {
  checkPrimaryRegistry,
  checkSecondaryRegistry,
  PRIMARY_CHECK,
  type RegistryCheckOptions,
  SECONDARY_CHECK,
} from './check-registries.js';
import { checkStreams, STREAMS_CHECK } from './check-streams.js';
import { passed, runCheck, warning } from './diagnostic-check.js';
import type { StatusContext } from './status-context.js';

/** How long one check may take; together they take no longer, as they run at once. */
export const CHECK_TIMEOUT_MS = 10_000;

/** The name of the replication switch's check. */
export const REPLICATION_CHECK = 'replication-switch';

/**
 * Runs every check of the site at once: the primary and secondary
 * registries, JetStream, the database migrations and the replication switch.
 */
export async function diagnose(
  context: StatusContext,
  registries: Omit<RegistryCheckOptions, 'site'>,
): Promise<DiagnoseResponse> {
  const options = { ...registries, site: context.site };

  const checks = await Promise.all([
    runCheck(PRIMARY_CHECK, CHECK_TIMEOUT_MS, (signal) => checkPrimaryRegistry(options, signal)),
    runCheck(SECONDARY_CHECK, CHECK_TIMEOUT_MS, (signal) =>
      checkSecondaryRegistry(options, signal),
    ),
    runCheck(STREAMS_CHECK, CHECK_TIMEOUT_MS, () => checkStreams(context.nc, context.site)),
    runCheck(MIGRATIONS_CHECK, CHECK_TIMEOUT_MS, () => checkMigrations(context.db)),
    Promise.resolve(replicationSwitch(context.replicationEnabled)),
  ]);

  return { site: context.site, checks };
}

function replicationSwitch(enabled: boolean): DiagnosticCheck {
  return enabled
    ? passed(REPLICATION_CHECK, 'replication is enabled')
    : warning(REPLICATION_CHECK, 'replication is disabled (GEO_REPLICATION_ENABLED=false)');
}
