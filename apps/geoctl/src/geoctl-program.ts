import { Command, Option } from 'commander';
import { CommandContext, type GeoctlIo } from './command-context.js';
import { addDoctorCommand } from './commands/doctor-command.js';
import { addFreshCommand } from './commands/fresh-command.js';
import { addRepoCommand } from './commands/repo-command.js';
import { addReposCommand } from './commands/repos-command.js';
import { addResyncCommand } from './commands/resync-command.js';
import { addStatusCommand } from './commands/status-command.js';
import { DEFAULT_STATUS_URL } from './config.js';
import { serverOption } from './option-parsers.js';

const serverHelp =
  'status service, host:port or dns:///host:port ' +
  `(default: $GEO_STATUS_URL, else ${DEFAULT_STATUS_URL})`;

/**
 * Builds geoctl's command line. Commander reports usage errors by throwing
 * (exitOverride), so the caller decides the exit status.
 */
export function createGeoctlProgram(io: GeoctlIo): Command {
  const program = new Command('geoctl')
    .description('Ask a secondary site how far container registry replication has come.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run geoctl --help for usage)')
    .option('--json', 'print JSON for tools: camelCase fields, ISO timestamps')
    .addOption(new Option('--server <target>', serverHelp).argParser(serverOption));

  const context = (command: Command) => new CommandContext(io, command);
  addStatusCommand(program, context);
  addReposCommand(program, context);
  addRepoCommand(program, context);
  addResyncCommand(program, context);
  addFreshCommand(program, context);
  addDoctorCommand(program, context);

  return program;
}
