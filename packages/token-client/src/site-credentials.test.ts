import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TempDir, tempDir } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteCredentials, optionalSiteCredentials } from './site-credentials.js';

const tokenIssuer = {
  GEO_TOKEN_ISSUER_URL: '127.0.0.1:9000',
  GEO_TOKEN_ISSUER_SECRET: 'site-secret',
};

describe('loadSiteCredentials', () => {
  let dir: TempDir;
  let basicFile: string;
  let issuerFile: string;
  let brokenFile: string;

  beforeAll(async () => {
    dir = await tempDir('geo-site-credentials-');
    basicFile = join(dir.path, 'basic.json');
    issuerFile = join(dir.path, 'issuer.json');
    brokenFile = join(dir.path, 'broken.json');
    await writeFile(basicFile, '{"type":"basic","username":"ci","password":"file-password"}');
    await writeFile(issuerFile, '{"type":"token-issuer"}');
    await writeFile(brokenFile, '{"type":"bearer","username":"ci"}');
  });

  afterAll(async () => {
    await dir?.remove();
  });

  it('uses the token-issuer for both registries without files, as before', () => {
    expect(loadSiteCredentials(tokenIssuer)).toEqual({
      primary: { type: 'token-issuer' },
      secondary: { type: 'token-issuer' },
      tokenIssuer: { url: '127.0.0.1:9000', secret: 'site-secret' },
    });
  });

  it('needs no token-issuer when both registries have other credentials', () => {
    const credentials = loadSiteCredentials({
      GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: basicFile,
      GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: basicFile,
    });

    expect(credentials.primary).toMatchObject({ type: 'basic', username: 'ci' });
    expect(credentials.tokenIssuer).toBeUndefined();
  });

  it('names the token-issuer variables and which registry needs them', () => {
    const load = () => loadSiteCredentials({ GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: basicFile });

    expect(load).toThrow(
      /GEO_TOKEN_ISSUER_URL is required: the secondary registry uses the token-issuer \(GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE is unset\)/,
    );
    expect(load).toThrow(/GEO_TOKEN_ISSUER_SECRET is required/);
  });

  it('says when a credentials file is what asks for the token-issuer', () => {
    const load = () =>
      loadSiteCredentials({
        GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE: issuerFile,
        GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: basicFile,
      });

    expect(load).toThrow(
      /the primary registry uses the token-issuer \(GEO_PRIMARY_REGISTRY_CREDENTIALS_FILE says so\)/,
    );
  });

  it('names the variable, the file and the field of a bad file, never a secret', () => {
    let message = '';
    try {
      loadSiteCredentials({
        ...tokenIssuer,
        GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: brokenFile,
      });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain(
      `GEO_SECONDARY_REGISTRY_CREDENTIALS_FILE: ${brokenFile}: password is required`,
    );
    expect(message).not.toContain('site-secret');
  });
});

describe('optionalSiteCredentials', () => {
  it('turns registry access off when none of its variables is set', () => {
    expect(optionalSiteCredentials({})).toBeUndefined();
  });

  it('uses the token-issuer for both registries when only it is set', () => {
    expect(optionalSiteCredentials(tokenIssuer)).toEqual({
      primary: { type: 'token-issuer' },
      secondary: { type: 'token-issuer' },
      tokenIssuer: { url: '127.0.0.1:9000', secret: 'site-secret' },
    });
  });

  it("refuses the token-issuer's URL without its secret instead of turning access off", () => {
    expect(() => optionalSiteCredentials({ GEO_TOKEN_ISSUER_URL: '127.0.0.1:9000' })).toThrow(
      /GEO_TOKEN_ISSUER_SECRET is required/,
    );
  });
});
