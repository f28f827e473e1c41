/**
 * Replication throughput: on fresh destination registries, times the
 * engine's full copy, `skopeo sync` of the same repositories and a raw
 * parallel copy, then the engine's and skopeo's second pass over unchanged
 * data; prints medians as a Markdown table. Each method runs in processes
 * of its own. The engine makes its second pass in the process that made
 * the first, as a running sync-worker does, and once more in a new one.
 *
 *   pnpm --filter @geo/bench bench [--repositories 20] [--tags 3] [--bytes 500M] [--runs 5]
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { generateDataset } from '@geo/fixtures';
import { RegistryClient } from '@geo/registry-client';
import { type Registry, repoRoot, run, startRegistry, tempDir } from '@geo/testkit';
import { type BenchOptions, parseBenchOptions } from './bench-options.js';
import { type CopyMethod, copyCommand } from './copy-methods.js';
import { type Inventory, readInventory } from './inventory.js';
import { cpuSecondsOf, measureChild, measurePasses, type PassListener } from './measure-child.js';
import {
  formatTable,
  formatTargets,
  type MethodName,
  medianRows,
  type Sample,
} from './report-table.js';
import { verifyCopy } from './verify-copy.js';

/** The processes each method runs in turn, each named by the passes it makes. */
const processes: Record<CopyMethod, MethodName[][]> = {
  raw: [['raw copy']],
  'raw-mount': [['raw copy, mounting']],
  engine: [['engine', 'engine no-op'], ['engine no-op, new process']],
  skopeo: [['skopeo sync'], ['skopeo sync no-op']],
};

interface Bench {
  options: BenchOptions;
  primary: Registry;
  repositories: string[];
  inventory: Inventory;
  workDir: string;
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** One method filling one fresh destination registry in one run. */
interface Trial {
  bench: Bench;
  method: CopyMethod;
  run: number;
  destination: Registry;
  /** Reads the destination back after each pass. */
  client: RegistryClient;
  samples: Sample[];
}

/** Runs `method` onto a fresh registry, then its no-op passes; each pass verified. */
async function measureMethod(bench: Bench, method: CopyMethod, run: number): Promise<Sample[]> {
  const destination = await startRegistry({ name: `${method}-${run}` });
  const client = new RegistryClient({ url: destination.url, connections: 16 });
  const trial: Trial = { bench, method, run, destination, client, samples: [] };

  try {
    for (const passes of processes[method]) await measureProcess(trial, passes);
    return trial.samples;
  } finally {
    await client.close();
    await destination.stop();
  }
}

/** Runs one copier process that makes the passes named, measuring each. */
async function measureProcess(trial: Trial, passes: MethodName[]): Promise<void> {
  const { bench, method, destination } = trial;
  const { options } = bench;
  const [program, ...args] = (await copyCommand(method, {
    config: {
      primary: bench.primary.url,
      destination: destination.url,
      repositories: bench.repositories,
      repositoryConcurrency: options.repositoryConcurrency,
      concurrency: method.startsWith('raw') ? options.rawConcurrency : options.concurrency,
      connections: options.connections,
      passes: passes.length,
    },
    primaryHost: bench.primary.host,
    destinationHost: destination.host,
    workDir: bench.workDir,
    cpuProfDir: options.cpuProfDir,
  })) as [string, ...string[]];

  const record = await passRecorder(trial, passes);
  if (passes.length > 1) {
    await measurePasses(program, args, passes.length, record);
  } else {
    await record(0, await measureChild(program, args));
  }
}

/**
 * What records each pass of a process: the registries' CPU since the
 * previous pass (or since now), a check of the destination, and a sample.
 */
async function passRecorder(trial: Trial, passes: MethodName[]): Promise<PassListener> {
  const { bench, destination, client, run } = trial;
  const registryCpu = () =>
    Promise.all([bench.primary, destination].map((r) => cpuSecondsOf(r.process.child.pid ?? 0)));
  let before = await registryCpu();

  return async (pass, measured) => {
    const after = await registryCpu();
    const registryCpuSeconds = after.reduce((sum, used, i) => sum + used - (before[i] ?? 0), 0);
    const name = passes[pass] as MethodName;
    if (measured.exitCode !== 0) {
      throw new Error(`${name} exited ${measured.exitCode}:\n${measured.stderr.slice(-4000)}`);
    }
    const problems = await verifyCopy(client, bench.inventory);
    if (problems.length > 0) {
      throw new Error(`${name} left a wrong copy:\n${problems.slice(0, 20).join('\n')}`);
    }

    const bytes = name.includes('no-op') ? 0 : bench.inventory.bytes;
    trial.samples.push({ method: name, run, bytes, registryCpuSeconds, ...measured });
    log(
      `run ${run} ${name}: ${measured.wallSeconds.toFixed(2)} s, ` +
        `peak RSS ${(measured.peakRssBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `CPU ${measured.cpuSeconds.toFixed(2)} s, registries ${registryCpuSeconds.toFixed(2)} s`,
    );
    before = await registryCpu();
  };
}

/** The commit the engine's packages were last changed in, and whether they differ from it. */
async function engineVersion(): Promise<string> {
  const paths = ['packages/replication', 'packages/registry-client'];
  const commit = await run('git', ['log', '-1', '--format=%h %s', '--', ...paths], {
    cwd: repoRoot,
  });
  const dirty = await run('git', ['status', '--porcelain', '--', ...paths], { cwd: repoRoot });
  return `${commit.trim()}${dirty.trim() ? ' (with uncommitted changes)' : ''}`;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const work = await tempDir('geo-bench-');
  const primary = await startRegistry({ name: 'primary' });
  const client = new RegistryClient({ url: primary.url, connections: 16 });

  try {
    log(`generating ${options.repositories} x ${options.tagsPerRepository} images`);
    const dataset = await generateDataset(client, {
      repositories: options.repositories,
      tagsPerRepository: options.tagsPerRepository,
      uniqueBytes: options.uniqueBytes,
      sharedBaseBytes: options.sharedBaseBytes,
      multiPlatformRepositories: options.multiPlatformRepositories,
      prefix: 'bench',
    });
    const inventory = await readInventory(client, dataset.repositories);
    log(
      `data set: ${dataset.repositories.length} repositories, ${dataset.tags} tags, ` +
        `${inventory.manifests} manifests, ${inventory.blobs} blob copies, ` +
        `${(inventory.bytes / 1e6).toFixed(0)} MB to copy`,
    );

    const bench: Bench = {
      options,
      primary,
      repositories: dataset.repositories,
      inventory,
      workDir: work.path,
    };
    const order: CopyMethod[] = ['raw', 'raw-mount', 'engine', 'skopeo'];
    const samples: Sample[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      // Rotate the order so no method always runs first (cold caches) or last.
      const shift = run % order.length;
      const rotated = [...order.slice(shift), ...order.slice(0, shift)];
      for (const method of rotated) samples.push(...(await measureMethod(bench, method, run)));
    }

    const rows = medianRows(samples);
    const table = formatTable(rows);
    const targets = formatTargets(rows);
    process.stdout.write(`\n${table}\n\n${targets}\n`);

    if (options.out) {
      const machine = { cpus: cpus().length, model: cpus()[0]?.model, memoryBytes: totalmem() };
      const report = {
        date: new Date().toISOString(),
        engine: await engineVersion(),
        node: process.version,
        machine,
        options,
        dataset: { ...dataset, copyBytes: inventory.bytes, manifests: inventory.manifests },
        samples,
        rows,
        table,
        targets,
      };
      await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    }
  } finally {
    await client.close();
    await primary.stop();
    await work.remove();
  }
}

await main();
