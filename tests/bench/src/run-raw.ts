/**
 * Benchmark child: the raw parallel copy (see {@link rawCopy}), printing a
 * {@link ChildReport} line.
 *
 *   node dist/run-raw.js '<ChildConfig JSON>'
 */
import { finishChild, readChildConfig } from './child-config.js';
import { rawCopy } from './raw-copy.js';

const { ok, copiedBytes, copiedBlobs, pushedManifests, failures } = await rawCopy(
  readChildConfig(),
);

finishChild({ ok, copiedBytes, copiedBlobs, pushedManifests, failures });
