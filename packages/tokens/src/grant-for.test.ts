import { describe, expect, it } from 'vitest';
import { grantFor } from './grant-for.js';
import type { Account } from './load-accounts.js';

const account: Account = {
  name: 'ci',
  passwordHash: 'unused',
  grants: [
    { repository: 'team/*', actions: ['pull', 'push'] },
    { repository: '*', actions: ['pull'] },
    { registry: 'catalog', actions: ['*'] },
  ],
};

describe('grantFor', () => {
  it('grants what a matching pattern allows', () => {
    const granted = grantFor(account, [
      { type: 'repository', name: 'team/app', actions: ['pull', 'push'] },
    ]);

    expect(granted).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }]);
  });

  it('narrows the actions to those allowed', () => {
    const granted = grantFor(account, [
      { type: 'repository', name: 'other', actions: ['pull', 'push', 'delete'] },
    ]);

    expect(granted).toEqual([{ type: 'repository', name: 'other', actions: ['pull'] }]);
  });

  it('drops scopes no grant covers', () => {
    const granted = grantFor(account, [
      { type: 'repository', name: 'team/sub/app', actions: ['push'] },
    ]);

    expect(granted).toEqual([]);
  });

  it('joins the actions of every grant that matches', () => {
    const granted = grantFor(account, [{ type: 'repository', name: 'team/app', actions: ['*'] }]);

    expect(granted[0]?.actions.sort()).toEqual(['pull', 'push']);
  });

  it('grants registry scopes only through registry grants', () => {
    const granted = grantFor(account, [
      { type: 'registry', name: 'catalog', actions: ['*'] },
      { type: 'registry', name: 'other', actions: ['*'] },
    ]);

    expect(granted).toEqual([{ type: 'registry', name: 'catalog', actions: ['*'] }]);
  });
});
