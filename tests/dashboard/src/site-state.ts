import { waitFor } from '@geo/testkit';
import type { Stack } from './stack.js';

/** A repository as `geoctl repo --json` prints it; only what the tests read. */
export interface RepositoryJson {
  name: string;
  state: string;
  failedTags: { tag: string; reason: string }[];
}

/** Waits until `repository` is in `state`, as the status service reports it. */
export async function waitForState(
  stack: Stack,
  repository: string,
  state: 'synced' | 'failed',
): Promise<RepositoryJson> {
  return waitFor(
    async () => {
      const result = await stack.geoctl(['repo', repository, '--json']);
      if (result.status !== 0) return undefined;
      const json = JSON.parse(result.stdout) as RepositoryJson;
      return json.state === state ? json : undefined;
    },
    { what: `${repository} to be ${state}`, timeoutMs: 90_000, intervalMs: 500 },
  );
}
