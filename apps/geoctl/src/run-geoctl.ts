import { CommanderError } from 'commander';
import type { GeoctlIo } from './command-context.js';
import { ExitCode, GeoctlError } from './errors.js';
import { createGeoctlProgram } from './geoctl-program.js';

/** Commander's codes for help and version output, which are not failures. */
const informational = new Set(['commander.helpDisplayed', 'commander.version']);

/** Runs geoctl with `args` (without node and the script) and returns its exit status. */
export async function runGeoctl(args: string[], io: GeoctlIo): Promise<number> {
  const program = createGeoctlProgram(io);

  try {
    await program.parseAsync(args, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return exitStatus(error, io);
  }
}

function exitStatus(error: unknown, io: GeoctlIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    return informational.has(error.code) ? ExitCode.ok : ExitCode.usage;
  }

  if (error instanceof GeoctlError) {
    io.stderr(`geoctl: ${error.message}\n`);
    return error.exitCode;
  }

  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`geoctl: unexpected failure: ${message}\n`);
  return ExitCode.failed;
}
