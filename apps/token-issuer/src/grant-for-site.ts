import { siteName } from '@geo/config';
import { type IssueTokenRequest, TargetRegistry } from '@geo/contracts';
import { type AccessScope, intersectActions } from '@geo/tokens';
import { IssuerError } from './errors.js';
import type { SecondaryServices } from './secondary-services.js';

/** The services token-issuer mints for. */
export interface SitePolicy {
  /** The primary registry's service. */
  primaryService: string;
  secondaryServices: SecondaryServices;
}

/** Who a site's token is for, where it is valid, and what it grants. */
export interface SiteGrant {
  subject: string;
  audience: string;
  access: AccessScope[];
}

/** What a site may do on its own secondary: everything a sync needs, nothing unknown. */
const secondaryActions = new Set(['pull', 'push', 'delete', '*']);

/** Registry-wide resources a site may read; the catalog is read-only whatever the action. */
const readableRegistryResources = new Set(['catalog']);

function grantScope(scope: AccessScope, registry: TargetRegistry): string[] {
  if (scope.type === 'registry') {
    return readableRegistryResources.has(scope.name) ? scope.actions : [];
  }
  if (scope.type !== 'repository') return [];

  return registry === TargetRegistry.TARGET_REGISTRY_PRIMARY
    ? intersectActions(scope.actions, ['pull'])
    : scope.actions.filter((action) => secondaryActions.has(action));
}

function checkScope(scope: AccessScope, site: string): void {
  if (!scope.type || !scope.name || scope.actions.length === 0) {
    throw new IssuerError('INVALID_REQUEST', 'every scope needs a type, a name and actions', site);
  }
}

function audienceOf(request: IssueTokenRequest, policy: SitePolicy): string {
  if (request.registry === TargetRegistry.TARGET_REGISTRY_PRIMARY) return policy.primaryService;

  if (request.registry !== TargetRegistry.TARGET_REGISTRY_SECONDARY) {
    throw new IssuerError('INVALID_REQUEST', 'registry must be PRIMARY or SECONDARY', request.site);
  }

  const service = policy.secondaryServices.get(request.site);
  if (!service) {
    const message = `no secondary registry service is configured for site "${request.site}"`;
    throw new IssuerError('UNKNOWN_SITE', message, request.site);
  }
  return service;
}

/**
 * Decides a site's token: on the primary only `pull` on repositories (and the
 * read-only catalog); on the site's own secondary `pull`, `push`, `delete` or
 * `*` as asked. Scopes left with no action are dropped.
 */
export function grantForSite(request: IssueTokenRequest, policy: SitePolicy): SiteGrant {
  if (!siteName.safeParse(request.site).success) {
    throw new IssuerError('INVALID_REQUEST', 'site must be a site name');
  }

  const audience = audienceOf(request, policy);

  const access: AccessScope[] = [];
  for (const scope of request.scopes) {
    checkScope(scope, request.site);
    const actions = [...new Set(grantScope(scope, request.registry))];
    if (actions.length > 0) access.push({ type: scope.type, name: scope.name, actions });
  }

  return { subject: `geo-site:${request.site}`, audience, access };
}
