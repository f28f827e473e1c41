import { describe, expect, it } from 'vitest';
import { secretMatches } from './secret-matches.js';

describe('secretMatches', () => {
  it('accepts exactly the configured secret', () => {
    expect(secretMatches('s3cret-value', 's3cret-value')).toBe(true);
  });

  it('refuses a missing, shorter, longer or different value', () => {
    expect(secretMatches(undefined, 's3cret')).toBe(false);
    expect(secretMatches('', 's3cret')).toBe(false);
    expect(secretMatches('s3cre', 's3cret')).toBe(false);
    expect(secretMatches('s3cret ', 's3cret')).toBe(false);
    expect(secretMatches('Bearer s3cret', 's3cret')).toBe(false);
  });
});
