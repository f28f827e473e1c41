import { pushFixture } from '@geo/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';
import { type RegistryPair, startPair } from './registry-pair.test-helpers.js';
import type { SyncContext } from './sync-context.js';
import { tagChecksum } from './tag-checksum.js';
import { compareCopy, verifyCopy } from './verify-copy.js';

let pair: RegistryPair;

beforeAll(async () => {
  pair = await startPair();
});

afterAll(async () => {
  await pair?.stop();
});

function contextFor(repository: string): SyncContext {
  return { secondary: pair.secondary, repository } as SyncContext;
}

describe('verifyCopy', () => {
  it('reports every tag the secondary holds at another digest, lacks, or has extra', async () => {
    const same = await pushFixture(pair.secondary, 'verify/app', 'same', 'oci-image');
    const moved = await pushFixture(pair.secondary, 'verify/app', 'moved', 'artifact-no-layers');
    await pushFixture(pair.secondary, 'verify/app', 'extra', 'helm-chart');
    const other = `sha256:${'1'.repeat(64)}`;
    const expected = new Map([
      ['same', same.digest],
      ['moved', other],
      ['missing', other],
    ]);

    const verified = await verifyCopy(
      contextFor('verify/app'),
      expected,
      new Set(),
      createLimiter(4),
    );

    expect(verified.mismatches.map((m) => m.tag).sort()).toEqual(['extra', 'missing', 'moved']);
    expect(verified.mismatches.find((m) => m.tag === 'moved')?.reason).toContain(moved.digest);
    expect(verified.checksum).not.toBe(tagChecksum(expected));
  });

  it('agrees with the primary checksum for an exact copy and skips tags already failed', async () => {
    const fixture = await pushFixture(pair.secondary, 'verify/exact', 'v1', 'oci-image');
    const expected = new Map([['v1', fixture.digest]]);

    const verified = await verifyCopy(
      contextFor('verify/exact'),
      new Map([...expected, ['broken', fixture.digest]]),
      new Set(['broken']),
      createLimiter(4),
    );

    expect(verified).toEqual({ checksum: tagChecksum(expected), mismatches: [] });
  });

  it('takes the digest of a known tag as given, and still finds a known tag gone or an extra one', async () => {
    const fixture = await pushFixture(pair.secondary, 'verify/known', 'v1', 'oci-image');
    await pushFixture(pair.secondary, 'verify/known', 'extra', 'helm-chart');
    const other = `sha256:${'3'.repeat(64)}`;
    const known = new Map([
      ['v1', other],
      ['gone', other],
    ]);

    const verified = await verifyCopy(
      contextFor('verify/known'),
      new Map([
        ['v1', fixture.digest],
        ['gone', other],
      ]),
      new Set(),
      createLimiter(4),
      { known },
    );

    const reasons = new Map(verified.mismatches.map((m) => [m.tag, m.reason]));
    expect([...reasons.keys()].sort()).toEqual(['extra', 'gone', 'v1']);
    expect(reasons.get('v1')).toContain(other);
    expect(reasons.get('gone')).toContain('missing on the secondary');
  });

  it('compares tags already read the same way, reporting the unreadable ones not skipped', () => {
    const digest = `sha256:${'2'.repeat(64)}`;
    const expected = new Map([
      ['v1', digest],
      ['v2', digest],
    ]);
    const actual = new Map([['v1', { digest }]]);

    const compared = compareCopy(expected, actual, new Map([['v3', 'HTTP 500']]), new Set());

    expect(compared.mismatches).toEqual([
      { tag: 'v3', reason: 'verify: HTTP 500' },
      { tag: 'v2', reason: `verify: missing on the secondary (primary ${digest})` },
    ]);
    expect(compared.checksum).toBe(tagChecksum(new Map([['v1', digest]])));
  });
});
