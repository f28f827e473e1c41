import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors.js';
import { decodePageToken, encodePageToken } from './page-token.js';

const filter = { state: 3, nameContains: 'team' };

describe('page tokens', () => {
  it('carry the last name of a page to the next request with the same filters', () => {
    const token = encodePageToken('team/app', filter);

    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, { ...filter })).toBe('team/app');
  });

  it('mean the first page when empty', () => {
    expect(decodePageToken('', filter)).toBeUndefined();
  });

  it('are refused when reused with another state or name filter', () => {
    const token = encodePageToken('team/app', filter);

    expect(() => decodePageToken(token, { ...filter, state: undefined })).toThrow(/other filters/);
    expect(() => decodePageToken(token, { ...filter, nameContains: 'tea' })).toThrow(
      InvalidArgumentError,
    );
  });

  it.each(['***', 'bm90IGpzb24', Buffer.from('{"a":1,"f":"x"}').toString('base64url')])(
    'are refused when not issued by the service: %s',
    (token) => {
      expect(() => decodePageToken(token, filter)).toThrow(/^page_token: /);
    },
  );
});
