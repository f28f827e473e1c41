import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextRetryAt } from './backoff.js';

const now = new Date('2024-05-01T00:00:00Z');
const delay = (count: number, random: number) =>
  nextRetryAt(count, DEFAULT_BACKOFF, now, () => random).getTime() - now.getTime();

describe('nextRetryAt', () => {
  it('waits longer after every further failure', () => {
    const delays = [1, 2, 3, 4, 5].map((count) => delay(count, 1));

    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('keeps the jitter between half and all of the delay', () => {
    expect(delay(3, 0)).toBe(20_000);
    expect(delay(3, 0.5)).toBe(30_000);
    expect(delay(3, 0.999)).toBeLessThanOrEqual(40_000);

    for (let i = 0; i < 100; i += 1) {
      const random = nextRetryAt(3, DEFAULT_BACKOFF, now).getTime() - now.getTime();
      expect(random).toBeGreaterThanOrEqual(20_000);
      expect(random).toBeLessThanOrEqual(40_000);
    }
  });

  it('never retries sooner after more failures below the cap, whatever the jitter', () => {
    for (let count = 1; count < 9; count += 1) {
      expect(delay(count + 1, 0)).toBeGreaterThanOrEqual(delay(count, 1));
    }
  });

  it('caps the delay, even after very many failures', () => {
    expect(delay(12, 1)).toBe(DEFAULT_BACKOFF.capMs);
    expect(delay(10_000, 1)).toBe(DEFAULT_BACKOFF.capMs);
    expect(delay(10_000, 0)).toBe(DEFAULT_BACKOFF.capMs / 2);
  });

  it('treats a count below one as the first failure', () => {
    expect(delay(0, 1)).toBe(10_000);
  });

  it('follows a given policy', () => {
    const policy = { baseMs: 1_000, capMs: 5_000 };

    expect(nextRetryAt(2, policy, now, () => 1).getTime() - now.getTime()).toBe(2_000);
    expect(nextRetryAt(9, policy, now, () => 1).getTime() - now.getTime()).toBe(5_000);
  });
});
