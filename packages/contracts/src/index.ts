export { ANSWERED_BY_TRAILER } from './answered-by-trailer.js';
export { descriptorSetPath } from './descriptor-set-path.js';
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
export { fileDescriptorProtos, reflectionPackage } from './reflection-package.js';

/** The gRPC health checking service's full name, for reflection's list of services. */
export const HEALTH_SERVICE_NAME = 'grpc.health.v1.Health';
