import {
  type ListRepositoriesRequest,
  type ListRepositoriesResponse,
  type Repository,
  type StatusServiceServer,
  SyncReason,
} from '@geo/contracts';
import {
  getRepository,
  listAttempts,
  listRepositories,
  type ResyncResult,
  resyncAll,
  resyncKnownRepository,
  resyncRepository,
} from '@geo/db';
import { newJob, publishJob } from '@geo/stream';
import { toAttemptMessage } from './attempt-message.js';
import { diagnose } from './diagnose.js';
import { RepositoryNotFoundError } from './errors.js';
import { decodePageToken, encodePageToken, type PageFilter } from './page-token.js';
import { readSiteStatus } from './read-site-status.js';
import { toRepositoryMessage } from './repository-message.js';
import {
  pageSize,
  requireNameFilter,
  requireRepositoryName,
  requireTag,
} from './request-validation.js';
import type { StatusContext } from './status-context.js';
import { toDatabaseState } from './sync-state.js';
import { unaryCall } from './unary-call.js';
import { watchSiteStatus } from './watch-site-status.js';

/** How many of a repository's latest attempts GetRepository returns. */
export const HISTORY_LIMIT = 20;

/** How many resync jobs are published at once, each awaiting its JetStream ack. */
const PUBLISH_BATCH = 100;

/** The handlers of geo.status.v1.StatusService for one site. */
export function createStatusService(context: StatusContext): StatusServiceServer {
  const { logger } = context;

  return {
    getSiteStatus: unaryCall('GetSiteStatus', logger, () => readSiteStatus(context)),
    getRepository: unaryCall('GetRepository', logger, ({ name }) => findRepository(context, name)),
    listRepositories: unaryCall('ListRepositories', logger, (request) =>
      listRepositoryPage(context, request),
    ),
    resyncRepository: unaryCall('ResyncRepository', logger, async ({ name }) => ({
      repository: await resyncOne(context, name),
    })),
    diagnose: unaryCall('Diagnose', logger, () => diagnose(context, context.registries)),
    resyncAll: unaryCall('ResyncAll', logger, async ({ state }) => ({
      count: await resyncEvery(context, toDatabaseState(state, 'state')),
    })),
    checkFreshness: unaryCall('CheckFreshness', logger, async ({ repository, tag }) =>
      context.freshness.check(requireRepositoryName(repository, 'repository'), requireTag(tag)),
    ),
    watchSiteStatus: watchSiteStatus(() => readSiteStatus(context), logger),
  };
}

/** GetRepository: one repository with its latest attempts; NOT_FOUND when the site lacks it. */
export async function findRepository(context: StatusContext, name: string): Promise<Repository> {
  requireRepositoryName(name);

  const [row, attempts] = await Promise.all([
    getRepository(context.db, context.site, name),
    listAttempts(context.db, context.site, name, HISTORY_LIMIT),
  ]);
  if (!row) throw new RepositoryNotFoundError(context.site, name);

  return { ...toRepositoryMessage(row), attempts: attempts.map(toAttemptMessage) };
}

/** ListRepositories: one page, ordered by name, with the token of the next. */
export async function listRepositoryPage(
  context: StatusContext,
  request: ListRepositoriesRequest,
): Promise<ListRepositoriesResponse> {
  const filter: PageFilter = {
    state: toDatabaseState(request.state, 'state'),
    nameContains: requireNameFilter(request.nameContains),
  };
  const afterName = decodePageToken(request.pageToken, filter);
  const limit = pageSize(request.pageSize);

  // One row more than the page tells whether another page follows.
  const rows = await listRepositories(context.db, {
    site: context.site,
    limit: limit + 1,
    afterName,
    state: filter.state,
    nameContains: filter.nameContains === '' ? undefined : filter.nameContains,
  });

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    repositories: page.map(toRepositoryMessage),
    nextPageToken: rows.length > limit && last ? encodePageToken(last.name, filter) : '',
  };
}

async function resyncOne(context: StatusContext, name: string): Promise<Repository> {
  requireRepositoryName(name);

  const { row, enqueue } =
    (await resyncKnownRepository(context.db, context.site, name)) ??
    (await resyncNewRepository(context, name));

  if (enqueue && context.replicationEnabled) {
    await publishResync(context, name);
  }
  context.logger.info({ repository: name, enqueued: enqueue }, 'resync requested');

  return toRepositoryMessage(row);
}

// A name the site has no row for gets one only when the primary has it, so
// a typo is refused rather than shown as an empty synced repository.
async function resyncNewRepository(context: StatusContext, name: string): Promise<ResyncResult> {
  await context.primary.requireRepository(name);

  return resyncRepository(context.db, context.site, name);
}

async function resyncEvery(context: StatusContext, state: number | undefined): Promise<number> {
  const { count, enqueue } = await resyncAll(context.db, context.site, { state });

  if (context.replicationEnabled) {
    // Publishing in batches keeps a resync of thousands within a client's deadline.
    for (let start = 0; start < enqueue.length; start += PUBLISH_BATCH) {
      const batch = enqueue.slice(start, start + PUBLISH_BATCH);
      await Promise.all(batch.map((name) => publishResync(context, name)));
    }
  }
  context.logger.info({ state, count, enqueued: enqueue.length }, 'resync of all requested');

  return count;
}

// The row says job_queued before the job is published. When a publish fails
// (or replication is off) the cursor's scheduler finds the row as an orphan
// once the work queue is empty, and publishes its job then.
async function publishResync(context: StatusContext, name: string): Promise<void> {
  await publishJob(context.js, newJob(context.site, name, SyncReason.SYNC_REASON_RESYNC));
}
