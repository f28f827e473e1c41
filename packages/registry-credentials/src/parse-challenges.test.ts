import { describe, expect, it } from 'vitest';
import { parseChallenges } from './parse-challenges.js';

describe('parseChallenges', () => {
  it('reads the realm, service and scope of a Docker bearer challenge', () => {
    const header =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",' +
      'scope="repository:library/alpine:pull"';

    expect(parseChallenges(header)).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ]);
  });

  it('reads a basic challenge, whatever the case of its scheme', () => {
    expect(parseChallenges('basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
  });

  it('keeps apart several challenges in one header', () => {
    const header = 'Basic realm="geo", Bearer realm="https://t.example/token", service=reg';

    expect(parseChallenges(header)).toEqual([
      { scheme: 'basic', params: { realm: 'geo' } },
      { scheme: 'bearer', params: { realm: 'https://t.example/token', service: 'reg' } },
    ]);
  });

  it('unescapes quoted strings and lowercases parameter names but not values', () => {
    const header = 'Bearer Realm="https://t.example/a\\"b", SERVICE = "Reg,One"';

    expect(parseChallenges(header)).toEqual([
      { scheme: 'bearer', params: { realm: 'https://t.example/a"b', service: 'Reg,One' } },
    ]);
  });

  it('keeps a scope with commas and spaces inside its quotes whole', () => {
    const header =
      'Bearer realm="r",scope="repository:a:pull,push repository:b:pull",error="insufficient_scope"';

    expect(parseChallenges(header)[0]?.params).toEqual({
      realm: 'r',
      scope: 'repository:a:pull,push repository:b:pull',
      error: 'insufficient_scope',
    });
  });

  it('reads a scheme without parameters and ignores empty input', () => {
    expect(parseChallenges('Negotiate')).toEqual([{ scheme: 'negotiate', params: {} }]);
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges(' , ')).toEqual([]);
  });
});
