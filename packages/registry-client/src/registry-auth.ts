/** One entry of a registry token's `access` claim, e.g. `repository:app:pull`. */
export interface AccessScope {
  /** `repository` or `registry`. */
  type: string;
  name: string;
  actions: string[];
}

/**
 * Supplies the `Authorization` header for requests. The client asks once
 * per request with the scopes the request needs; after a 401 it calls
 * {@link RegistryAuth.invalidate} and asks again, once.
 */
export interface RegistryAuth {
  /** The header value (`Bearer …`, `Basic …`), or undefined for none. */
  authorization(scopes: AccessScope[]): Promise<string | undefined>;
  /** Forgets cached credentials, e.g. a token the registry refused. */
  invalidate(): void;
}

/** Pull access to one repository. */
export function pullScope(repository: string): AccessScope {
  return { type: 'repository', name: repository, actions: ['pull'] };
}

/** Pull and push access to one repository. */
export function pushScope(repository: string): AccessScope {
  return { type: 'repository', name: repository, actions: ['pull', 'push'] };
}

/** Delete access to one repository (CNCF Distribution checks `delete`). */
export function deleteScope(repository: string): AccessScope {
  return { type: 'repository', name: repository, actions: ['delete'] };
}

/** Access to `_catalog`. */
export const catalogScope: AccessScope = { type: 'registry', name: 'catalog', actions: ['*'] };

/** `type:name:a,b` per scope, sorted: a stable key for caches. */
export function scopeKey(scopes: AccessScope[]): string {
  return scopes
    .map((scope) => `${scope.type}:${scope.name}:${[...scope.actions].sort().join(',')}`)
    .sort()
    .join(' ');
}
