import { describe, expect, it } from 'vitest';
import { schema1Payload } from './schema1-payload.js';

function signed(payload: string, tail: string): Buffer {
  const header = Buffer.from(JSON.stringify({ formatLength: payload.length, formatTail: tail }));
  const signatures = `,"signatures":[{"protected":"${header.toString('base64url')}"}]}`;
  return Buffer.from(`${payload}${signatures}`);
}

describe('schema1Payload', () => {
  it('cuts the signatures and appends the format tail', () => {
    const bytes = signed('{"schemaVersion":1', Buffer.from('}').toString('base64url'));

    expect(schema1Payload(bytes).toString()).toBe('{"schemaVersion":1}');
  });

  it('keeps an unsigned manifest whole', () => {
    const bytes = Buffer.from('{"schemaVersion":1}');

    expect(schema1Payload(bytes)).toBe(bytes);
  });

  it('refuses a signature whose header does not say how to cut', () => {
    const header = Buffer.from('{}').toString('base64url');
    const bytes = Buffer.from(`{"signatures":[{"protected":"${header}"}]}`);

    expect(() => schema1Payload(bytes)).toThrow(/formatLength/);
  });
});
