/**
 * Push-to-replica latency: the time from `skopeo copy` returning (the image is
 * on the primary) to the secondary serving the tag with the same digest,
 * through notification-ingest, the cursor, a worker and the token-issuer.
 *
 *   pnpm --filter @geo/e2e bench:latency [pushes]
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildImage, skopeoCopy, tempDir } from '@geo/testkit';
import { pusher, startStack } from '../stack.js';

const accept = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

async function secondaryToken(realm: string, service: string, repository: string) {
  const url = `${realm}?service=${service}&scope=repository:${repository}:pull`;
  const basic = Buffer.from(`${pusher.name}:${pusher.password}`).toString('base64');
  const response = await fetch(url, { headers: { authorization: `Basic ${basic}` } });
  const body = (await response.json()) as { token: string };
  return body.token;
}

async function servedDigest(base: string, repository: string, tag: string, token: string) {
  const response = await fetch(`${base}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept, authorization: `Bearer ${token}` },
  });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main() {
  const pushes = Number(process.argv[2] ?? 10);
  const work = await tempDir('geo-bench-');
  const stack = await startStack('bench');
  const tokenEnv = stack.env['token-issuer'] ?? {};
  const realm = `http://${tokenEnv.GEO_TOKEN_ISSUER_HTTP_LISTEN}/jwt/auth`;
  const repository = 'bench/latency/app';
  const token = await secondaryToken(realm, `geo-secondary-bench`, repository);
  const samples: number[] = [];

  try {
    for (let i = 0; i < pushes; i++) {
      const tag = `t${i}`;
      const image = await buildImage({ layout: `${work.path}/oci`, tag });
      await skopeoCopy(image.reference, `docker://${stack.primary.host}/${repository}:${tag}`, {
        destCreds: stack.creds,
      });
      const pushed = performance.now();
      while (!(await servedDigest(stack.secondary.url, repository, tag, token))) {
        if (performance.now() - pushed > 60_000) throw new Error(`${tag} never arrived`);
        await sleep(5);
      }
      samples.push(performance.now() - pushed);
      console.log(`push ${i + 1}/${pushes}: ${(samples.at(-1) ?? 0).toFixed(0)} ms`);
    }
  } finally {
    await stack.stop();
    await work.remove();
  }

  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `push-to-replica latency over ${pushes} pushes: median ${percentile(sorted, 50).toFixed(0)} ms, ` +
      `p90 ${percentile(sorted, 90).toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, ` +
      `max ${sorted.at(-1)?.toFixed(0)} ms`,
  );
}

await main();
