import { intersectActions } from './intersect-actions.js';
import type { Account } from './load-accounts.js';
import { matchRepository } from './match-repository.js';
import type { AccessScope } from './scope.js';

/** The actions every grant of `account` allows on `scope`'s resource, together. */
function allowedActions(account: Account, scope: AccessScope): string[] {
  const allowed = new Set<string>();

  for (const grant of account.grants) {
    const applies =
      'repository' in grant
        ? scope.type === 'repository' && matchRepository(grant.repository, scope.name)
        : scope.type === 'registry' && grant.registry === scope.name;
    if (applies) for (const action of grant.actions) allowed.add(action);
  }

  return [...allowed];
}

/**
 * What `account` gets of the `requested` scopes: each scope's actions
 * intersected with those its grants allow. Scopes left with no action are
 * dropped; plugin-class repositories are treated as repositories.
 */
export function grantFor(account: Account, requested: AccessScope[]): AccessScope[] {
  return requested
    .map((scope) => ({
      ...scope,
      actions: intersectActions(scope.actions, allowedActions(account, scope)),
    }))
    .filter((scope) => scope.actions.length > 0);
}
