import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type IssueTokenRequest,
  type IssueTokenResponse,
  TargetRegistry,
  TokenServiceClient,
} from '@geo/contracts';
import {
  buildImage,
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type Registry,
  run,
  serviceMain,
  skopeoCopy,
  skopeoInspectRaw,
  startProcess,
  startRegistry,
  startService,
  type TempDir,
  tempDir,
} from '@geo/testkit';
import { hashPassword } from '@geo/tokens';
import { credentials, Metadata, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const issuer = 'geo-test-issuer';
const primaryService = 'container_registry';
const secret = 'grpc-shared-secret';

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

describe('token-issuer against a real registry', () => {
  let dir: TempDir;
  let registry: Registry;
  let issuerProcess: ManagedProcess;
  let client: TokenServiceClient;
  let env: Record<string, string>;
  let tokenEndpoint: string;

  const issueToken = (request: IssueTokenRequest, bearer?: string) => {
    const metadata = new Metadata();
    if (bearer !== undefined) metadata.set('authorization', `Bearer ${bearer}`);
    return new Promise<IssueTokenResponse>((resolve, reject) => {
      client.issueToken(request, metadata, (error, response) =>
        error ? reject(error) : resolve(response),
      );
    });
  };

  const pushImage = async (repository: string, creds = 'ci:ci-password') => {
    const image = await buildImage({ layout: join(dir.path, 'layout'), tag: 'v1' });
    await skopeoCopy(image.reference, `docker://${registry.host}/${repository}:v1`, {
      destCreds: creds,
    });
  };

  beforeAll(async () => {
    dir = await tempDir('geo-token-issuer-');
    const key = await generateSigningKey(dir.path);
    const accountsFile = join(dir.path, 'accounts.json');
    await writeFile(
      accountsFile,
      JSON.stringify({
        accounts: [
          {
            name: 'ci',
            passwordHash: await hashPassword('ci-password', 4),
            grants: [{ repository: 'team/**', actions: ['pull', 'push'] }],
          },
          {
            name: 'reader',
            passwordHash: await hashPassword('reader-password', 4),
            grants: [
              { repository: 'team/*', actions: ['pull'] },
              { registry: 'catalog', actions: ['*'] },
            ],
          },
        ],
      }),
    );

    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    tokenEndpoint = `http://127.0.0.1:${httpPort}/jwt/auth`;
    registry = await startRegistry({
      tokenAuth: {
        realm: `http://127.0.0.1:${httpPort}/jwt/auth`,
        service: primaryService,
        issuer,
        rootCertBundle: key.certFile,
      },
    });
    env = {
      GEO_REGISTRY_KEY_FILE: key.keyFile,
      GEO_TOKEN_ISSUER: issuer,
      GEO_TOKEN_SERVICE: primaryService,
      GEO_TOKEN_SECONDARY_SERVICES: 'east=registry_east',
      GEO_TOKEN_ISSUER_SECRET: secret,
      GEO_TOKEN_ACCOUNTS_FILE: accountsFile,
      GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${grpcPort}`,
      GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    };
    issuerProcess = await startService('token-issuer', env);
    client = new TokenServiceClient(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await issuerProcess?.stop();
    await registry?.stop();
    await dir?.remove();
  });

  it('issues tokens the registry accepts for a push by an account', async () => {
    await pushImage('team/app');

    const manifest = await skopeoInspectRaw(
      `docker://${registry.host}/team/app:v1`,
      'ci:ci-password',
    );

    expect(JSON.parse(manifest).layers).toHaveLength(1);
  });

  it('lets skopeo log in with an account of the file and copy through the endpoint', async () => {
    const authfile = join(dir.path, 'auth.json');
    const policy = join(dir.path, 'policy.json');
    await writeFile(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
    const image = await buildImage({ layout: join(dir.path, 'login-layout'), tag: 'v1' });
    const login = ['login', '--tls-verify=false', '--authfile', authfile];

    await run('skopeo', [...login, '--username', 'ci', '--password', 'ci-password', registry.host]);
    await run('skopeo', [
      'copy',
      '--policy',
      policy,
      '--authfile',
      authfile,
      '--dest-tls-verify=false',
      image.reference,
      `docker://${registry.host}/team/logged-in:v1`,
    ]);

    const listed = await skopeoInspectRaw(
      `docker://${registry.host}/team/logged-in:v1`,
      'ci:ci-password',
    );
    expect(JSON.parse(listed).layers).toHaveLength(1);
    await expect(
      run('skopeo', [...login, '--username', 'ci', '--password', 'nope', registry.host]),
    ).rejects.toThrow(/skopeo login/);
  });

  it('grants the intersection of several scopes with the account rules', async () => {
    await pushImage('team/shared');
    const scopes = [
      'repository:team/shared:pull,push',
      'repository:team/deep/app:pull',
      'repository:other:pull',
      'registry:catalog:*',
    ];
    const query = new URLSearchParams({ service: primaryService, account: 'reader' });
    for (const scope of scopes) query.append('scope', scope);

    const response = await fetch(`${tokenEndpoint}?${query}`, {
      headers: {
        authorization: `Basic ${Buffer.from('reader:reader-password').toString('base64')}`,
      },
    });
    const { token } = (await response.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const catalog = await fetch(`${registry.url}/v2/_catalog`, { headers: bearer });
    const tags = await fetch(`${registry.url}/v2/team/shared/tags/list`, { headers: bearer });
    const upload = await fetch(`${registry.url}/v2/team/shared/blobs/uploads/`, {
      method: 'POST',
      headers: bearer,
    });

    expect(claimsOf(token).access).toEqual([
      { type: 'repository', name: 'team/shared', actions: ['pull'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ]);
    expect(catalog.status).toBe(200);
    expect(tags.status).toBe(200);
    expect(upload.status).toBe(401);
  });

  it('refuses a push with a wrong password', async () => {
    await expect(pushImage('team/refused', 'ci:wrong-password')).rejects.toThrow(/skopeo/);
  });

  it('gives a site only pull on the primary, which the registry enforces', async () => {
    await pushImage('team/pull-only');

    const response = await issueToken(
      {
        site: 'east',
        registry: TargetRegistry.TARGET_REGISTRY_PRIMARY,
        scopes: [{ type: 'repository', name: 'team/pull-only', actions: ['pull', 'push'] }],
      },
      secret,
    );
    const authorization = { authorization: `Bearer ${response.token}` };
    const upload = await fetch(`${registry.url}/v2/team/pull-only/blobs/uploads/`, {
      method: 'POST',
      headers: authorization,
    });
    const tags = await fetch(`${registry.url}/v2/team/pull-only/tags/list`, {
      headers: authorization,
    });

    expect(response.service).toBe(primaryService);
    expect(response.granted).toEqual([
      { type: 'repository', name: 'team/pull-only', actions: ['pull'] },
    ]);
    expect(upload.status).toBe(401);
    expect(tags.status).toBe(200);
    expect(await tags.json()).toEqual({ name: 'team/pull-only', tags: ['v1'] });
  });

  it.each([
    ['everything', ['*'], [{ type: 'repository', name: 'team/guarded', actions: ['pull'] }]],
    ['push and delete', ['push', 'delete'], []],
  ])(
    'never lets a site push or delete on the primary when it asks for %s',
    async (_, actions, granted) => {
      await pushImage('team/guarded');

      const response = await issueToken(
        {
          site: 'east',
          registry: TargetRegistry.TARGET_REGISTRY_PRIMARY,
          scopes: [{ type: 'repository', name: 'team/guarded', actions }],
        },
        secret,
      );
      const bearer = { authorization: `Bearer ${response.token}` };
      const upload = await fetch(`${registry.url}/v2/team/guarded/blobs/uploads/`, {
        method: 'POST',
        headers: bearer,
      });
      const remove = await fetch(
        `${registry.url}/v2/team/guarded/manifests/sha256:${'0'.repeat(64)}`,
        {
          method: 'DELETE',
          headers: bearer,
        },
      );

      expect(claimsOf(response.token).access).toEqual(granted);
      expect(upload.status).toBe(401);
      expect(remove.status).toBe(401);
    },
  );

  it('issues a secondary token for the site service, which the primary refuses', async () => {
    const response = await issueToken(
      {
        site: 'east',
        registry: TargetRegistry.TARGET_REGISTRY_SECONDARY,
        scopes: [{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }],
      },
      secret,
    );
    const tags = await fetch(`${registry.url}/v2/team/app/tags/list`, {
      headers: { authorization: `Bearer ${response.token}` },
    });

    expect(response.service).toBe('registry_east');
    expect(response.granted[0]?.actions).toEqual(['pull', 'push']);
    expect(response.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(tags.status).toBe(401);
  });

  it('refuses a secondary token for a site without a configured service', async () => {
    const request = { site: 'west', registry: TargetRegistry.TARGET_REGISTRY_SECONDARY };

    const attempt = issueToken({ ...request, scopes: [] }, secret);

    await expect(attempt).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
  });

  it.each([
    ['without a secret', undefined],
    ['with a wrong secret', 'not-the-secret'],
  ])('refuses a gRPC call %s as UNAUTHENTICATED', async (_, bearer) => {
    const request = { site: 'east', registry: TargetRegistry.TARGET_REGISTRY_PRIMARY, scopes: [] };

    const attempt = issueToken(request, bearer);

    await expect(attempt).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
  });

  it('never logs the secret or a password', () => {
    const output = issuerProcess.output();

    expect(output).not.toContain(secret);
    expect(output).not.toContain('ci-password');
    expect(output).not.toContain('wrong-password');
    expect(output).not.toContain('reader-password');
  });

  it('exits with status 2 naming GEO_REGISTRY_KEY_FILE when it is missing', async () => {
    const { GEO_REGISTRY_KEY_FILE: _, ...rest } = env;
    const child = startProcess(process.execPath, [serviceMain('token-issuer')], {
      name: 'token-issuer-without-key',
      env: { PATH: process.env.PATH, ...rest },
    });

    expect(await child.exited()).toBe(2);
    expect(child.output()).toContain('GEO_REGISTRY_KEY_FILE');
  });
});
