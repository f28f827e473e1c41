import { describe, expect, it } from 'vitest';
import { bearerAuth } from './bearer-auth.js';
import { pullScope, pushScope } from './registry-auth.js';

function counterSource(lifeMs: number, clock: { now: number }) {
  let issued = 0;
  const source = async () => {
    issued += 1;
    return { token: `t${issued}`, expiresAt: new Date(clock.now + lifeMs) };
  };
  return { source, issued: () => issued };
}

describe('bearerAuth', () => {
  it('reuses a token for the same scopes until shortly before it expires', async () => {
    const clock = { now: 0 };
    const { source, issued } = counterSource(300_000, clock);
    const auth = bearerAuth(source, { now: () => clock.now });

    expect(await auth.authorization([pullScope('app')])).toBe('Bearer t1');
    clock.now = 260_000;
    expect(await auth.authorization([pullScope('app')])).toBe('Bearer t1');
    clock.now = 271_000;
    expect(await auth.authorization([pullScope('app')])).toBe('Bearer t2');
    expect(issued()).toBe(2);
  });

  it('keeps one token per set of scopes', async () => {
    const clock = { now: 0 };
    const { source } = counterSource(300_000, clock);
    const auth = bearerAuth(source, { now: () => clock.now });

    const pull = await auth.authorization([pullScope('app')]);
    const push = await auth.authorization([pushScope('app')]);

    expect(pull).toBe('Bearer t1');
    expect(push).toBe('Bearer t2');
    expect(await auth.authorization([pullScope('app')])).toBe('Bearer t1');
  });

  it('fetches a new token after invalidate', async () => {
    const clock = { now: 0 };
    const { source } = counterSource(300_000, clock);
    const auth = bearerAuth(source, { now: () => clock.now });

    await auth.authorization([pullScope('app')]);
    auth.invalidate();

    expect(await auth.authorization([pullScope('app')])).toBe('Bearer t2');
  });

  it('shares one fetch between concurrent requests', async () => {
    const clock = { now: 0 };
    const { source, issued } = counterSource(300_000, clock);
    const auth = bearerAuth(source, { now: () => clock.now });

    await Promise.all([1, 2, 3].map(() => auth.authorization([pullScope('app')])));

    expect(issued()).toBe(1);
  });

  it('does not cache a failed fetch', async () => {
    let calls = 0;
    const auth = bearerAuth(async () => {
      calls += 1;
      if (calls === 1) throw new Error('issuer down');
      return { token: 'ok', expiresAt: new Date(Date.now() + 60_000) };
    });

    await expect(auth.authorization([])).rejects.toThrow('issuer down');
    expect(await auth.authorization([])).toBe('Bearer ok');
  });
});
