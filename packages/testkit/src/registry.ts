import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ManagedProcess, startProcess } from './managed-process.js';
import { freePort } from './ports.js';
import { tempDir } from './temp-dir.js';
import { waitFor } from './wait.js';

/** Token authentication settings of a registry (`auth.token`). */
export interface RegistryTokenAuth {
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
}

/** Notification endpoint of a registry. */
export interface RegistryNotifications {
  url: string;
  /** Sent as the `Authorization` header. */
  secret: string;
}

/** Options of {@link startRegistry}. */
export interface RegistryOptions {
  name?: string;
  tokenAuth?: RegistryTokenAuth;
  /** htpasswd file for basic authentication. */
  htpasswd?: string;
  notifications?: RegistryNotifications;
}

/** A private CNCF Distribution registry. */
export interface Registry {
  /** Base URL without `/v2`. */
  url: string;
  /** `127.0.0.1:port`, as skopeo wants it. */
  host: string;
  port: number;
  /** The filesystem storage's root directory. */
  storage: string;
  process: ManagedProcess;
  /** Restarts the registry on the same port and storage. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function registryConfig(port: number, storage: string, options: RegistryOptions): object {
  const auth = options.tokenAuth
    ? {
        token: {
          realm: options.tokenAuth.realm,
          service: options.tokenAuth.service,
          issuer: options.tokenAuth.issuer,
          rootcertbundle: options.tokenAuth.rootCertBundle,
        },
      }
    : options.htpasswd
      ? { htpasswd: { realm: 'geo-test', path: options.htpasswd } }
      : undefined;
  const notifications = options.notifications
    ? {
        endpoints: [
          {
            name: 'geo',
            url: options.notifications.url,
            headers: { Authorization: [options.notifications.secret] },
            timeout: '2s',
            threshold: 3,
            backoff: '500ms',
          },
        ],
      }
    : undefined;

  return {
    version: '0.1',
    log: { level: 'info', formatter: 'text' },
    storage: {
      filesystem: { rootdirectory: storage },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { addr: `127.0.0.1:${port}`, secret: 'geo-test-upload-state' },
    auth,
    notifications,
    compatibility: { schema1: { enabled: true } },
    validation: { manifests: { urls: { allow: ['^https?://'] } } },
  };
}

/**
 * Starts `docker-registry` on a free port with throw-away storage. The
 * configuration is JSON, which the registry's YAML parser reads as well.
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const port = await freePort();
  const dir = await tempDir('geo-registry-');
  const storage = join(dir.path, 'storage');
  const configFile = join(dir.path, 'config.yml');
  await writeFile(configFile, JSON.stringify(registryConfig(port, storage, options), null, 2));
  const url = `http://127.0.0.1:${port}`;
  const name = options.name ?? `registry:${port}`;

  const launch = async () => {
    const child = startProcess('docker-registry', ['serve', configFile], {
      name,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    await waitFor(
      async () => {
        if (child.child.exitCode !== null) {
          throw new Error(`${name} exited:\n${child.output()}`);
        }
        const response = await fetch(`${url}/v2/`);
        await response.arrayBuffer();
        return true;
      },
      { what: `${name} to answer` },
    );
    return child;
  };

  const registry: Registry = {
    url,
    host: `127.0.0.1:${port}`,
    port,
    storage,
    process: await launch(),
    async restart() {
      await registry.process.stop();
      registry.process = await launch();
    },
    async stop() {
      await registry.process.stop();
      await dir.remove();
    },
  };
  return registry;
}
