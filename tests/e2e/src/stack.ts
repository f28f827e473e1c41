import { writeFile } from 'node:fs/promises';
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

/** The account that pushes to the primary and reads both registries in tests. */
export const pusher = { name: 'pusher', password: 'pusher-password' };

/** Everything one secondary site and its primary need, each a real process. */
export interface Stack {
  site: string;
  dir: TempDir;
  nats: NatsServer;
  database: TestDatabase;
  primary: Registry;
  secondary: Registry;
  services: Record<string, ManagedProcess>;
  /** The environment each service was started with, by service name. */
  env: Record<string, Record<string, string>>;
  statusTarget: string;
  ingestUrl: string;
  /** `user:password` of {@link pusher}, as skopeo takes it. */
  creds: string;
  /** Starts one more sync-worker process. */
  startWorker(instance: string): Promise<ManagedProcess>;
  /** Runs geoctl with `args` against this site's status service and returns stdout. */
  geoctl(args: string[]): Promise<string>;
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
  const accounts = {
    accounts: [
      {
        name: pusher.name,
        passwordHash: await hashPassword(pusher.password),
        grants: [{ repository: '**', actions: ['pull', 'push', 'delete'] }],
      },
    ],
  };
  await writeFile(file, JSON.stringify(accounts, null, 2));
  return file;
}

/**
 * Starts a primary and a secondary `docker-registry` with token auth,
 * nats-server, a fresh database and the five services, on free ports.
 */
export async function startStack(site = 'east'): Promise<Stack> {
  const dir = await tempDir('geo-e2e-');
  const key = await generateSigningKey(dir.path);
  const accountsFile = await writeAccounts(dir.path);
  const [tokenGrpc, tokenHttp, ingest, status] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const issuer = 'geo-e2e-issuer';
  const primaryService = 'geo-primary';
  const secondaryService = `geo-secondary-${site}`;
  const tokenSecret = 'e2e-token-secret';
  const notificationSecret = 'e2e-notification-secret';
  const realm = `http://127.0.0.1:${tokenHttp}/jwt/auth`;
  const ingestUrl = `http://127.0.0.1:${ingest}/api/v4/container_registry_event/events`;

  const [nats, database] = await Promise.all([startNats(), createDatabase()]);
  const [primary, secondary] = await Promise.all([
    startRegistry({
      name: 'primary',
      tokenAuth: { realm, service: primaryService, issuer, rootCertBundle: key.certFile },
      notifications: { url: ingestUrl, secret: notificationSecret },
    }),
    startRegistry({
      name: 'secondary',
      tokenAuth: { realm, service: secondaryService, issuer, rootCertBundle: key.certFile },
    }),
  ]);

  const site_ = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    GEO_SITE: site,
    GEO_REPLICATION_ENABLED: 'true',
  };
  const env: Record<string, Record<string, string>> = {
    'token-issuer': {
      GEO_REGISTRY_KEY_FILE: key.keyFile,
      GEO_TOKEN_ISSUER: issuer,
      GEO_TOKEN_SERVICE: primaryService,
      GEO_TOKEN_SECONDARY_SERVICES: `${site}=${secondaryService}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
      GEO_TOKEN_ACCOUNTS_FILE: accountsFile,
      GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${tokenGrpc}`,
      GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${tokenHttp}`,
    },
    'notification-ingest': {
      NATS_URL: nats.url,
      GEO_NOTIFICATION_SECRET: notificationSecret,
      GEO_INGEST_LISTEN: `127.0.0.1:${ingest}`,
    },
    'event-log-cursor': {
      ...site_,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
      GEO_TOKEN_ISSUER_URL: `127.0.0.1:${tokenGrpc}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
    },
    'sync-worker': {
      ...site_,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
      GEO_TOKEN_ISSUER_URL: `127.0.0.1:${tokenGrpc}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
    },
    status: {
      ...site_,
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_SECONDARY_REGISTRY_URL: secondary.url,
      GEO_TOKEN_ISSUER_URL: `127.0.0.1:${tokenGrpc}`,
      GEO_TOKEN_ISSUER_SECRET: tokenSecret,
      GEO_STATUS_LISTEN: `127.0.0.1:${status}`,
    },
  };

  const services: Record<string, ManagedProcess> = {};
  services['token-issuer'] = await startService('token-issuer', env['token-issuer'] ?? {});
  services['notification-ingest'] = await startService(
    'notification-ingest',
    env['notification-ingest'] ?? {},
  );
  services['event-log-cursor'] = await startService(
    'event-log-cursor',
    env['event-log-cursor'] ?? {},
  );
  services['sync-worker'] = await startService('sync-worker', env['sync-worker'] ?? {});
  services.status = await startService('status', env.status ?? {});
  const statusTarget = `127.0.0.1:${status}`;

  return {
    site,
    dir,
    nats,
    database,
    primary,
    secondary,
    services,
    env,
    statusTarget,
    ingestUrl,
    creds: `${pusher.name}:${pusher.password}`,
    async startWorker(instance) {
      const worker = await startService(
        'sync-worker',
        { ...(env['sync-worker'] ?? {}), GEO_WORKER_ID: instance },
        { instance },
      );
      services[instance] = worker;
      return worker;
    },
    geoctl: (args) =>
      run(process.execPath, [serviceMain('geoctl'), '--server', statusTarget, ...args]),
    async stop() {
      for (const service of Object.values(services).reverse()) await service.stop();
      await Promise.all([primary.stop(), secondary.stop(), nats.stop()]);
      await database.drop();
      await dir.remove();
    },
  };
}

/** Prints the output of every service of a stack, for a failing test's log. */
export function dumpServices(stack: Stack): string {
  return Object.values(stack.services)
    .map((service) => `--- ${service.name}\n${service.output().slice(-4000)}`)
    .join('\n');
}
