import { describe, expect, it } from 'vitest';
import { parseFailedTags } from './failed-tags.js';

describe('parseFailedTags', () => {
  it('reads one tag and reason per line, as sync-worker writes them', () => {
    const failure = 'v1: blob unknown to the primary\nlatest: manifest invalid';

    expect(parseFailedTags(failure)).toEqual([
      { tag: 'v1', reason: 'blob unknown to the primary' },
      { tag: 'latest', reason: 'manifest invalid' },
    ]);
  });

  it('names no tag for a failure of the whole sync or a summary line', () => {
    const failure = 'primary registry http://10.0.0.1:5000: unauthorized\n… and 3 more';

    expect(parseFailedTags(failure)).toEqual([]);
    expect(parseFailedTags(null)).toEqual([]);
  });
});
