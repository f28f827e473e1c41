/**
 * Memory of a large-layer copy: pushes one image with a 1 GiB layer and
 * measures the peak RSS of (1) the engine runner child copying it to a
 * fresh registry and (2) the built sync-worker service copying it after a
 * push notification, through ingest, cursor and token-issuer.
 *
 *   pnpm --filter @geo/bench bench:memory [--layer-bytes 1073741824] [--concurrency 4]
 *     [--engine-only]
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { pushFixture } from '@geo/fixtures';
import { RegistryClient } from '@geo/registry-client';
import { startRegistry } from '@geo/testkit';
import { withoutSeparator } from './bench-options.js';
import { copyCommand } from './copy-methods.js';
import { measureChild, watchPeakRss } from './measure-child.js';
import { startWorkerStack } from './worker-stack.js';

const repository = 'bench/large-layer';
const tag = 'v1';
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function log(message: string): void {
  process.stderr.write(`[memory ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The engine runner child, alone, copying the image to a fresh registry. */
async function measureEngineRunner(layerBytes: number, concurrency: number): Promise<string> {
  const [primary, destination] = await Promise.all([startRegistry(), startRegistry()]);
  const client = new RegistryClient({ url: primary.url });

  try {
    await pushFixture(client, repository, tag, 'oci-image', { layerBytes });
    const [program, ...args] = (await copyCommand('engine', {
      config: {
        primary: primary.url,
        destination: destination.url,
        repositories: [repository],
        repositoryConcurrency: 1,
        concurrency,
        connections: 16,
      },
      primaryHost: primary.host,
      destinationHost: destination.host,
      workDir: '/tmp',
    })) as [string, ...string[]];
    const measured = await measureChild(program, args);
    if (measured.exitCode !== 0) throw new Error(`engine runner failed:\n${measured.stdout}`);

    return `engine runner (dist/run-engine.js): peak RSS ${mib(measured.peakRssBytes)}, ${measured.wallSeconds.toFixed(1)} s`;
  } finally {
    await client.close();
    await Promise.all([primary.stop(), destination.stop()]);
  }
}

/** The sync-worker service, from the push notification to the tag on the secondary. */
async function measureSyncWorker(layerBytes: number, concurrency: number): Promise<string> {
  const stack = await startWorkerStack(concurrency);
  const primary = new RegistryClient({ url: stack.primary.url });
  const secondary = new RegistryClient({ url: stack.secondary.url });

  try {
    const pid = stack.worker.child.pid ?? 0;
    const idle = watchPeakRss(pid);
    await sleep(500);
    const baseline = await idle.stop();

    const watch = watchPeakRss(pid);
    const { digest } = await pushFixture(primary, repository, tag, 'oci-image', { layerBytes });
    const pushed = performance.now();
    while (
      (await secondary.resolveManifest(repository, tag).catch(() => undefined))?.digest !== digest
    ) {
      if (performance.now() - pushed > 600_000)
        throw new Error(`${repository}:${tag} never arrived`);
      await sleep(200);
    }
    const seconds = (performance.now() - pushed) / 1000;
    const peak = await watch.stop();

    return (
      `sync-worker service (apps/sync-worker/dist/main.js): peak RSS ${mib(peak)} ` +
      `(idle ${mib(baseline)}), ${seconds.toFixed(1)} s from push to replicated`
    );
  } finally {
    await Promise.all([primary.close(), secondary.close()]);
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: withoutSeparator(process.argv.slice(2)),
    options: {
      'layer-bytes': { type: 'string', default: String(2 ** 30) },
      concurrency: { type: 'string', default: '4' },
      'engine-only': { type: 'boolean', default: false },
    },
  });
  const layerBytes = Number(values['layer-bytes']);
  const concurrency = Number(values.concurrency);

  log(`engine runner, ${mib(layerBytes)} layer`);
  const lines = [await measureEngineRunner(layerBytes, concurrency)];
  log(lines[0] as string);
  if (!values['engine-only']) {
    log(`sync-worker service, ${mib(layerBytes)} layer`);
    lines.push(await measureSyncWorker(layerBytes, concurrency));
    log(lines[1] as string);
  }

  process.stdout.write(`${lines.map((line) => `- ${line}`).join('\n')}\n`);
}

await main();
