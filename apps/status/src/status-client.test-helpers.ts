import {
  type CheckFreshnessResponse,
  type DiagnoseResponse,
  type ListRepositoriesRequest,
  type ListRepositoriesResponse,
  type Repository,
  type ResyncAllResponse,
  type ResyncRepositoryResponse,
  type SiteStatus,
  StatusServiceClient,
  SyncState,
  type WatchSiteStatusResponse,
} from '@geo/contracts';
import { credentials, type ServiceError, status } from '@grpc/grpc-js';

type Call<Request, Response> = (
  request: Request,
  done: (error: ServiceError | null, response: Response) => void,
) => unknown;

function promised<Request, Response>(client: StatusServiceClient, call: Call<Request, Response>) {
  return (request: Request) =>
    new Promise<Response>((resolve, reject) => {
      call.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
    });
}

/** A promise-based client of the status service on 127.0.0.1:`port`, for tests. */
export function statusClient(port: number) {
  const client = new StatusServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());

  return {
    getSiteStatus: () => promised<object, SiteStatus>(client, client.getSiteStatus)({}),
    getRepository: (name: string) =>
      promised<{ name: string }, Repository>(client, client.getRepository)({ name }),
    listRepositories: (request: Partial<ListRepositoriesRequest>) =>
      promised<ListRepositoriesRequest, ListRepositoriesResponse>(
        client,
        client.listRepositories,
      )({
        pageSize: 0,
        pageToken: '',
        state: SyncState.SYNC_STATE_UNSPECIFIED,
        nameContains: '',
        ...request,
      }),
    resyncRepository: (name: string) =>
      promised<{ name: string }, ResyncRepositoryResponse>(
        client,
        client.resyncRepository,
      )({
        name,
      }),
    resyncAll: (state: SyncState = SyncState.SYNC_STATE_UNSPECIFIED) =>
      promised<{ state: SyncState }, ResyncAllResponse>(client, client.resyncAll)({ state }),
    checkFreshness: (repository: string, tag: string) =>
      promised<{ repository: string; tag: string }, CheckFreshnessResponse>(
        client,
        client.checkFreshness,
      )({ repository, tag }),
    diagnose: () => promised<object, DiagnoseResponse>(client, client.diagnose)({}),
    /** The first `count` messages of WatchSiteStatus; cancels the stream afterwards. */
    watchSiteStatus: (count: number, onMessage?: (status: SiteStatus) => void) =>
      new Promise<SiteStatus[]>((resolve, reject) => {
        const seen: SiteStatus[] = [];
        const stream = client.watchSiteStatus({});
        stream.on('data', (message: WatchSiteStatusResponse) => {
          if (!message.status) return;
          seen.push(message.status);
          onMessage?.(message.status);
          if (seen.length === count) {
            stream.cancel();
            resolve(seen);
          }
        });
        stream.on('error', (error: ServiceError) => {
          if (error.code !== status.CANCELLED) reject(error);
        });
      }),
    close: () => client.close(),
  };
}

/** The gRPC error a call failed with; fails the test when it succeeded. */
export async function rpcError(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}
