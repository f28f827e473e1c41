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

  it('never lets a newcomer take a slot freed for a waiting task', async () => {
    // The newcomer arrives a few microtasks after the first task ends, so at
    // some delay it lands between the slot being freed and the waiter waking.
    for (let ticks = 0; ticks < 8; ticks += 1) {
      const limit = createLimiter(1);
      let running = 0;
      let most = 0;
      let open = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const task = async () => {
        running += 1;
        most = Math.max(most, running);
        await gate;
        running -= 1;
      };

      const first = limit(task);
      const waiter = limit(task);
      open();
      let later = Promise.resolve();
      for (let tick = 0; tick < ticks; tick += 1) later = later.then(() => undefined);
      const newcomer = later.then(() => limit(task));
      await Promise.all([first, waiter, newcomer]);

      expect(most, `newcomer after ${ticks} microtasks`).toBe(1);
    }
  });
});
