import { describe, expect, it } from 'vitest';
import { matchRepository } from './match-repository.js';

describe('matchRepository', () => {
  it.each([
    ['team/app', 'team/app', true],
    ['team/app', 'team/app2', false],
    ['team/*', 'team/app', true],
    ['team/*', 'team/sub/app', false],
    ['team/*', 'other/app', false],
    ['team/**', 'team/sub/app', true],
    ['team/**', 'team/app', true],
    ['*', 'app', true],
    ['*', 'team/app', false],
    ['**', 'team/sub/app', true],
    ['team/app-*', 'team/app-1', true],
    ['team.io/app', 'teamxio/app', false],
    ['team/*/app', 'team/x/app', true],
    ['team/*/app', 'team/x/y/app', false],
  ])('pattern %j against %j is %s', (pattern, name, expected) => {
    expect(matchRepository(pattern, name)).toBe(expected);
  });
});
