import { fileURLToPath } from 'node:url';
import { type ManagedProcess, startProcess, waitForOutput } from './managed-process.js';

/** The repository's root directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The services of `apps/`, by directory name. */
export type ServiceName =
  | 'notification-ingest'
  | 'event-log-cursor'
  | 'sync-worker'
  | 'token-issuer'
  | 'status';

/** The built entry point of a service or of geoctl. */
export function serviceMain(name: ServiceName | 'geoctl'): string {
  return `${repoRoot}apps/${name}/dist/main.js`;
}

/**
 * Starts a built service as its own process with exactly `env` (plus PATH)
 * and waits for its structured `ready` log line.
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  options: { instance?: string; readyTimeoutMs?: number } = {},
): Promise<ManagedProcess> {
  const service = startProcess(process.execPath, [serviceMain(name)], {
    name: options.instance ?? name,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'debug', ...env },
  });
  await waitForOutput(service, /"msg":"ready"/, options.readyTimeoutMs ?? 30_000);
  return service;
}
