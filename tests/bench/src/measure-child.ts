import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

/** What one child process cost: wall time, peak memory and its output. */
export interface ChildMeasurement {
  wallSeconds: number;
  /** Peak resident set of the child and its descendants, in bytes. */
  peakRssBytes: number;
  /** User plus system CPU time of the child and its descendants (sampled, so a lower bound). */
  cpuSeconds: number;
  /** Start-up time the child reported (Node children; 0 otherwise). */
  startupSeconds: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link measureChild}. */
export interface MeasureChildOptions {
  env?: NodeJS.ProcessEnv;
  /** How often `/proc` is read (default 25 ms). */
  sampleMs?: number;
}

/**
 * Runs `command` to its end and measures it. Wall time runs from spawn to
 * exit. Peak RSS is each process's `VmHWM` (the kernel's high-water mark,
 * so a sample after the peak still sees it), read from `/proc` for the
 * child and its descendants until it exits; a child that prints a JSON
 * line with `maxRssKiB` (its own `process.resourceUsage().maxRSS`) raises
 * the figure to that if the last samples missed the end.
 */
export async function measureChild(
  command: string,
  args: string[],
  options: MeasureChildOptions = {},
): Promise<ChildMeasurement> {
  const started = performance.now();
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));

  const watch = watchPeakRss(child.pid ?? 0, options.sampleMs);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const sampled = await watch.stop();
  const cpuSeconds = watch.cpuSeconds();

  const output = stdout.join('');
  const reported = childReport(output);
  return {
    wallSeconds,
    peakRssBytes: Math.max(sampled, (reported.maxRssKiB ?? 0) * 1024),
    startupSeconds: reported.startupSeconds ?? 0,
    cpuSeconds,
    exitCode,
    stdout: output,
    stderr: stderr.join(''),
  };
}

/** Called after each pass of {@link measurePasses} with its measurement; not timed. */
export type PassListener = (pass: number, measured: ChildMeasurement) => Promise<void>;

/**
 * Runs a child that works in `passes` passes: it prints a JSON report line
 * after each and waits for a line on its stdin before the next (the
 * engine runner with `passes` set). A pass is timed from the moment it is
 * asked for (the first from spawn) to its report line; `onPass` runs while
 * the child waits. Peak RSS is the child's `VmHWM`, reset between passes
 * (`clear_refs`), so each pass shows its own peak; CPU is what the child
 * used during the pass.
 */
export async function measurePasses(
  command: string,
  args: string[],
  passes: number,
  onPass: PassListener,
  options: Pick<MeasureChildOptions, 'env'> = {},
): Promise<void> {
  let started = performance.now();
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? 0;
  const stderr: string[] = [];
  const output = () => stderr.join('').slice(-4000);
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  // A child that died between passes closes its stdin; the next read says so.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  exited.catch(() => undefined);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let cpuBefore = 0;

  try {
    for (let pass = 0; pass < passes; pass += 1) {
      const line = await lines.next();
      const wallSeconds = (performance.now() - started) / 1000;
      if (line.done) throw new Error(`${command} ended before pass ${pass + 1}:\n${output()}`);
      const report = childReport(line.value);
      if (report.ok === undefined) {
        throw new Error(`${command} printed no report for pass ${pass + 1}: ${line.value}`);
      }

      // The child waits on stdin, so its /proc entry is there to read.
      const cpuSeconds = (await cpuSecondsOf(pid)) - cpuBefore;
      await onPass(pass, {
        wallSeconds,
        peakRssBytes: await highWaterMark(pid),
        cpuSeconds,
        startupSeconds: report.startupSeconds ?? 0,
        exitCode: report.ok ? 0 : 1,
        stdout: line.value,
        stderr: stderr.join(''),
      });

      if (pass + 1 === passes) break;
      // 5 resets the peak RSS the kernel keeps for the process; without it
      // the next pass would report this one's peak.
      await writeFile(`/proc/${pid}/clear_refs`, '5').catch((error) => {
        throw new Error(`cannot reset the peak RSS of ${command} between passes`, {
          cause: error,
        });
      });
      cpuBefore = await cpuSecondsOf(pid);
      started = performance.now();
      child.stdin.write('\n');
    }
  } finally {
    child.stdin.end();
  }

  const code = await exited;
  if (code !== 0) throw new Error(`${command} exited ${code} after its last pass:\n${output()}`);
}

/** A running watch over a process tree's peak RSS. */
export interface PeakRssWatch {
  /** The peak so far, in bytes: the sum of each process's high-water mark. */
  current(): number;
  /** CPU seconds the tree had used at the last sample. */
  cpuSeconds(): number;
  /** Stops sampling and returns the peak in bytes. */
  stop(): Promise<number>;
}

/** Samples the `VmHWM` of `pid` and its descendants every `sampleMs` (default 25 ms). */
export function watchPeakRss(pid: number, sampleMs = 25): PeakRssWatch {
  const peaks = new Map<number, number>();
  const cpu = new Map<number, number>();
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(() => sampleTree(pid, peaks, cpu));
  }, sampleMs);
  const sum = (values: Map<number, number>) =>
    [...values.values()].reduce((total, value) => total + value, 0);
  const current = () => sum(peaks);

  return {
    current,
    cpuSeconds: () => sum(cpu),
    async stop() {
      clearInterval(timer);
      await sampling;
      return current();
    },
  };
}

async function sampleTree(
  root: number,
  peaks: Map<number, number>,
  cpu: Map<number, number>,
): Promise<void> {
  for (const pid of await processTree(root)) {
    const peak = await highWaterMark(pid);
    if (peak > (peaks.get(pid) ?? 0)) peaks.set(pid, peak);
    const used = await cpuSecondsOf(pid);
    if (used > (cpu.get(pid) ?? 0)) cpu.set(pid, used);
  }
}

/** User plus system CPU seconds process `pid` has used (0 once it is gone). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return ticks / clockTicks;
}

/** USER_HZ; 100 on every Linux architecture Node supports. */
const clockTicks = 100;

/** `root` and every descendant, from `/proc/<pid>/task/<tid>/children`. */
async function processTree(root: number): Promise<number[]> {
  const found = [root];

  for (let index = 0; index < found.length; index += 1) {
    const pid = found[index] as number;
    const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
    for (const task of tasks) {
      const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
      for (const child of children.split(' ').filter(Boolean)) found.push(Number(child));
    }
  }

  return found;
}

async function highWaterMark(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

function childReport(output: string): {
  ok?: boolean;
  maxRssKiB?: number;
  startupSeconds?: number;
} {
  const line = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as { ok?: boolean; maxRssKiB?: number; startupSeconds?: number };
  } catch {
    return {};
  }
}
