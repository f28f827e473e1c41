import { TargetRegistry } from '@geo/contracts';
import { describe, expect, it } from 'vitest';
import { IssuerError } from './errors.js';
import { grantForSite, type SitePolicy } from './grant-for-site.js';

const policy: SitePolicy = {
  primaryService: 'container_registry',
  secondaryServices: new Map([['east', 'registry_east']]),
};
const { TARGET_REGISTRY_PRIMARY: PRIMARY, TARGET_REGISTRY_SECONDARY: SECONDARY } = TargetRegistry;

describe('grantForSite', () => {
  it('grants a site only pull on the primary, whatever it asks', () => {
    const grant = grantForSite(
      {
        site: 'east',
        registry: PRIMARY,
        scopes: [
          { type: 'repository', name: 'team/app', actions: ['pull', 'push', 'delete'] },
          { type: 'repository', name: 'team/other', actions: ['*'] },
        ],
      },
      policy,
    );

    expect(grant).toEqual({
      subject: 'geo-site:east',
      audience: 'container_registry',
      access: [
        { type: 'repository', name: 'team/app', actions: ['pull'] },
        { type: 'repository', name: 'team/other', actions: ['pull'] },
      ],
    });
  });

  it('drops a primary scope that asks for nothing it may have', () => {
    const grant = grantForSite(
      {
        site: 'east',
        registry: PRIMARY,
        scopes: [{ type: 'repository', name: 'team/app', actions: ['push'] }],
      },
      policy,
    );

    expect(grant.access).toEqual([]);
  });

  it('lets a site read the primary catalog', () => {
    const scopes = [{ type: 'registry', name: 'catalog', actions: ['*'] }];

    const grant = grantForSite({ site: 'east', registry: PRIMARY, scopes }, policy);

    expect(grant.access).toEqual(scopes);
  });

  it('grants pull, push, delete and * on the site secondary for its own service', () => {
    const grant = grantForSite(
      {
        site: 'east',
        registry: SECONDARY,
        scopes: [
          { type: 'repository', name: 'team/app', actions: ['pull', 'push', 'delete', 'mount'] },
        ],
      },
      policy,
    );

    expect(grant.audience).toBe('registry_east');
    expect(grant.access).toEqual([
      { type: 'repository', name: 'team/app', actions: ['pull', 'push', 'delete'] },
    ]);
  });

  it('refuses a secondary token for a site with no configured service', () => {
    const attempt = () => grantForSite({ site: 'west', registry: SECONDARY, scopes: [] }, policy);

    expect(attempt).toThrow(expect.objectContaining({ code: 'UNKNOWN_SITE', site: 'west' }));
  });

  it('refuses a request that names no registry', () => {
    const request = { site: 'east', registry: TargetRegistry.TARGET_REGISTRY_UNSPECIFIED };

    const attempt = () => grantForSite({ ...request, scopes: [] }, policy);

    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });

  it('refuses a site name that is not one', () => {
    const attempt = () =>
      grantForSite({ site: 'East Coast', registry: PRIMARY, scopes: [] }, policy);

    expect(attempt).toThrow(IssuerError);
  });

  it('refuses a scope without actions', () => {
    const scopes = [{ type: 'repository', name: 'team/app', actions: [] }];

    const attempt = () => grantForSite({ site: 'east', registry: PRIMARY, scopes }, policy);

    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });
});
