import { collectPages } from './pagination.js';
import { checkRepository } from './references.js';
import { pullScope } from './registry-auth.js';
import type { Transport } from './transport.js';

/** Options of {@link listTags}. */
export interface ListTagsOptions {
  /** Tags per page (`n`); default 1000. */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Every tag of `repository`, following `Link` pagination to the end. A
 * repository the registry does not know (404 `NAME_UNKNOWN`) has no tags;
 * a 401, 403, any other 404, 5xx or network error throws.
 */
export async function listTags(
  transport: Transport,
  repository: string,
  options: ListTagsOptions = {},
): Promise<string[]> {
  checkRepository(repository);

  const url = transport.endpoint(`/v2/${repository}/tags/list`);
  url.searchParams.set('n', String(options.pageSize ?? 1000));

  return collectPages(
    transport,
    {
      method: 'GET',
      url,
      scopes: [pullScope(repository)],
      verb: 'list tags',
      repository,
      signal: options.signal,
    },
    'tags',
    true,
  );
}
