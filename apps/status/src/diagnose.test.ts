import { execFile } from 'node:child_process';
import { connectNats, ensureCursorConsumer, ensureEventStream } from '@geo/stream';
import {
  createDatabase,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type NatsServer,
  type Registry,
  repoRoot,
  serviceMain,
  startNats,
  startRegistry,
  startService,
  type TempDir,
  type TestDatabase,
  tempDir,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const site = 'east';
const issuer = 'geo-doctor-issuer';
const secret = 'doctor-secret';

interface Report {
  site: string;
  ok: boolean;
  checks: { name: string; result: string; ok: boolean; detail: string }[];
}

/** Runs `geoctl doctor --json` against the status service on `port`. */
function doctor(port: number): Promise<{ status: number; report: Report; stderr: string }> {
  const args = [serviceMain('geoctl'), 'doctor', '--json', '--server', `127.0.0.1:${port}`];

  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repoRoot }, (error, stdout, stderr) => {
      const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      resolve({ status, report: JSON.parse(stdout), stderr });
    });
  });
}

const resultOf = (report: Report, name: string) =>
  report.checks.find((check) => check.name === name);

describe('geoctl doctor against a running site', () => {
  let dir: TempDir;
  let database: TestDatabase;
  let nats: NatsServer;
  let primary: Registry;
  let secondary: Registry;
  const processes: ManagedProcess[] = [];
  let wrongKeyId: string;
  const ports: Record<string, number> = {};

  const startIssuer = async (name: string, keyFile: string) => {
    const [grpc, http] = [await freePort(), await freePort()];
    const instance = await startService(
      'token-issuer',
      {
        GEO_REGISTRY_KEY_FILE: keyFile,
        GEO_TOKEN_ISSUER: issuer,
        GEO_TOKEN_SECONDARY_SERVICES: `${site}=registry_${site}`,
        GEO_TOKEN_ISSUER_SECRET: secret,
        GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${grpc}`,
        GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${http}`,
      },
      { instance: name },
    );
    processes.push(instance);
    return { grpc, instance };
  };

  const startStatus = async (name: string, env: Record<string, string>) => {
    const port = await freePort();
    processes.push(
      await startService(
        'status',
        {
          DATABASE_URL: database.url,
          NATS_URL: nats.url,
          GEO_SITE: site,
          GEO_REPLICATION_ENABLED: 'true',
          GEO_SECONDARY_REGISTRY_URL: secondary.url,
          GEO_STATUS_LISTEN: `127.0.0.1:${port}`,
          ...env,
        },
        { instance: name },
      ),
    );
    ports[name] = port;
  };

  beforeAll(async () => {
    dir = await tempDir('geo-doctor-');
    [database, nats] = await Promise.all([createDatabase(), startNats()]);
    const trusted = await generateSigningKey(dir.path, 'trusted');
    const wrong = await generateSigningKey(dir.path, 'wrong');
    const tokenAuth = {
      realm: 'http://127.0.0.1:9/jwt/auth',
      issuer,
      rootCertBundle: trusted.certFile,
    };
    primary = await startRegistry({ tokenAuth: { ...tokenAuth, service: 'container_registry' } });
    secondary = await startRegistry({ tokenAuth: { ...tokenAuth, service: `registry_${site}` } });

    const good = await startIssuer('token-issuer-good', trusted.keyFile);
    const bad = await startIssuer('token-issuer-wrong-key', wrong.keyFile);
    wrongKeyId = /"kid":"([A-Z0-9:]+)"/.exec(bad.instance.output())?.[1] ?? '';

    const nc = await connectNats([nats.url], 'doctor-test');
    await ensureEventStream(nc);
    await ensureCursorConsumer(nc, site);
    await nc.close();

    const diagnosis = {
      GEO_PRIMARY_REGISTRY_URL: primary.url,
      GEO_TOKEN_ISSUER_SECRET: secret,
      GEO_REGISTRY_ROOT_CERT_BUNDLE: trusted.certFile,
    };
    await startStatus('healthy', { ...diagnosis, GEO_TOKEN_ISSUER_URL: `127.0.0.1:${good.grpc}` });
    await startStatus('wrong-key', { ...diagnosis, GEO_TOKEN_ISSUER_URL: `127.0.0.1:${bad.grpc}` });
    await startStatus('minimal', { GEO_REPLICATION_ENABLED: 'false' });
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await Promise.all([primary?.stop(), secondary?.stop(), nats?.stop(), database?.drop()]);
    await dir?.remove();
  });

  it('passes every check of a healthy site and exits 0', async () => {
    const { status, report } = await doctor(ports.healthy ?? 0);

    expect(report.checks.map((check) => [check.name, check.result])).toEqual([
      ['primary-registry', 'passed'],
      ['secondary-registry', 'passed'],
      ['nats-streams', 'passed'],
      ['database-migrations', 'passed'],
      ['replication-switch', 'passed'],
    ]);
    expect(report).toMatchObject({ site, ok: true });
    expect(status).toBe(0);
  });

  it('says the registries do not trust the key when the token-issuer has a wrong one', async () => {
    const { status, report, stderr } = await doctor(ports['wrong-key'] ?? 0);

    const primaryCheck = resultOf(report, 'primary-registry');
    expect(primaryCheck?.result).toBe('failed');
    expect(primaryCheck?.detail).toContain(
      `signature not verifiable with the registry's certificates: the token is signed with key ${wrongKeyId}`,
    );
    expect(resultOf(report, 'secondary-registry')?.result).toBe('failed');
    expect(report.ok).toBe(false);
    expect(status).toBe(1);
    expect(stderr).toContain('primary-registry');
  });

  it('skips the checks whose variables are unset and warns of disabled replication', async () => {
    const { report } = await doctor(ports.minimal ?? 0);

    expect(resultOf(report, 'primary-registry')).toMatchObject({
      result: 'skipped',
      detail: expect.stringContaining('GEO_PRIMARY_REGISTRY_URL'),
    });
    expect(resultOf(report, 'replication-switch')?.result).toBe('warning');
    expect(resultOf(report, 'database-migrations')?.result).toBe('passed');
  });

  it('never puts the token-issuer secret in a log line', () => {
    for (const process of processes) expect(process.output()).not.toContain(secret);
  });
});
