import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.js';
import type { ManagedProcess } from './managed-process.js';
import { type NatsServer, startNats } from './nats.js';
import { freePort } from './ports.js';
import { createDatabase, type TestDatabase } from './postgres.js';
import { type Registry, startRegistry } from './registry.js';
import { type ServiceName, serviceMain, startService } from './services.js';
import { generateSigningKey } from './signing-key.js';
import { type TempDir, tempDir } from './temp-dir.js';

/** The account of a site stack that may push, pull and delete everywhere. */
export const pusher = { name: 'pusher', password: 'pusher-password' };

/** The services of a site, in the order they start. */
export const siteServices: readonly ServiceName[] = [
  'token-issuer',
  'notification-ingest',
  'event-log-cursor',
  'sync-worker',
  'status',
];

type Env = Record<string, string>;

/** Options of {@link startSite}. */
export interface SiteOptions {
  site?: string;
  /** Extra or overriding variables of each service, by service name. */
  env?: Partial<Record<ServiceName, Env>>;
  /** Services started at once, in {@link siteServices} order; default all five. */
  services?: readonly ServiceName[];
  /** Give every service a `/metrics` listener. */
  metrics?: boolean;
}

/** A primary, one secondary site and its services, each a real process on free ports. */
export interface SiteStack {
  site: string;
  dir: TempDir;
  nats: NatsServer;
  database: TestDatabase;
  primary: Registry;
  secondary: Registry;
  /** The `auth.token.service` of each registry. */
  primaryService: string;
  secondaryService: string;
  /** `user:password` of {@link pusher}, as skopeo takes it. */
  creds: string;
  /** The Docker token endpoint of the token-issuer. */
  tokenRealm: string;
  /** Where the primary sends notifications, and the secret it sends. */
  ingestUrl: string;
  notificationSecret: string;
  statusTarget: string;
  /** Base URL of the status dashboard. */
  dashboardUrl: string;
  /** Where each service serves `/metrics`, when started with `metrics`. */
  metricsUrls: Partial<Record<ServiceName, string>>;
  /** The environment of each service. */
  env: Record<ServiceName, Env>;
  /** Running processes by instance name. */
  services: Map<string, ManagedProcess>;
  /** Starts `service` as `instance` (a second worker, say), `overrides` on top of its env. */
  start(service: ServiceName, instance?: string, overrides?: Env): Promise<ManagedProcess>;
  /** Starts, in order, every service not running yet. */
  startAll(): Promise<void>;
  /** Stops the process named `instance` gracefully. */
  stopService(instance: string): Promise<void>;
  /** Runs geoctl against the status service and returns stdout; throws on a non-zero exit. */
  geoctl(args: string[]): Promise<string>;
  /** The tail of everything each service printed, for a failing test's log. */
  dump(): string;
  stop(): Promise<void>;
}

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
  const accounts = [{ name: pusher.name, passwordHash: hash.trim(), grants }];
  await writeFile(file, JSON.stringify({ accounts }));
  return file;
}

async function listenAddresses(count: number): Promise<string[]> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  return ports.map((port) => `127.0.0.1:${port}`);
}

/**
 * Starts a primary and a secondary `docker-registry` with token auth (the
 * primary notifying ingest), nats-server, a fresh database and the services,
 * on free ports, each service with everything it needs, backfill included.
 */
