import { RegistryError } from './errors.js';
import type { RegistryRequest, RegistryResponse, Transport } from './transport.js';
import { header } from './transport.js';

const nextLink = /<([^>]+)>\s*;\s*rel="?next"?/;

/** The `rel="next"` target of a `Link` header, resolved against the request URL. */
export function nextPage(response: RegistryResponse, current: URL): URL | undefined {
  const link = header(response, 'link');
  const match = link ? nextLink.exec(link) : null;
  return match?.[1] ? new URL(match[1], current) : undefined;
}

/**
 * Collects `field` (a string array) from every page, following `Link`
 * headers to the end. With `emptyOnNotFound`, a 404 on the first page whose
 * body says `NAME_UNKNOWN` is an empty list: the registry does not know the
 * repository. Any other failure throws, a bare 404 (a proxy, a wrong base
 * URL) included, so that nothing is ever emptied on a misreading.
 */
export async function collectPages(
  transport: Transport,
  first: RegistryRequest,
  field: 'tags' | 'repositories',
  emptyOnNotFound: boolean,
): Promise<string[]> {
  const items: string[] = [];
  const seen = new Set<string>();
  let url: URL | undefined = first.url;

  while (url) {
    if (seen.has(url.href)) break;
    seen.add(url.href);

    const req = { ...first, url };
    const response = await transport.send(req);
    if (response.statusCode !== 200) {
      const failure = await transport.failure(req, response);
      const unknown = failure.status === 404 && failure.registryCodes.includes('NAME_UNKNOWN');
      if (unknown && emptyOnNotFound && seen.size === 1) return [];
      throw failure;
    }

    items.push(...(await readPage(transport, req, response, field)));
    url = nextPage(response, url);
  }

  return items;
}

async function readPage(
  transport: Transport,
  req: RegistryRequest,
  response: RegistryResponse,
  field: 'tags' | 'repositories',
): Promise<string[]> {
  let page: unknown;
  try {
    page = await response.body.json();
  } catch (error) {
    throw RegistryError.from(error, transport.describe(req), transport.details(req));
  }

  // Distribution answers `"tags": null` for a repository without tags; a
  // page without the field at all (an error body sent with 200, say) says
  // nothing about the repository, so it must not read as empty.
  const values = (page as Record<string, unknown> | null)?.[field];
  if (values === null) return [];
  if (Array.isArray(values) && values.every((value) => typeof value === 'string')) return values;

  throw new RegistryError('INVALID_RESPONSE', `${transport.describe(req)}: no ${field} array`, {
    ...transport.details(req),
    status: response.statusCode,
  });
}
