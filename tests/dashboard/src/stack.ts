import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Registry,
  type ServiceName,
  type SiteStack,
  serviceMain,
  startSite,
} from '@geo/testkit';

/** One service of a site. */
export type SiteService = ServiceName;

/** A site whose services export metrics, and geoctl runs that report their exit status. */
export interface Stack extends Omit<SiteStack, 'geoctl'> {
  /** Starts the services not yet running, in order. */
  startServices(): Promise<void>;
  /** Runs geoctl against the site; resolves with its exit status and output. */
  geoctl(args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
}

/**
 * Starts the registries, NATS, a database and the token-issuer; the other
 * services start with {@link Stack.startServices}, so a test can prepare the
 * primary first. Every service exports metrics.
 */
export async function startStack(site = 'east'): Promise<Stack> {
  const stack = await startSite({ site, services: ['token-issuer'], metrics: true });

  return Object.assign(stack, {
    startServices: () => stack.startAll(),
    geoctl: (args: string[]) => runGeoctl([...args, '--server', stack.statusTarget]),
  });
}

function runGeoctl(args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [serviceMain('geoctl'), ...args], (error, stdout, stderr) => {
      const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Flips the last byte of a blob in a registry's storage, so copying it fails its digest check. */
export async function corruptBlob(registry: Registry, digest: string): Promise<void> {
  const configFile = registry.process.child.spawnargs.at(-1) ?? '';
  const root = JSON.parse(await readFile(configFile, 'utf8')).storage.filesystem.rootdirectory;
  const hex = digest.slice('sha256:'.length);
  const file = join(root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');

  const bytes = await readFile(file);
  bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
  await writeFile(file, bytes);
}

/** The output of every service of a stack, for a failing test's log. */
export function dumpServices(stack: Stack): string {
  return stack.dump();
}
