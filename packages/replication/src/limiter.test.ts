import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';

describe('createLimiter', () => {
  it('never runs more tasks at once than allowed', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let most = 0;

    await Promise.all(
      Array.from({ length: 6 }, () =>
        limit(async () => {
          running += 1;
          most = Math.max(most, running);
          await sleep(5);
          running -= 1;
        }),
      ),
    );

    expect(most).toBe(2);
  });

  it('frees the slot of a task that failed', async () => {
    const limit = createLimiter(1);

    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
