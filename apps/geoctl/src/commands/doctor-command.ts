import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { doctorJson, doctorText } from '../doctor-views.js';
import { ChecksFailedError } from '../errors.js';

/**
 * `geoctl doctor`: asks the site to check what replication depends on and
 * prints the report; exits 1 when a check failed.
 */
export function addDoctorCommand(
  program: Command,
  context: (command: Command) => CommandContext,
): void {
  program
    .command('doctor')
    .description(
      'check the primary (and that it accepts our tokens), the secondary, ' +
        'NATS streams, database migrations and the replication switch',
    )
    .action(async (_options, command: Command) => {
      const out = context(command);

      const response = await out.withStatus((api) => api.diagnose());

      const report = doctorJson(response);
      out.print(report, () => doctorText(report));
      if (!report.ok) {
        throw new ChecksFailedError(report.checks.filter((c) => !c.ok).map((c) => c.name));
      }
    });
}
