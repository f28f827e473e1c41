import { describe, expect, it } from 'vitest';
import { ScopeSyntaxError } from './errors.js';
import { formatScope, parseScope, parseScopes } from './scope.js';

describe('parseScope', () => {
  it('reads type, a nested repository name and the actions', () => {
    expect(parseScope('repository:group/sub/app:pull,push')).toEqual({
      type: 'repository',
      name: 'group/sub/app',
      actions: ['pull', 'push'],
    });
  });

  it('reads the class of a typed resource such as repository(plugin)', () => {
    expect(parseScope('repository(plugin):vendor/plugin:pull')).toEqual({
      type: 'repository',
      class: 'plugin',
      name: 'vendor/plugin',
      actions: ['pull'],
    });
  });

  it('keeps a colon inside the name, as in a registry host with a port', () => {
    expect(parseScope('repository:localhost:5000/app:pull').name).toBe('localhost:5000/app');
  });

  it('reads the catalog scope with the wildcard action', () => {
    expect(parseScope('registry:catalog:*')).toEqual({
      type: 'registry',
      name: 'catalog',
      actions: ['*'],
    });
  });

  it('drops repeated actions', () => {
    expect(parseScope('repository:app:pull,pull').actions).toEqual(['pull']);
  });

  it.each([
    'repository',
    'repository:app',
    'repository::pull',
    'repository:app:',
    'repository:app:pull,,push',
    'Repository:app:pull',
    'repository(:app:pull',
    ':app:pull',
  ])('refuses the malformed scope %j', (scope) => {
    expect(() => parseScope(scope)).toThrow(ScopeSyntaxError);
  });
});

describe('parseScopes', () => {
  it('splits a parameter holding several space-separated scopes', () => {
    const scopes = parseScopes('repository:a:pull registry:catalog:*');

    expect(scopes.map((scope) => scope.name)).toEqual(['a', 'catalog']);
  });
});

describe('formatScope', () => {
  it.each([
    'repository:group/app:pull,push',
    'repository(plugin):vendor/p:pull',
    'repository:localhost:5000/app:*',
  ])('writes back %j unchanged', (scope) => {
    expect(formatScope(parseScope(scope))).toBe(scope);
  });
});
