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
    throw new Error(
      `${command} ${args.join(' ')} failed (${failure.code}): ${failure.stderr ?? ''}${failure.stdout ?? ''}`,
      { cause: error },
    );
  }
}
