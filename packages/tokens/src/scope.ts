import { ScopeSyntaxError } from './errors.js';

/**
 * One resource and the actions on it: a scope asked for, or an entry of a
 * token's `access` claim. `class` is the optional qualifier of
 * `repository(plugin):name:pull`.
 */
export interface AccessScope {
  type: string;
  class?: string;
  name: string;
  actions: string[];
}

const resourceType = /^(?<type>[a-z0-9]+)(?:\((?<class>[a-z0-9]+)\))?$/;

/**
 * Parses one scope of the Docker token protocol,
 * `type[(class)]:name:action[,action...]`. The name may itself hold `:` (a
 * registry host with a port), so the type ends at the first `:` and the
 * actions start after the last one.
 */
export function parseScope(scope: string): AccessScope {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) {
    throw new ScopeSyntaxError(scope, 'expected type:name:actions');
  }

  const match = resourceType.exec(scope.slice(0, first));
  if (!match?.groups?.type) throw new ScopeSyntaxError(scope, 'malformed resource type');

  const name = scope.slice(first + 1, last);
  if (name === '' || /\s/.test(name)) throw new ScopeSyntaxError(scope, 'malformed name');

  const actions = scope.slice(last + 1).split(',');
  if (actions.some((action) => !/^(?:\*|[a-z][a-z-]*)$/.test(action))) {
    throw new ScopeSyntaxError(scope, 'malformed action list');
  }

  const parsed: AccessScope = { type: match.groups.type, name, actions: unique(actions) };
  if (match.groups.class) parsed.class = match.groups.class;
  return parsed;
}

/** Parses a `scope` parameter, which may hold several scopes separated by spaces. */
export function parseScopes(scopes: string): AccessScope[] {
  return scopes
    .split(' ')
    .filter((scope) => scope !== '')
    .map(parseScope);
}

/** The inverse of {@link parseScope}. */
export function formatScope(scope: AccessScope): string {
  const type = scope.class ? `${scope.type}(${scope.class})` : scope.type;
  return `${type}:${scope.name}:${scope.actions.join(',')}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
