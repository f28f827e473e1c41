import { type ChildProcess, spawn } from 'node:child_process';

/** A child process whose output is kept for diagnosis. */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited(): Promise<number | null>;
  /** Sends SIGTERM, then SIGKILL after `graceMs`, and waits for the end. */
  stop(graceMs?: number): Promise<void>;
  /** Sends SIGKILL and waits for the end. */
  kill(): Promise<void>;
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  name: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Echo the output to this process's stderr as it comes (for debugging). */
  echo?: boolean;
}

const running = new Set<ManagedProcess>();

/** Starts `command` with `args`; the process is killed when the test process exits. */
export function startProcess(
  command: string,
  args: string[],
  options: StartProcessOptions,
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    if (options.echo || process.env.GEO_TEST_ECHO) {
      process.stderr.write(`[${options.name}] ${chunk.toString('utf8')}`);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exit = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });

  const managed: ManagedProcess = {
    name: options.name,
    child,
    output: () => chunks.join(''),
    exited: () => exit,
    async stop(graceMs = 5_000) {
      running.delete(managed);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
    async kill() {
      running.delete(managed);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exit;
    },
  };
  running.add(managed);
  return managed;
}

process.once('exit', () => {
  for (const managed of running) managed.child.kill('SIGKILL');
});

/** Waits until the process prints `pattern`, failing early if it exits. */
export async function waitForOutput(
  managed: ManagedProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<void> {
  if (pattern.test(managed.output())) return;

  const onData = new Promise<void>((resolve) => {
    const check = () => {
      if (!pattern.test(managed.output())) return;
      managed.child.stdout?.off('data', check);
      managed.child.stderr?.off('data', check);
      resolve();
    };
    managed.child.stdout?.on('data', check);
    managed.child.stderr?.on('data', check);
  });
  const exited = managed.exited().then((code) => {
    throw new Error(`${managed.name} exited (${code}) before ${pattern}:\n${managed.output()}`);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${managed.name} did not print ${pattern}:\n${managed.output()}`)),
      timeoutMs,
    );
  });

  try {
    await Promise.race([onData, exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
