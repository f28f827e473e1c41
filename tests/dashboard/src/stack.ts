import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createDatabase,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  run,
  serviceMain,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';

/** The account that pushes to the primary and reads both registries. */
export const pusher = { name: 'pusher', password: 'pusher-password' };

/** The services of one site, in the order they start. */
export const serviceNames = [
  'token-issuer',
  'notification-ingest',
  'event-log-cursor',
  'sync-worker',
  'status',
] as const;

/** One of {@link serviceNames}. */
export type SiteService = (typeof serviceNames)[number];

/** A primary, one secondary site and its five services, each a real process on free ports. */
export interface Stack {
  site: string;
  dir: TempDir;
  nats: NatsServer;
  database: TestDatabase;
  primary: Registry;
  secondary: Registry;
  /** `user:password` of {@link pusher}, as skopeo takes it. */
  creds: string;
  services: Partial<Record<SiteService, ManagedProcess>>;
  /** Where each service serves `/metrics`. */
  metricsUrls: Record<SiteService, string>;
  statusTarget: string;
  /** Where the primary sends notifications. */
  ingestUrl: string;
  /** The Docker token endpoint of the token-issuer. */
  tokenRealm: string;
  /** Base URL of the dashboard. */
  dashboardUrl: string;
  /** Starts the services not yet running, in order. */
  startServices(): Promise<void>;
  /** Runs geoctl against the site; resolves with its exit status and output. */
  geoctl(args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

async function hashPassword(password: string): Promise<string> {
  const script = serviceMain('token-issuer').replace(/main\.js$/, 'hash-password.js');
  const output = await run('sh', [
    '-c',
    `printf '%s' "$0" | "${process.execPath}" "$1"`,
    password,
    script,
  ]);
  return output.trim();
}

async function writeAccounts(dir: string): Promise<string> {
  const file = join(dir, 'accounts.json');
  const grants = [{ repository: '**', actions: ['pull', 'push', 'delete'] }];
  const account = { name: pusher.name, passwordHash: await hashPassword(pusher.password), grants };
  await writeFile(file, JSON.stringify({ accounts: [account] }, null, 2));
  return file;
}

/**
 * Starts registries with token auth, NATS, a database and the token-issuer;
 * the other services start with {@link Stack.startServices}, so a test can
 * prepare the primary first. Every service exports metrics.
 */
export async function startStack(site = 'east'): Promise<Stack> {
  const dir = await tempDir('geo-dashboard-');
  const key = await generateSigningKey(dir.path);
  const accountsFile = await writeAccounts(dir.path);
  const port = async () => `127.0.0.1:${await freePort()}`;
  const [tokenGrpc, tokenHttp, ingest, status, http] = [
    await port(),
    await port(),
    await port(),
    await port(),
    await port(),
  ];
  const metrics = {} as Record<SiteService, string>;
  for (const name of serviceNames) metrics[name] = await port();

  const issuer = 'geo-dashboard-issuer';
  const secondaryService = `geo-secondary-${site}`;
  const tokenSecret = 'dashboard-token-secret';
  const notificationSecret = 'dashboard-notification-secret';
  const realm = `http://${tokenHttp}/jwt/auth`;
  const ingestUrl = `http://${ingest}/api/v4/container_registry_event/events`;

  const [nats, database, primary, secondary] = await Promise.all([
    startNats(),
    createDatabase(),
    startRegistry({
      name: 'primary',
      tokenAuth: { realm, service: 'geo-primary', issuer, rootCertBundle: key.certFile },
      notifications: { url: ingestUrl, secret: notificationSecret },
    }),
    startRegistry({
      name: 'secondary',
      tokenAuth: { realm, service: secondaryService, issuer, rootCertBundle: key.certFile },
    }),
  ]);

  const siteEnv = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
  };
  const tokens = { GEO_TOKEN_ISSUER_URL: tokenGrpc, GEO_TOKEN_ISSUER_SECRET: tokenSecret };
  const env: Record<SiteService, Record<string, string>> = {
    'token-issuer': {
      GEO_REGISTRY_KEY_FILE: key.keyFile,
      GEO_TOKEN_ISSUER: issuer,
      GEO_TOKEN_SERVICE: 'geo-primary',
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
    'event-log-cursor': { ...siteEnv, GEO_PRIMARY_REGISTRY_URL: primary.url, ...tokens },
    'sync-worker': {
      ...siteEnv,
      ...tokens,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
    },
    status: {
      ...siteEnv,
      ...tokens,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
      GEO_STATUS_LISTEN: status,
      GEO_STATUS_HTTP_LISTEN: http,
    },
  };

  const services: Stack['services'] = {};
  const start = async (name: SiteService) => {
    services[name] ??= await startService(name, {
      ...env[name],
      GEO_METRICS_LISTEN: metrics[name],
    });
  };
  await start('token-issuer');

  const metricsUrls = {} as Record<SiteService, string>;
  for (const name of serviceNames) metricsUrls[name] = `http://${metrics[name]}/metrics`;

  return {
    site,
    dir,
    nats,
    database,
    primary,
    secondary,
    creds: `${pusher.name}:${pusher.password}`,
    services,
    metricsUrls,
    statusTarget: status,
    ingestUrl,
    tokenRealm: realm,
    dashboardUrl: `http://${http}`,
    async startServices() {
      for (const name of serviceNames) await start(name);
    },
    geoctl: (args) => runGeoctl([...args, '--server', status]),
    async stop() {
      for (const name of [...serviceNames].reverse()) await services[name]?.stop();
      await Promise.all([primary.stop(), secondary.stop(), nats.stop()]);
      await database.drop();
      await dir.remove();
    },
  };
}

async function runGeoctl(args: string[]) {
  const { execFile } = await import('node:child_process');
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

/** Prints the output of every service of a stack, for a failing test's log. */
export function dumpServices(stack: Stack): string {
  return Object.values(stack.services)
    .map((service) => `--- ${service?.name}\n${service?.output().slice(-4000)}`)
    .join('\n');
}
