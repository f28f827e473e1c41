import { describe, expect, it } from 'vitest';
import { ReferrersSupport } from './referrers-support.js';

describe('ReferrersSupport', () => {
  it('skips lookups while the API is known absent and asks again once that expires', async () => {
    let clock = 0;
    const support = new ReferrersSupport(1000, () => clock);
    let lookups = 0;
    const missing = async (absent: () => void) => {
      lookups += 1;
      absent();
      return undefined;
    };

    await support.run(missing);
    await support.run(missing);
    clock = 1500;
    await support.run(missing);

    expect(lookups).toBe(2);
  });

  it('runs lookups side by side once the registry answered that it has the API', async () => {
    const support = new ReferrersSupport(1000);
    let running = 0;
    let most = 0;
    const offered = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running -= 1;
      return ['referrer'];
    };

    await support.run(offered);
    const answers = await Promise.all([support.run(offered), support.run(offered)]);

    expect(answers).toEqual([['referrer'], ['referrer']]);
    expect(most).toBe(2);
  });

  it('lets the next lookup probe again after a first one that failed', async () => {
    const support = new ReferrersSupport(1000);
    const failing = async () => Promise.reject(new Error('refused'));

    const first = support.run(failing);
    const second = support.run(async () => ['referrer']);

    await expect(first).rejects.toThrow('refused');
    await expect(second).resolves.toEqual(['referrer']);
  });
});
