import {
  type ListRepositoriesRequest,
  type ListRepositoriesResponse,
  type Repository,
  type SiteStatus,
  SyncState,
} from '@geo/contracts';
import { status as grpcStatus } from '@grpc/grpc-js';
import { messagePage, overviewPage, repositoryPage } from './dashboard-pages.js';
import { InvalidArgumentError } from './errors.js';
import { toGrpcError } from './grpc-errors.js';
import { stateOfWord, stateWord } from './sync-state.js';

/** What the dashboard and its JSON API read; the same functions the gRPC handlers use. */
export interface DashboardSource {
  site: string;
  readStatus(): Promise<SiteStatus>;
  listRepositories(request: ListRepositoriesRequest): Promise<ListRepositoriesResponse>;
  getRepository(name: string): Promise<Repository>;
}

/** An answer to send: status, content type and body. */
export interface Answer {
  code: number;
  type: 'html' | 'json';
  body: string;
  /** The original error of a server-side failure, for the log. */
  fault?: unknown;
}

/** How many failing repositories the overview lists. */
const FAILING_ON_OVERVIEW = 50;

/** How many search results a page shows. */
const RESULTS_PER_PAGE = 50;

/** Answers one GET of the dashboard or its JSON API; undefined for an unknown path. */
export async function route(source: DashboardSource, url: URL): Promise<Answer | undefined> {
  const path = url.pathname;
  const json = path.startsWith('/api/');

  try {
    if (path === '/api/status') return jsonAnswer(statusBody(await source.readStatus()));
    if (path === '/api/repositories') return jsonAnswer(await listBody(source, url));
    if (path.startsWith('/api/repositories/')) {
      const name = nameIn(path, '/api/repositories/');
      return jsonAnswer(repositoryBody(await source.getRepository(name)));
    }
    if (path === '/') return htmlAnswer(await overview(source, url));
    if (path.startsWith('/repositories/')) {
      const name = nameIn(path, '/repositories/');
      return htmlAnswer(repositoryPage(source.site, await source.getRepository(name)));
    }
    return undefined;
  } catch (error) {
    return failure(source.site, error, json);
  }
}

function nameIn(path: string, prefix: string): string {
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    throw new InvalidArgumentError('name', 'is not a well-formed URL path');
  }
}

async function overview(source: DashboardSource, url: URL): Promise<string> {
  const text = url.searchParams.get('q') ?? '';
  const state = url.searchParams.get('state') ?? '';
  const pageToken = url.searchParams.get('page_token') ?? '';
  const searching = url.searchParams.has('q') || url.searchParams.has('state');

  const [status, failing, found] = await Promise.all([
    source.readStatus(),
    source.listRepositories(
      request({ state: SyncState.SYNC_STATE_FAILED, pageSize: FAILING_ON_OVERVIEW }),
    ),
    searching
      ? source.listRepositories(
          request({
            state: stateFilter(state),
            nameContains: text,
            pageToken,
            pageSize: RESULTS_PER_PAGE,
          }),
        )
      : undefined,
  ]);

  const next = new URLSearchParams({ q: text, state, page_token: found?.nextPageToken ?? '' });
  return overviewPage({
    status,
    failing: failing.repositories,
    search: found && {
      text,
      state,
      results: found.repositories,
      nextPageHref: found.nextPageToken ? `/?${next}` : undefined,
    },
  });
}

async function listBody(source: DashboardSource, url: URL) {
  const query = url.searchParams;
  const page = await source.listRepositories(
    request({
      state: stateFilter(query.get('state') ?? ''),
      nameContains: query.get('q') ?? '',
      pageToken: query.get('page_token') ?? '',
      pageSize: Number(query.get('page_size') ?? 0) || 0,
    }),
  );
  return {
    repositories: page.repositories.map(repositoryBody),
    nextPageToken: page.nextPageToken || null,
  };
}

function request(fields: Partial<ListRepositoriesRequest>): ListRepositoriesRequest {
  return {
    pageSize: 0,
    pageToken: '',
    state: SyncState.SYNC_STATE_UNSPECIFIED,
    nameContains: '',
    ...fields,
  };
}

function stateFilter(word: string): SyncState {
  if (word === '') return SyncState.SYNC_STATE_UNSPECIFIED;

  const state = stateOfWord(word);
  if (state === undefined)
    throw new InvalidArgumentError('state', 'is not pending, started, synced or failed');
  return state;
}

/** The site status as the JSON API shows it: unset times as null rather than absent. */
export function statusBody(status: SiteStatus) {
  return {
    ...status,
    lastEventAt: iso(status.lastEventAt),
    lastSyncedAt: iso(status.lastSyncedAt),
    oldestPendingRepository: status.oldestPendingRepository || null,
    oldestPendingSince: iso(status.oldestPendingSince),
  };
}

/** A repository as the JSON API shows it: the state as a word, times as ISO strings or null. */
export function repositoryBody(repository: Repository) {
  return {
    ...repository,
    state: stateWord(repository.state),
    retryAt: iso(repository.retryAt),
    lastSyncFailure: repository.lastSyncFailure || null,
    lastSyncedAt: iso(repository.lastSyncedAt),
    createdAt: iso(repository.createdAt),
    startedAt: iso(repository.startedAt),
    verificationChecksum: repository.verificationChecksum || null,
    verifiedAt: iso(repository.verifiedAt),
    attempts: repository.attempts.map((attempt) => ({
      ...attempt,
      startedAt: iso(attempt.startedAt),
      finishedAt: iso(attempt.finishedAt),
      outcome: attempt.outcome || null,
      error: attempt.error || null,
    })),
  };
}

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

function jsonAnswer(body: unknown): Answer {
  return { code: 200, type: 'json', body: `${JSON.stringify(body)}\n` };
}

function htmlAnswer(body: string): Answer {
  return { code: 200, type: 'html', body };
}

// The same mapping as gRPC's, so the page and the API say what the RPC would.
const httpCodes: Partial<Record<grpcStatus, number>> = {
  [grpcStatus.INVALID_ARGUMENT]: 400,
  [grpcStatus.NOT_FOUND]: 404,
  [grpcStatus.FAILED_PRECONDITION]: 412,
  [grpcStatus.UNAVAILABLE]: 503,
};

function failure(site: string, error: unknown, json: boolean): Answer {
  const mapped = toGrpcError(error);
  const code = httpCodes[mapped.response.code] ?? 500;
  const fault = mapped.serverFault ? error : undefined;
  const message = mapped.response.details;

  if (json) return { code, type: 'json', body: `${JSON.stringify({ error: message })}\n`, fault };

  const title = code === 404 ? 'Not found' : code === 400 ? 'Bad request' : 'Unavailable';
  return { code, type: 'html', body: messagePage(site, title, message), fault };
}
