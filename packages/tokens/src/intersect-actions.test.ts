import { describe, expect, it } from 'vitest';
import { intersectActions } from './intersect-actions.js';

describe('intersectActions', () => {
  it('keeps only the requested actions that are allowed', () => {
    expect(intersectActions(['pull', 'push'], ['pull'])).toEqual(['pull']);
  });

  it('grants nothing when nothing requested is allowed', () => {
    expect(intersectActions(['push', 'delete'], ['pull'])).toEqual([]);
  });

  it('lets an allowed wildcard permit every requested action', () => {
    expect(intersectActions(['pull', 'delete'], ['*'])).toEqual(['pull', 'delete']);
  });

  it('turns a requested wildcard into the allowed actions when the wildcard is not allowed', () => {
    expect(intersectActions(['*'], ['pull', 'push'])).toEqual(['pull', 'push']);
  });

  it('keeps a requested wildcard when the wildcard is allowed', () => {
    expect(intersectActions(['*'], ['*'])).toEqual(['*']);
  });

  it('lists each action once, in the order requested', () => {
    expect(intersectActions(['push', 'pull', 'push'], ['pull', 'push'])).toEqual(['push', 'pull']);
  });
});
