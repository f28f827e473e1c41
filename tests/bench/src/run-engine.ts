/**
 * Benchmark child: syncs every repository from the primary to the
 * destination with the replication engine (`syncRepository`), a few
 * repositories at a time, and prints a {@link ChildReport} line. With
 * `passes` above 1 it stays running between passes, as a sync-worker does:
 * after each report it waits for a line on stdin before the next pass, and
 * after the last for stdin to end, so the parent can read its figures from
 * `/proc` before it exits.
 *
 *   node dist/run-engine.js '<ChildConfig JSON>'
 */

import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { RegistryClient } from '@geo/registry-client';
import { createLimiter, syncRepository } from '@geo/replication';
import { type ChildReport, printReport, readChildConfig } from './child-config.js';

const startupSeconds = performance.now() / 1000;
const config = readChildConfig();
const primary = new RegistryClient({ url: config.primary, connections: config.connections });
const secondary = new RegistryClient({
  url: config.destination,
  connections: config.connections,
});
const limit = createLimiter(config.repositoryConcurrency);

type PassReport = Omit<ChildReport, 'maxRssKiB' | 'startupSeconds'>;

async function syncAll(): Promise<PassReport> {
  const report: PassReport = {
    ok: true,
    copiedBytes: 0,
    copiedBlobs: 0,
    pushedManifests: 0,
    failures: [],
  };

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
          report.copiedBytes += result.copiedBytes;
          report.copiedBlobs += result.copiedBlobs;
          report.pushedManifests += result.pushedManifests;
          for (const failure of result.failures) {
            report.failures.push(`${repository}:${failure.tag}: ${failure.reason}`);
          }
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          report.failures.push(`${repository}: ${reason}`);
        }
      }),
    ),
  );

  report.ok = report.failures.length === 0;
  return report;
}

const passes = config.passes ?? 1;
const requests = passes > 1 ? createInterface({ input: process.stdin }) : undefined;
const nextRequest = requests?.[Symbol.asyncIterator]();
let ok = true;

for (let pass = 1; pass <= passes; pass += 1) {
  if (pass > 1 && (await nextRequest?.next())?.done) break;

  const report = await syncAll();
  ok &&= report.ok;
  printReport(report, pass === 1 ? startupSeconds : 0);
}

// Wait for the parent to end stdin: it reads this process's figures first.
while (nextRequest && !(await nextRequest.next()).done);
requests?.close();
await Promise.all([primary.close(), secondary.close()]);
process.exitCode = ok ? 0 : 1;
