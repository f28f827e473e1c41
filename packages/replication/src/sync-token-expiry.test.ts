import { pushFixture } from '@geo/fixtures';
import {
  type AccessScope,
  bearerAuth,
  type RegistryAuth,
  RegistryClient,
} from '@geo/registry-client';
import { generateSigningKey, type TempDir, tempDir } from '@geo/testkit';
import { loadSigningKey, mintToken, type SigningKey } from '@geo/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RegistryPair, startPair, tagDigests } from './registry-pair.test-helpers.js';

const issuer = 'geo-test-issuer';
const service = 'container_registry';

let dir: TempDir;
let key: SigningKey;
let pair: RegistryPair;
let minted = 0;
let refused = 0;

/** CNCF Distribution accepts a token this long after its `exp`. */
const registryLeewayMs = 60_000;

/**
 * Tokens the registry accepts for about `lifeSeconds`, while the issuer
 * says they last an hour (as with clock skew): the client keeps using them
 * until the registry refuses one, which is the path under test. They are
 * minted as if issued a leeway ago, so they expire in seconds, not a minute.
 */
function shortTokens(lifeSeconds: number): RegistryAuth {
  const auth = bearerAuth(async (scopes: AccessScope[]) => {
    minted += 1;
    const token = await mintToken({
      key,
      issuer,
      audience: service,
      subject: 'geo',
      access: scopes,
      ttlSeconds: lifeSeconds,
      now: new Date(Date.now() - registryLeewayMs),
    });
    return { token: token.token, expiresAt: new Date(Date.now() + 3_600_000) };
  });

  return {
    authorization: (scopes) => auth.authorization(scopes),
    invalidate() {
      refused += 1;
      auth.invalidate();
    },
  };
}

/** Blocks this thread, and so the whole sync, for `ms`: long enough for every token to expire. */
function pauseEverything(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

beforeAll(async () => {
  dir = await tempDir('geo-token-expiry-');
  const files = await generateSigningKey(dir.path);
  key = await loadSigningKey(files.keyFile);
  const tokenAuth = {
    realm: 'http://127.0.0.1:9/jwt/auth',
    service,
    issuer,
    rootCertBundle: files.certFile,
  };
  pair = await startPair({
    registry: { tokenAuth },
    primaryClient: { auth: shortTokens(3) },
    secondaryClient: { auth: shortTokens(3) },
  });
});

afterAll(async () => {
  await pair?.stop();
  await dir?.remove();
});

describe('syncRepository with tokens that expire mid-sync', () => {
  it('renews the expired token, retries once and finishes the copy', async () => {
    const pusher = new RegistryClient({ url: pair.primaryRegistry.url, auth: shortTokens(300) });
    const fixture = await pushFixture(pusher, 'expiry/app', 'v1', 'oci-index', {
      layerBytes: 100_000,
    });
    await pusher.close();
    let mintedAtPause = 0;

    const result = await pair.sync('expiry/app', {
      concurrency: 1,
      onProgress: (event) => {
        if (event.type !== 'blob-copied' || mintedAtPause > 0) return;
        mintedAtPause = minted;
        pauseEverything(4_500);
      },
    });

    expect(result.failures).toEqual([]);
    expect(result.copiedBlobs).toBe(fixture.blobs.length);
    expect(refused).toBeGreaterThan(0);
    expect(minted).toBeGreaterThan(mintedAtPause);
    expect(await tagDigests(pair.secondary, 'expiry/app')).toEqual(
      await tagDigests(pair.primary, 'expiry/app'),
    );
  });
});
