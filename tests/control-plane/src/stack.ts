import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Database, openDatabase } from '@geo/db';
import type { RegistryClient } from '@geo/registry-client';
import {
  createDatabase,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  run,
  type ServiceName,
  serviceMain,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';
import { type Account, loginClient } from './registry-login.js';

/** The account that pushes to the primary and reads both registries in tests. */
export const pusher: Account = { name: 'pusher', password: 'pusher-password' };

type Env = Record<string, string>;

/** Options of {@link startStack}. */
export interface StackOptions {
  site?: string;
  /** Extra or overriding variables of each service, by service name. */
  env?: Partial<Record<ServiceName, Env>>;
  /** Services started at once; default all five, in dependency order. */
  services?: ServiceName[];
}

/** One secondary site and its primary, each a real process; see {@link startStack}. */
export interface Stack {
  site: string;
  nats: NatsServer;
  database: TestDatabase;
  /** A pool on the site's database, for reading its state. */
  db: Database;
  primary: Registry;
  secondary: Registry;
  /** {@link pusher}'s clients of both registries. */
  primaryClient: RegistryClient;
  secondaryClient: RegistryClient;
  statusTarget: string;
  /** Where notification-ingest takes envelopes, and the secret it wants. */
  ingestUrl: string;
  notificationSecret: string;
  /** The environment of each service as started. */
  env: Record<string, Env>;
  services: Map<string, ManagedProcess>;
  /** Starts `service` (again) as `instance`, with `overrides` on top of its environment. */
  start(service: ServiceName, instance?: string, overrides?: Env): Promise<ManagedProcess>;
  /** Stops the process named `instance` gracefully. */
  stopService(instance: string): Promise<void>;
  /** Runs geoctl against the status service and returns stdout. */
  geoctl(args: string[]): Promise<string>;
  /** Everything each service printed, for a failing test's log. */
  dump(): string;
  stop(): Promise<void>;
}

const ORDER: ServiceName[] = [
  'token-issuer',
  'notification-ingest',
  'event-log-cursor',
  'sync-worker',
  'status',
];

async function writeAccounts(dir: string): Promise<string> {
  const script = serviceMain('token-issuer').replace(/main\.js$/, 'hash-password.js');
  const hash = await run('sh', [
    '-c',
    `printf '%s' "$0" | "${process.execPath}" "$1"`,
    pusher.password,
    script,
  ]);
  const file = join(dir, 'accounts.json');
  const grants = [{ repository: '**', actions: ['pull', 'push', 'delete'] }];
  await writeFile(
    file,
    JSON.stringify({ accounts: [{ name: pusher.name, passwordHash: hash.trim(), grants }] }),
  );
  return file;
}

/**
 * Starts a primary and a secondary `docker-registry` with token auth,
 * nats-server, a fresh database and the services, on free ports. Every
 * service gets what it needs to run, backfill and reconcile included.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const site = options.site ?? 'east';
  const dir: TempDir = await tempDir('geo-control-plane-');
  const key = await generateSigningKey(dir.path);
  const accountsFile = await writeAccounts(dir.path);
  const [tokenGrpc, tokenHttp, ingest, status] = await Promise.all(
    Array.from({ length: 4 }, () => freePort()),
  );
  const issuer = 'geo-control-plane';
  const services = { primary: 'geo-primary', secondary: `geo-secondary-${site}` };
  const tokenSecret = 'control-plane-token-secret';
  const realm = `http://127.0.0.1:${tokenHttp}/jwt/auth`;
  const ingestUrl = `http://127.0.0.1:${ingest}/api/v4/container_registry_event/events`;

  const [nats, database] = await Promise.all([startNats(), createDatabase()]);
  const tokenAuth = (service: string) => ({
    realm,
    service,
    issuer,
    rootCertBundle: key.certFile,
  });
  const [primary, secondary] = await Promise.all([
    startRegistry({
      name: 'primary',
      tokenAuth: tokenAuth(services.primary),
      notifications: { url: ingestUrl, secret: 'control-plane-notification-secret' },
    }),
    startRegistry({ name: 'secondary', tokenAuth: tokenAuth(services.secondary) }),
  ]);

  const siteEnv = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
  };
  const registryEnv = {
    GEO_PRIMARY_REGISTRY_URL: primary.url,
    GEO_SECONDARY_REGISTRY_URL: secondary.url,
    GEO_TOKEN_ISSUER_URL: `127.0.0.1:${tokenGrpc}`,
    GEO_TOKEN_ISSUER_SECRET: tokenSecret,
  };
  const env: Record<string, Env> = {
    'token-issuer': {
      GEO_REGISTRY_KEY_FILE: key.keyFile,
      GEO_TOKEN_ISSUER: issuer,
      GEO_TOKEN_SERVICE: services.primary,
      GEO_TOKEN_SECONDARY_SERVICES: `${site}=${services.secondary}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
      GEO_TOKEN_ACCOUNTS_FILE: accountsFile,
      GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${tokenGrpc}`,
      GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${tokenHttp}`,
    },
    'notification-ingest': {
      NATS_URL: nats.url,
      GEO_NOTIFICATION_SECRET: 'control-plane-notification-secret',
      GEO_INGEST_LISTEN: `127.0.0.1:${ingest}`,
    },
    'event-log-cursor': {
      ...siteEnv,
      ...registryEnv,
      GEO_CURSOR_SCHEDULE_INTERVAL_MS: '500',
    },
    'sync-worker': { ...siteEnv, ...registryEnv, GEO_SYNC_LEASE_MS: '3000' },
    status: {
      ...siteEnv,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
      GEO_STATUS_LISTEN: `127.0.0.1:${status}`,
    },
  };
  for (const [service, overrides] of Object.entries(options.env ?? {})) {
    env[service] = { ...env[service], ...overrides };
  }

  const running = new Map<string, ManagedProcess>();
  const database_ = openDatabase(database.url, { max: 4 });
  const statusTarget = `127.0.0.1:${status}`;

  const stack: Stack = {
    site,
    nats,
    database,
    db: database_.db,
    primary,
    secondary,
    primaryClient: loginClient(primary.url, realm, services.primary, pusher),
    secondaryClient: loginClient(secondary.url, realm, services.secondary, pusher),
    statusTarget,
    ingestUrl,
    notificationSecret: 'control-plane-notification-secret',
    env,
    services: running,
    async start(service, instance = service, overrides = {}) {
      const extra: Env = instance === service ? {} : { GEO_WORKER_ID: instance };
      const process_ = await startService(
        service,
        { ...env[service], ...extra, ...overrides },
        { instance },
      );
      running.set(instance, process_);
      return process_;
    },
    async stopService(instance) {
      await running.get(instance)?.stop();
      running.delete(instance);
    },
    geoctl: (args) =>
      run(process.execPath, [serviceMain('geoctl'), '--server', statusTarget, ...args]),
    dump: () =>
      [...running.values()]
        .map((service) => `--- ${service.name}\n${service.output().slice(-4000)}`)
        .join('\n'),
    async stop() {
      for (const service of [...running.values()].reverse()) await service.stop();
      await Promise.all([stack.primaryClient.close(), stack.secondaryClient.close()]);
      await database_.close();
      await Promise.all([primary.stop(), secondary.stop(), nats.stop()]);
      await database.drop();
      await dir.remove();
    },
  };

  for (const service of ORDER) {
    if (!options.services || options.services.includes(service)) await stack.start(service);
  }
  return stack;
}
