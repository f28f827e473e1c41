/** What the parent tells a copier child, as JSON in its only argument. */
export interface ChildConfig {
  /** Primary registry base URL. */
  primary: string;
  /** Destination registry base URL. */
  destination: string;
  repositories: string[];
  /** Repositories synced at once (engine) . */
  repositoryConcurrency: number;
  /** Blobs in flight per repository (engine) or in total (raw copier). */
  concurrency: number;
  /** HTTP connections per registry. */
  connections: number;
  /** Raw copier: mount a blob another repository of the destination already got. */
  mount?: boolean;
  /**
   * Engine: how many passes one process makes (default 1). After each it
   * prints its report and waits for a line on stdin before the next, as a
   * running sync-worker waits for its next jobs.
   */
  passes?: number;
}

/** What a copier child prints as its last stdout line. */
export interface ChildReport {
  ok: boolean;
  /** `process.resourceUsage().maxRSS`: the child's own peak RSS in KiB. */
  maxRssKiB: number;
  /** Seconds from process start until the copy began: Node start-up and module loading. */
  startupSeconds: number;
  copiedBytes: number;
  copiedBlobs: number;
  pushedManifests: number;
  failures: string[];
}

/** Reads the child's configuration from `process.argv[2]`. */
export function readChildConfig(argv: string[] = process.argv): ChildConfig {
  const text = argv[2];
  if (!text) throw new Error('usage: node run-<method>.js <config JSON>');

  return JSON.parse(text) as ChildConfig;
}

/**
 * Prints the report as one line of stdout. `startupSeconds` is
 * `performance.now() / 1000` read as the entry module's body begins (ES
 * modules evaluate every import first), or 0 for a later pass.
 */
export function printReport(
  report: Omit<ChildReport, 'maxRssKiB' | 'startupSeconds'>,
  startupSeconds: number,
): void {
  const full: ChildReport = {
    ...report,
    maxRssKiB: process.resourceUsage().maxRSS,
    startupSeconds,
  };

  process.stdout.write(`${JSON.stringify(full)}\n`);
}

/** Prints the report as the last line and sets the exit code from it. */
export function finishChild(
  report: Omit<ChildReport, 'maxRssKiB' | 'startupSeconds'>,
  startupSeconds: number,
): void {
  printReport(report, startupSeconds);
  process.exitCode = report.ok ? 0 : 1;
}
