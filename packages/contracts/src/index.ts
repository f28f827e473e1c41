import { fileURLToPath } from 'node:url';

export { RegistryAction, RegistryEvent } from './gen/geo/events/v1/registry_event.js';
export {
  CheckFreshnessRequest,
  CheckFreshnessResponse,
  CheckResult,
  DiagnoseRequest,
  DiagnoseResponse,
  DiagnosticCheck,
  Freshness,
  GetRepositoryRequest,
  GetSiteStatusRequest,
  ListRepositoriesRequest,
  ListRepositoriesResponse,
  Repository,
  ResyncAllRequest,
  ResyncAllResponse,
  ResyncRepositoryRequest,
  ResyncRepositoryResponse,
  SiteStatus,
  StateCounts,
  StatusServiceClient,
  type StatusServiceServer,
  StatusServiceService,
  SyncAttempt,
  SyncState,
  TagFailure,
  WatchSiteStatusRequest,
  WatchSiteStatusResponse,
} from './gen/geo/status/v1/status_service.js';
export { SyncJob, SyncReason } from './gen/geo/sync/v1/sync_job.js';
export {
  AccessScope,
  IssueTokenRequest,
  IssueTokenResponse,
  TargetRegistry,
  TokenServiceClient,
  type TokenServiceServer,
  TokenServiceService,
} from './gen/geo/token/v1/token_service.js';

/**
 * Path of the binary FileDescriptorSet of every contract, and of the gRPC
 * health checking service (grpc.health.v1), for gRPC server reflection.
 */
export const descriptorSetPath = fileURLToPath(new URL('../descriptor.binpb', import.meta.url));
