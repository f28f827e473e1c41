import { describe, expect, it } from 'vitest';
import { pageSize, requireNameFilter, requireRepositoryName } from './request-validation.js';

describe('request validation', () => {
  it.each(['a', 'group/app', 'g/sub-group/app.v2', 'a__b/c--d'])('accepts the name %s', (name) => {
    expect(requireRepositoryName(name)).toBe(name);
  });

  it.each(['', 'Upper', 'a//b', '/a', 'a/', 'a b', '-a', 'a'.repeat(256)])(
    'refuses the name %j',
    (name) => {
      expect(() => requireRepositoryName(name)).toThrow(/^name: /);
    },
  );

  it('defaults the page size to 100 and caps it at 1000', () => {
    expect(pageSize(0)).toBe(100);
    expect(pageSize(7)).toBe(7);
    expect(pageSize(50_000)).toBe(1000);
  });

  it('refuses name filters with characters no repository name has', () => {
    expect(requireNameFilter('team/a')).toBe('team/a');
    expect(() => requireNameFilter('%')).toThrow(/^name_contains: /);
  });
});
