import { parseArgs } from 'node:util';

/** Settings of one benchmark run, from the command line. */
export interface BenchOptions {
  repositories: number;
  tagsPerRepository: number;
  /** Unique blob bytes of the data set. */
  uniqueBytes: number;
  sharedBaseBytes?: number;
  multiPlatformRepositories?: number;
  runs: number;
  /** Repositories the engine syncs at once. */
  repositoryConcurrency: number;
  /** Blobs in flight per repository for the engine. */
  concurrency: number;
  /** Requests in flight for the raw copy. */
  rawConcurrency: number;
  /** HTTP connections per registry for the engine and the raw copy. */
  connections: number;
  /** Where the measurements go as JSON, if anywhere. */
  out?: string;
  /** Where the Node children write V8 CPU profiles (`--cpu-prof`), if anywhere. */
  cpuProfDir?: string;
}

const usage = `usage: node dist/replication-bench.js [--repositories N] [--tags N]
  [--bytes SIZE] [--base-bytes SIZE] [--multi-platform N] [--runs N]
  [--repository-concurrency N] [--concurrency N] [--raw-concurrency N]
  [--connections N] [--out FILE] [--cpu-prof DIR]
SIZE is bytes with an optional K, M or G suffix (powers of 1000).`;

/** Parses `argv`; throws with the usage text on anything it does not know. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: withoutSeparator(argv),
    options: {
      repositories: { type: 'string', default: '20' },
      tags: { type: 'string', default: '3' },
      bytes: { type: 'string', default: '500M' },
      'base-bytes': { type: 'string' },
      'multi-platform': { type: 'string' },
      runs: { type: 'string', default: '5' },
      'repository-concurrency': { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '4' },
      'raw-concurrency': { type: 'string', default: '16' },
      connections: { type: 'string', default: '16' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(usage);

  const optional = (text: string | undefined, parse: (text: string) => number) =>
    text === undefined ? undefined : parse(text);
  return {
    repositories: count(values.repositories),
    tagsPerRepository: count(values.tags),
    uniqueBytes: size(values.bytes),
    sharedBaseBytes: optional(values['base-bytes'], size),
    multiPlatformRepositories: optional(values['multi-platform'], count),
    runs: count(values.runs),
    repositoryConcurrency: count(values['repository-concurrency']),
    concurrency: count(values.concurrency),
    rawConcurrency: count(values['raw-concurrency']),
    connections: count(values.connections),
    out: values.out,
    cpuProfDir: values['cpu-prof'],
  };
}

/** `pnpm bench -- --runs 1` passes the `--` on; it separates nothing here. */
export function withoutSeparator(argv: string[]): string[] {
  return argv[0] === '--' ? argv.slice(1) : argv;
}

function count(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`not a count: ${text}\n${usage}`);
  return value;
}

/** `500M` is 500,000,000 bytes: MB/s in the table uses the same unit. */
export function size(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMG]?)B?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}\n${usage}`);

  const unit = { '': 1, K: 1e3, M: 1e6, G: 1e9 }[(match[2] ?? '').toUpperCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}
