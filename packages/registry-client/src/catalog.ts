import { collectPages } from './pagination.js';
import { catalogScope } from './registry-auth.js';
import type { Transport } from './transport.js';

/** Options of {@link listCatalog}. */
export interface ListCatalogOptions {
  /** Repositories per page (`n`); CNCF Distribution caps it at 1000, the default. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** Every repository of the registry (`_catalog`), following `Link` pagination to the end. */
export async function listCatalog(
  transport: Transport,
  options: ListCatalogOptions = {},
): Promise<string[]> {
  const url = transport.endpoint('/v2/_catalog');
  url.searchParams.set('n', String(options.pageSize ?? 1000));

  return collectPages(
    transport,
    { method: 'GET', url, scopes: [catalogScope], verb: 'list catalog', signal: options.signal },
    'repositories',
    false,
  );
}
