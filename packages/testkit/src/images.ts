import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.js';

/** An image in a local OCI layout, as `oci:DIR:TAG` for skopeo. */
export interface LocalImage {
  layout: string;
  tag: string;
  reference: string;
}

/** Options of {@link buildImage}. */
export interface BuildImageOptions {
  /** Directory of the OCI layout; created when missing. */
  layout: string;
  tag: string;
  /** Layers to add, each a file path in the image and its content. */
  layers?: Array<{ path: string; content: string | Buffer }>;
}

/**
 * Builds an image with umoci: a new empty image, then one layer per entry of
 * `layers` (by default one layer of random bytes, so each build is unique).
 */
export async function buildImage(options: BuildImageOptions): Promise<LocalImage> {
  const { layout, tag } = options;
  const image = `${layout}:${tag}`;
  const layers = options.layers ?? [{ path: '/data.bin', content: randomBytes(4096) }];

  await run('umoci', ['init', '--layout', layout]).catch(() => undefined);
  await run('umoci', ['new', '--image', image]);
  for (const [index, layer] of layers.entries()) {
    const source = join(layout, `.layer-${tag}-${index}`);
    await writeFile(source, layer.content);
    await run('umoci', ['insert', '--rootless', '--image', image, source, layer.path]);
  }

  return { layout, tag, reference: `oci:${layout}:${tag}` };
}

/** Options of {@link skopeoCopy}. */
export interface SkopeoCopyOptions {
  /** `user:password` for the destination. */
  destCreds?: string;
  /** `user:password` for the source. */
  srcCreds?: string;
  /** `v2s2` for Docker schema 2, `oci` for OCI; default keeps the source's. */
  format?: 'v2s2' | 'oci' | 'v2s1';
  /** Copy every image of an index, not just the one for this platform. */
  all?: boolean;
  /** A policy.json; one that accepts anything is written when absent. */
  policy?: string;
}

async function acceptAnythingPolicy(): Promise<string> {
  const file = join(process.env.TMPDIR ?? '/tmp', 'geo-skopeo-policy.json');
  await writeFile(file, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
  return file;
}

/** Runs `skopeo copy SRC DEST` against plain-HTTP registries. */
export async function skopeoCopy(
  source: string,
  destination: string,
  options: SkopeoCopyOptions = {},
): Promise<void> {
  const args = ['copy', '--policy', options.policy ?? (await acceptAnythingPolicy())];
  if (source.startsWith('docker://')) args.push('--src-tls-verify=false');
  if (destination.startsWith('docker://')) args.push('--dest-tls-verify=false');
  if (options.destCreds) args.push('--dest-creds', options.destCreds);
  if (options.srcCreds) args.push('--src-creds', options.srcCreds);
  if (options.format) args.push('--format', options.format);
  if (options.all) args.push('--all');
  args.push(source, destination);

  await run('skopeo', args);
}

/** Runs `skopeo inspect --raw` and returns the manifest text. */
export async function skopeoInspectRaw(reference: string, creds?: string): Promise<string> {
  const args = ['inspect', '--raw', '--tls-verify=false'];
  if (creds) args.push('--creds', creds);
  args.push(reference);
  return run('skopeo', args);
}