export async function startSite(options: SiteOptions = {}): Promise<SiteStack> {
  const site = options.site ?? 'east';
  const dir = await tempDir('geo-site-');
  const key = await generateSigningKey(dir.path);
  const accountsFile = await writeAccounts(dir.path);
  const [tokenGrpc = '', tokenHttp = '', ingest = '', status = '', http = ''] =
    await listenAddresses(5);
  const issuer = 'geo-test-issuer';
  const primaryService = 'geo-primary';
  const secondaryService = `geo-secondary-${site}`;
  const tokenSecret = 'test-token-secret';
  const notificationSecret = 'test-notification-secret';
  const tokenRealm = `http://${tokenHttp}/jwt/auth`;
  const ingestUrl = `http://${ingest}/api/v4/container_registry_event/events`;
  const tokenAuth = (service: string) => ({
    realm: tokenRealm,
    service,
    issuer,
    rootCertBundle: key.certFile,
  });

  const [nats, database, primary, secondary] = await Promise.all([
    startNats(),
    createDatabase(),
    startRegistry({
      name: 'primary',
      tokenAuth: tokenAuth(primaryService),
      notifications: { url: ingestUrl, secret: notificationSecret },
    }),
    startRegistry({ name: 'secondary', tokenAuth: tokenAuth(secondaryService) }),
  ]);

  const siteEnv = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
    GEO_PRIMARY_REGISTRY_URL: primary.url,
    GEO_SECONDARY_REGISTRY_URL: secondary.url,
    GEO_TOKEN_ISSUER_URL: tokenGrpc,
    GEO_TOKEN_ISSUER_SECRET: tokenSecret,
  };
  const env: Record<ServiceName, Env> = {
    'token-issuer': {
      GEO_REGISTRY_KEY_FILE: key.keyFile,
      GEO_TOKEN_ISSUER: issuer,
      GEO_TOKEN_SERVICE: primaryService,
      GEO_TOKEN_SECONDARY_SERVICES: `${site}=${secondaryService}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
      GEO_TOKEN_ACCOUNTS_FILE: accountsFile,
      GEO_TOKEN_ISSUER_LISTEN: tokenGrpc,
      GEO_TOKEN_ISSUER_HTTP_LISTEN: tokenHttp,
    },
    'notification-ingest': {
      NATS_URL: nats.url,
      GEO_NOTIFICATION_SECRET: notificationSecret,
      GEO_INGEST_LISTEN: ingest,
    },
    'event-log-cursor': siteEnv,
    'sync-worker': siteEnv,
    status: { ...siteEnv, GEO_STATUS_LISTEN: status, GEO_STATUS_HTTP_LISTEN: http },
  };
  const metricsUrls: SiteStack['metricsUrls'] = {};
  const metricsListen = options.metrics ? await listenAddresses(siteServices.length) : [];
  for (const [index, service] of siteServices.entries()) {
    const listen = metricsListen[index];
    env[service] = { ...env[service], ...(listen ? { GEO_METRICS_LISTEN: listen } : {}) };
    env[service] = { ...env[service], ...options.env?.[service] };
    if (listen) metricsUrls[service] = `http://${listen}/metrics`;
  }

  const running = new Map<string, ManagedProcess>();
  const stack: SiteStack = {
    site,
    dir,
    nats,
    database,
    primary,
    secondary,
    primaryService,
    secondaryService,
    creds: `${pusher.name}:${pusher.password}`,
    tokenRealm,
    ingestUrl,
    notificationSecret,
    statusTarget: status,
    dashboardUrl: `http://${http}`,
    metricsUrls,
    env,
    services: running,
    async start(service, instance = service, overrides = {}) {
      const worker: Env = instance === service ? {} : { GEO_WORKER_ID: instance };
      const started = await startService(
        service,
        { ...env[service], ...worker, ...overrides },
        { instance },
      );
      running.set(instance, started);
      return started;
    },
    async startAll() {
      for (const service of siteServices) {
        if (!running.has(service)) await stack.start(service);
      }
    },
    async stopService(instance) {
      await running.get(instance)?.stop();
      running.delete(instance);
    },
    geoctl: (args) => run(process.execPath, [serviceMain('geoctl'), '--server', status, ...args]),
    dump: () =>
      [...running.values()]
        .map((service) => `--- ${service.name}\n${service.output().slice(-4000)}`)
        .join('\n'),
    async stop() {
      for (const service of [...running.values()].reverse()) await service.stop();
      await Promise.all([primary.stop(), secondary.stop(), nats.stop()]);
      await database.drop();
      await dir.remove();
    },
  };

  for (const service of siteServices) {
    if (!options.services || options.services.includes(service)) await stack.start(service);
  }
  return stack;
}
