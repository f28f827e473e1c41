import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  freePort,
  generateSigningKey,
  type ManagedProcess,
  type Registry,
  startRegistry,
  startService,
  type TempDir,
} from '@geo/testkit';
import { hashPassword } from '@geo/tokens';

/** The account every protected test registry knows. */
export const account = { username: 'puller', password: 'correct-horse-battery' };

/** `user:password` of {@link account}, as skopeo takes it. */
export const skopeoCreds = `${account.username}:${account.password}`;

/** The token service the bearer-protected registry trusts. */
export const tokenService = 'geo-credentials-test';

/**
 * Distribution's htpasswd reads bcrypt hashes through Go's bcrypt, which
 * takes the `$2b$` hashes bcryptjs writes as they are.
 */
export async function startBasicRegistry(dir: TempDir): Promise<Registry> {
  const htpasswd = join(dir.path, 'htpasswd');
  await writeFile(htpasswd, `${account.username}:${await hashPassword(account.password, 4)}\n`);
  return startRegistry({ name: 'basic-primary', htpasswd });
}

/** The real token-issuer with one account, and the address of its Docker token endpoint. */
export interface TokenIssuer {
  process: ManagedProcess;
  /** `http://127.0.0.1:port`. */
  httpUrl: string;
  certFile: string;
}

/** Starts the token-issuer with {@link account} allowed everything. */
export async function startTokenIssuer(dir: TempDir): Promise<TokenIssuer> {
  const key = await generateSigningKey(dir.path);
  const accountsFile = join(dir.path, 'accounts.json');
  const passwordHash = await hashPassword(account.password, 4);
  const grants = [{ repository: '**', actions: ['pull', 'push', 'delete'] }];
  await writeFile(
    accountsFile,
    JSON.stringify({ accounts: [{ name: account.username, passwordHash, grants }] }),
  );
  const [grpcPort, httpPort] = [await freePort(), await freePort()];

  const process = await startService('token-issuer', {
    GEO_REGISTRY_KEY_FILE: key.keyFile,
    GEO_TOKEN_ISSUER: 'geo-credentials-issuer',
    GEO_TOKEN_SERVICE: tokenService,
    GEO_TOKEN_ISSUER_SECRET: 'unused-grpc-secret',
    GEO_TOKEN_ACCOUNTS_FILE: accountsFile,
    GEO_TOKEN_ISSUER_LISTEN: `127.0.0.1:${grpcPort}`,
    GEO_TOKEN_ISSUER_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
  });

  return { process, httpUrl: `http://127.0.0.1:${httpPort}`, certFile: key.certFile };
}

/** A registry whose challenge sends clients to `realm` for tokens of the issuer. */
export function startBearerRegistry(issuer: TokenIssuer, realm: string): Promise<Registry> {
  return startRegistry({
    name: 'bearer-primary',
    tokenAuth: {
      realm,
      service: tokenService,
      issuer: 'geo-credentials-issuer',
      rootCertBundle: issuer.certFile,
    },
  });
}
