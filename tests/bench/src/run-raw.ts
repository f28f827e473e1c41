/**
 * Benchmark child: the raw parallel copy (see {@link rawCopy}), printing a
 * {@link ChildReport} line.
 *
 *   node dist/run-raw.js '<ChildConfig JSON>'
 */
import { performance } from 'node:perf_hooks';
import { finishChild, readChildConfig } from './child-config.js';
import { rawCopy } from './raw-copy.js';

const startupSeconds = performance.now() / 1000;
const { ok, copiedBytes, copiedBlobs, pushedManifests, failures } = await rawCopy(
  readChildConfig(),
);

finishChild({ ok, copiedBytes, copiedBlobs, pushedManifests, failures }, startupSeconds);
