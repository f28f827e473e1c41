import { TokensError } from '@geo/tokens';
import { type ServiceError, status } from '@grpc/grpc-js';
import { IssuerError } from './errors.js';

const issuerCodes: Record<IssuerError['code'], status> = {
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  INVALID_REQUEST: status.INVALID_ARGUMENT,
  UNKNOWN_SITE: status.FAILED_PRECONDITION,
};

const tokensCodes: Partial<Record<TokensError['code'], status>> = {
  SCOPE_INVALID: status.INVALID_ARGUMENT,
  TOKEN_REQUEST_INVALID: status.INVALID_ARGUMENT,
};

/**
 * The one place errors become gRPC statuses. Refusals keep their message;
 * anything unexpected becomes INTERNAL without details, which are logged.
 */
export function toGrpcError(error: unknown): Partial<ServiceError> {
  if (error instanceof IssuerError) {
    return { code: issuerCodes[error.code], details: error.message };
  }

  const code = error instanceof TokensError ? tokensCodes[error.code] : undefined;
  if (code !== undefined) return { code, details: (error as Error).message };

  return { code: status.INTERNAL, details: 'internal error' };
}
