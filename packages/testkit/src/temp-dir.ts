import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away directory. */
export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

/** Creates a fresh directory under the system's temporary directory. */
export async function tempDir(prefix = 'geo-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
