import { describe, expect, it } from 'vitest';
import { BlobLocations } from './blob-locations.js';

describe('BlobLocations', () => {
  it('remembers a repository per registry and digest', () => {
    const locations = new BlobLocations();
    locations.remember('http://a', 'sha256:1', 'group/app');

    expect(locations.find('http://a', 'sha256:1')).toBe('group/app');
    expect(locations.find('http://b', 'sha256:1')).toBeUndefined();
  });

  it('forgets the least recently used blob first when full', () => {
    const locations = new BlobLocations({ capacity: 2 });
    locations.remember('r', 'one', 'a');
    locations.remember('r', 'two', 'a');
    locations.find('r', 'one');
    locations.remember('r', 'three', 'a');

    expect(locations.find('r', 'two')).toBeUndefined();
    expect(locations.find('r', 'one')).toBe('a');
    expect(locations.size).toBe(2);
  });
});
