import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a command to its end and returns its stdout; the error names the command and its stderr. */
export async function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; code?: number };
    const output = `${failure.stderr ?? ''}${failure.stdout ?? ''}`;
    throw new Error(`${describe(command, args)} failed (${failure.code}): ${output}`, {
      cause: error,
    });
  }
}

/** Flags whose value is a credential, e.g. skopeo's `--dest-creds user:password`. */
const secretFlag = /^--.*(creds|password|secret|token)$/;

/** The command line for an error message, with credential values masked. */
function describe(command: string, args: string[]): string {
  const shown = args.map((arg, index) => {
    const previous = args[index - 1];
    return previous !== undefined && secretFlag.test(previous) ? '[redacted]' : arg;
  });

  return [command, ...shown].join(' ');
}
