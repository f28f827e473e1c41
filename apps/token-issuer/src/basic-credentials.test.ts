import { describe, expect, it } from 'vitest';
import { basicCredentials } from './basic-credentials.js';

const encode = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('basicCredentials', () => {
  it('reads the name and a password that contains colons', () => {
    expect(basicCredentials(encode('ci:pa:ss'))).toEqual({ name: 'ci', password: 'pa:ss' });
  });

  it.each([undefined, '', 'Bearer abc', encode('no-colon'), encode(':password')])(
    'finds no credentials in %j',
    (header) => {
      expect(basicCredentials(header)).toBeUndefined();
    },
  );
});
