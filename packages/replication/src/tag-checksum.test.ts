import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tagChecksum } from './tag-checksum.js';

describe('tagChecksum', () => {
  it('hashes the sorted tag digest lines, whatever the map order', () => {
    const a = new Map([
      ['v2', 'sha256:b'],
      ['v1', 'sha256:a'],
    ]);
    const b = new Map([...a].reverse());

    const expected = createHash('sha256').update('v1 sha256:a\nv2 sha256:b\n').digest('hex');
    expect(tagChecksum(a)).toBe(expected);
    expect(tagChecksum(b)).toBe(expected);
  });

  it('changes when a tag moves', () => {
    expect(tagChecksum(new Map([['v1', 'sha256:a']]))).not.toBe(
      tagChecksum(new Map([['v1', 'sha256:b']])),
    );
  });
});
