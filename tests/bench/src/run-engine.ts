/**
 * Benchmark child: syncs every repository from the primary to the
 * destination with the replication engine (`syncRepository`), a few
 * repositories at a time, and prints a {@link ChildReport} line.
 *
 *   node dist/run-engine.js '<ChildConfig JSON>'
 */

import { performance } from 'node:perf_hooks';
import { RegistryClient } from '@geo/registry-client';
import { createLimiter, syncRepository } from '@geo/replication';
import { finishChild, readChildConfig } from './child-config.js';

const startupSeconds = performance.now() / 1000;
const config = readChildConfig();
const primary = new RegistryClient({ url: config.primary, connections: config.connections });
const secondary = new RegistryClient({
  url: config.destination,
  connections: config.connections,
});
const limit = createLimiter(config.repositoryConcurrency);
const failures: string[] = [];
let copiedBytes = 0;
let copiedBlobs = 0;
let pushedManifests = 0;

await Promise.all(
  config.repositories.map((repository) =>
    limit(async () => {
      try {
        const result = await syncRepository({
          primary,
          secondary,
          repository,
          concurrency: config.concurrency,
        });
        copiedBytes += result.copiedBytes;
        copiedBlobs += result.copiedBlobs;
        pushedManifests += result.pushedManifests;
        for (const failure of result.failures) {
          failures.push(`${repository}:${failure.tag}: ${failure.reason}`);
        }
      } catch (error) {
        failures.push(`${repository}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ),
);
await Promise.all([primary.close(), secondary.close()]);

finishChild(
  { ok: failures.length === 0, copiedBytes, copiedBlobs, pushedManifests, failures },
  startupSeconds,
);
