/** One measured execution of a method. */
export interface Sample {
  method: MethodName;
  run: number;
  wallSeconds: number;
  peakRssBytes: number;
  /** CPU time of the copier's processes. */
  cpuSeconds: number;
  /** Of the wall time, Node start-up and module loading (0 for skopeo). */
  startupSeconds: number;
  /** CPU time both registries spent while the copier ran. */
  registryCpuSeconds: number;
  /** Bytes the method had to move (0 for a no-op pass). */
  bytes: number;
}

/** The rows of the table, in the order printed. */
export const methods = [
  'raw copy',
  'raw copy, mounting',
  'engine',
  'skopeo sync',
  'engine no-op',
  'engine no-op, new process',
  'skopeo sync no-op',
] as const;

/** A method's name as the table prints it. */
export type MethodName = (typeof methods)[number];

/** The median of each method's samples. */
export interface MedianRow {
  method: MethodName;
  runs: number;
  wallSeconds: number;
  peakRssBytes: number;
  cpuSeconds: number;
  startupSeconds: number;
  registryCpuSeconds: number;
  bytes: number;
}

/** The middle value (mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;

  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Per method, the median wall time and peak RSS over its runs. */
export function medianRows(samples: Sample[]): MedianRow[] {
  return methods.flatMap((method) => {
    const mine = samples.filter((sample) => sample.method === method);
    if (mine.length === 0) return [];

    return [
      {
        method,
        runs: mine.length,
        wallSeconds: median(mine.map((sample) => sample.wallSeconds)),
        peakRssBytes: median(mine.map((sample) => sample.peakRssBytes)),
        cpuSeconds: median(mine.map((sample) => sample.cpuSeconds)),
        startupSeconds: median(mine.map((sample) => sample.startupSeconds)),
        registryCpuSeconds: median(mine.map((sample) => sample.registryCpuSeconds)),
        bytes: median(mine.map((sample) => sample.bytes)),
      },
    ];
  });
}

/**
 * A Markdown table: wall time, MB/s (10^6 bytes), peak RSS (MiB), time
 * relative to the raw copy, speed-up over skopeo sync (the full copy rows
 * compare with skopeo's full copy, the no-op rows with its no-op), and the
 * CPU time of the copier and of the two registries meanwhile.
 */
export function formatTable(rows: MedianRow[]): string {
  const wall = (method: MethodName) => rows.find((row) => row.method === method)?.wallSeconds;
  const lines = [
    '| method | runs | wall s | MB/s | peak RSS MiB | time ÷ raw copy | skopeo time ÷ time ' +
      '| of wall: start-up s | copier CPU s | registries CPU s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];

  for (const row of rows) {
    const noop = row.method.includes('no-op');
    const raw = noop ? undefined : wall('raw copy');
    const skopeo = wall(noop ? 'skopeo sync no-op' : 'skopeo sync');
    const cells = [
      row.method,
      String(row.runs),
      row.wallSeconds.toFixed(2),
      row.bytes > 0 ? (row.bytes / 1e6 / row.wallSeconds).toFixed(1) : '-',
      (row.peakRssBytes / 2 ** 20).toFixed(0),
      raw ? `${(row.wallSeconds / raw).toFixed(2)}x` : '-',
      skopeo ? `${(skopeo / row.wallSeconds).toFixed(2)}x` : '-',
      row.startupSeconds > 0 ? row.startupSeconds.toFixed(2) : '-',
      row.cpuSeconds.toFixed(2),
      row.registryCpuSeconds.toFixed(2),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }

  return lines.join('\n');
}

/** The targets, each met or missed, with the measured ratio. */
export function formatTargets(rows: MedianRow[]): string {
  const wall = (method: MethodName) =>
    rows.find((row) => row.method === method)?.wallSeconds ?? Number.NaN;
  const check = (label: string, value: number, ok: boolean) =>
    `- ${ok ? 'MET   ' : 'MISSED'} ${label}: ${value.toFixed(2)}x`;

  const toRaw = wall('engine') / wall('raw copy');
  const toMounting = wall('engine') / wall('raw copy, mounting');
  const overSkopeo = wall('skopeo sync') / wall('engine');
  const noopOverSkopeo = wall('skopeo sync no-op') / wall('engine no-op');
  const coldOverSkopeo = wall('skopeo sync no-op') / wall('engine no-op, new process');
  return [
    check('engine within 1.25x of the raw copy (time ÷ raw)', toRaw, toRaw <= 1.25),
    check('(also) engine within 1.25x of the mounting raw copy', toMounting, toMounting <= 1.25),
    check('engine at least 2x faster than skopeo sync', overSkopeo, overSkopeo >= 2),
    check(
      'no-op pass (running engine) at least 3x faster than skopeo sync no-op',
      noopOverSkopeo,
      noopOverSkopeo >= 3,
    ),
    check(
      '(also) the no-op pass in a new process, Node start-up included',
      coldOverSkopeo,
      coldOverSkopeo >= 3,
    ),
  ].join('\n');
}
