import { siteName, z } from '@geo/config';

/** The `service` (token `aud`) of each site's secondary registry, by site name. */
export type SecondaryServices = ReadonlyMap<string, string>;

const servicePattern = /^[^\s,=]+$/;

/**
 * `GEO_TOKEN_SECONDARY_SERVICES`: comma-separated `site=service` pairs, the
 * `auth.token.service` each site's secondary registry is configured with,
 * e.g. `east=registry_east,west=registry_west`. Every site and every service
 * must appear once: all registries trust the same key, so two sites sharing
 * a service could use each other's tokens.
 */
export const secondaryServices = z.string().transform((value, context): SecondaryServices => {
  const services = new Map<string, string>();
  const pairs = value
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean);

  for (const pair of pairs) {
    const [site = '', service = '', ...rest] = pair.split('=').map((part) => part.trim());
    if (rest.length > 0 || !siteName.safeParse(site).success || !servicePattern.test(service)) {
      context.addIssue({ code: 'custom', message: `expected site=service pairs, got "${pair}"` });
      return z.NEVER;
    }
    if (services.has(site) || [...services.values()].includes(service)) {
      context.addIssue({ code: 'custom', message: `"${pair}" repeats a site or a service` });
      return z.NEVER;
    }
    services.set(site, service);
  }

  return services;
});
