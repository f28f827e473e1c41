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

  it('lists a copy under way until it ends, then remembers where it succeeded', async () => {
    const locations = new BlobLocations();
    let finish = () => {};
    const copy = new Promise<void>((resolve) => {
      finish = resolve;
    });

    locations.track('r', 'sha256:1', 'group/app', copy);
    const upload = locations.uploading('r', 'sha256:1');
    finish();

    expect(upload?.repository).toBe('group/app');
    await expect(upload?.done).resolves.toBe(true);
    expect(locations.find('r', 'sha256:1')).toBe('group/app');
    await Promise.resolve();
    expect(locations.uploading('r', 'sha256:1')).toBeUndefined();
  });

  it('reports a failed copy as not done and remembers no location for it', async () => {
    const locations = new BlobLocations();

    locations.track('r', 'sha256:1', 'group/app', Promise.reject(new Error('refused')));

    await expect(locations.uploading('r', 'sha256:1')?.done).resolves.toBe(false);
    expect(locations.find('r', 'sha256:1')).toBeUndefined();
  });
});
