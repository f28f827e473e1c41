import { generateDataset } from '@geo/fixtures';
import { RegistryClient } from '@geo/registry-client';
import { createLimiter, syncRepository } from '@geo/replication';
import { startRegistry } from '@geo/testkit';
const primary = await startRegistry({ name: 'p' });
const secondary = await startRegistry({ name: 's' });
const pc = new RegistryClient({ url: primary.url, connections: 16 });
const sc = new RegistryClient({ url: secondary.url, connections: 16 });
const ds = await generateDataset(pc, { repositories: 20, tagsPerRepository: 3, uniqueBytes: 20e6, prefix: 'bench' });
async function pass(label) {
  const before = [primary.process.output().length, secondary.process.output().length];
  const t = performance.now();
  const limit = createLimiter(Number(process.env.RC ?? 4));
  await Promise.all(ds.repositories.map((r) => limit(() => syncRepository({ primary: pc, secondary: sc, repository: r, concurrency: 4 }))));
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 300));
  for (const [name, reg, b] of [['primary', primary, before[0]], ['secondary', secondary, before[1]]]) {
    const lines = reg.process.output().slice(b).split('\n').filter((l) => l.includes('response completed'));
    const kinds = new Map();
    for (const l of lines) { const meth = /http.request.method=(\w+)/.exec(l)?.[1]; const uri = /http.request.uri="?([^" ]+)/.exec(l)?.[1] ?? ''; const st = /http.response.status=(\d+)/.exec(l)?.[1]; const path = uri.replace(/\/v2\/[^?]*?\/(manifests|blobs|tags)/, '/v2/R/$1').replace(/sha256[:-][0-9a-f]{64}/g, 'D').replace(/manifests\/[\w.-]+$/, 'manifests/T').replace(/uploads\/[0-9a-f-]+/, 'uploads/U').replace(/\?.*/, '?…'); const k = `${meth} ${path} ${st}`; kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    console.log(label, name, lines.length, 'requests'); for (const [k, v] of [...kinds].sort((a,b)=>b[1]-a[1])) console.log('  ', v, k);
  }
  console.log(label, ms.toFixed(0), 'ms');
}
await pass('full');
await pass('noop');
await pass('noop2');
await pc.close(); await sc.close(); await primary.stop(); await secondary.stop();
