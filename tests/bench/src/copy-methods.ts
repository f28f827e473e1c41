import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildConfig } from './child-config.js';
import { skopeoSyncCommand } from './skopeo-sync.js';

/** The copiers the benchmark compares, each run as its own process. */
export type CopyMethod = 'raw' | 'raw-mount' | 'engine' | 'skopeo';

/** Where to copy from and to, and how hard to push. */
export interface CopyTarget {
  config: ChildConfig;
  primaryHost: string;
  destinationHost: string;
  /** Scratch directory for skopeo's source file. */
  workDir: string;
  /** Where Node children write CPU profiles, if anywhere. */
  cpuProfDir?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The command line (program first) that runs `method` once from primary to destination. */
export async function copyCommand(method: CopyMethod, target: CopyTarget): Promise<string[]> {
  const config = JSON.stringify(target.config);
  const node = target.cpuProfDir
    ? [process.execPath, '--cpu-prof', `--cpu-prof-dir=${target.cpuProfDir}`]
    : [process.execPath];

  switch (method) {
    case 'raw':
      return [...node, join(here, 'run-raw.js'), config];
    case 'raw-mount':
      return [...node, join(here, 'run-raw.js'), JSON.stringify({ ...target.config, mount: true })];
    case 'engine':
      return [...node, join(here, 'run-engine.js'), config];
    case 'skopeo':
      return skopeoSyncCommand(
        target.workDir,
        target.primaryHost,
        target.destinationHost,
        target.config.repositories,
      );
  }
}
