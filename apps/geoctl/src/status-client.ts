import {
  ANSWERED_BY_TRAILER,
  type CheckFreshnessResponse,
  type DiagnoseResponse,
  type ListRepositoriesRequest,
  type ListRepositoriesResponse,
  type Repository,
  type SiteStatus,
  StatusServiceClient,
  type SyncState,
  type WatchSiteStatusResponse,
} from '@geo/contracts';
import { credentials, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { ExitCode, RpcFailedError } from './errors.js';

/** The status service's calls, as promises that reject with {@link RpcFailedError}. */
export interface StatusApi {
  getSiteStatus(): Promise<SiteStatus>;
  getRepository(name: string): Promise<Repository>;
  listRepositories(request: ListRepositoriesRequest): Promise<ListRepositoriesResponse>;
  resyncRepository(name: string): Promise<Repository>;
  resyncAll(state: SyncState): Promise<number>;
  diagnose(): Promise<DiagnoseResponse>;
  checkFreshness(repository: string, tag: string): Promise<CheckFreshnessResponse>;
  /** Calls `onStatus` with the site status now and at each change; ends only on failure. */
  watchSiteStatus(onStatus: (status: SiteStatus) => void): Promise<void>;
  close(): void;
}

type Callback<Response> = (error: ServiceError | null, response: Response) => void;

/** Connects (lazily) to the status service at `server`; each call gets a deadline. */
export function connectStatus(server: string, timeoutMs: number): StatusApi {
  const client = new StatusServiceClient(server, credentials.createInsecure());

  const call = <Response>(start: (options: { deadline: Date }, done: Callback<Response>) => void) =>
    new Promise<Response>((resolve, reject) => {
      start({ deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
        if (error) reject(describeFailure(error, server, timeoutMs));
        else resolve(response);
      });
    });

  return {
    getSiteStatus: () => call((o, done) => client.getSiteStatus({}, new Metadata(), o, done)),
    getRepository: (name) =>
      call((o, done) => client.getRepository({ name }, new Metadata(), o, done)),
    listRepositories: (request) =>
      call((o, done) => client.listRepositories(request, new Metadata(), o, done)),
    resyncRepository: async (name) => {
      const response = await call<{ repository?: Repository }>((o, done) =>
        client.resyncRepository({ name }, new Metadata(), o, done),
      );
      if (!response.repository) {
        throw new RpcFailedError(server, status.INTERNAL, 'empty answer', ExitCode.failed);
      }
      return response.repository;
    },
    resyncAll: async (state) => {
      const response = await call<{ count: number }>((o, done) =>
        client.resyncAll({ state }, new Metadata(), o, done),
      );
      return response.count;
    },
    diagnose: () => call((o, done) => client.diagnose({}, new Metadata(), o, done)),
    checkFreshness: (repository, tag) =>
      call((o, done) => client.checkFreshness({ repository, tag }, new Metadata(), o, done)),
    watchSiteStatus: (onStatus) =>
      new Promise<void>((resolve, reject) => {
        // No deadline: a watch runs until the operator stops it or the server goes away.
        const stream = client.watchSiteStatus({});
        stream.on('data', (message: WatchSiteStatusResponse) => {
          if (message.status) onStatus(message.status);
        });
        stream.on('error', (error: ServiceError) =>
          reject(describeFailure(error, server, timeoutMs)),
        );
        stream.on('end', () => resolve());
      }),
    close: () => client.close(),
  };
}

/** Turns a gRPC failure into the sentence geoctl prints and the exit status it ends with. */
export function describeFailure(error: ServiceError, server: string, timeoutMs: number) {
  const options = { cause: error };

  switch (error.code) {
    case status.UNAVAILABLE:
      // Answered by the service itself, UNAVAILABLE means what it depends on
      // (a registry, its database) is down, not the service: its sentence says which.
      if (answeredByService(error)) {
        return new RpcFailedError(server, error.code, error.details, ExitCode.failed, options);
      }
      return new RpcFailedError(
        server,
        error.code,
        `cannot reach the status service at ${server}: ${reason(error)}`,
        ExitCode.failed,
        options,
      );
    case status.DEADLINE_EXCEEDED:
      return new RpcFailedError(
        server,
        error.code,
        `the status service at ${server} did not answer within ${timeoutMs / 1000} s`,
        ExitCode.failed,
        options,
      );
    case status.INVALID_ARGUMENT:
      return new RpcFailedError(server, error.code, error.details, ExitCode.usage, options);
    default:
      return new RpcFailedError(server, error.code, error.details, ExitCode.failed, options);
  }
}

/** Whether the status service set the error's status itself, rather than the transport. */
function answeredByService(error: ServiceError): boolean {
  return (error.metadata?.get(ANSWERED_BY_TRAILER).length ?? 0) > 0;
}

/** grpc-js ends connection failures with an empty "Resolution note:"; leave it out. */
function reason(error: ServiceError): string {
  return error.details.replace(/\s*Resolution note:\s*$/, '').trim();
}
