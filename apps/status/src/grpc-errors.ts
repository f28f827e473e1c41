import { DbError } from '@geo/db';
import { StreamError } from '@geo/stream';
import { status } from '@grpc/grpc-js';
import {
  InvalidArgumentError,
  NotConfiguredError,
  RegistryUnavailableError,
  RepositoryNotFoundError,
} from './errors.js';

/** The status a failed call ends with, and whether the failure is the server's own. */
export interface MappedError {
  response: { code: status; details: string };
  /** True when the caller did nothing wrong: worth an error log line. */
  serverFault: boolean;
}

// Driver codes of postgres.js for a database that cannot be reached.
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * Maps anything a handler throws to a gRPC status; the one place that does.
 * Only our own request errors carry their message to the client: database and
 * JetStream failures get a fixed sentence, so no SQL, parameter or URL leaks.
 */
export function toGrpcError(error: unknown): MappedError {
  if (error instanceof InvalidArgumentError) {
    return clientFault(status.INVALID_ARGUMENT, error.message);
  }

  if (error instanceof RepositoryNotFoundError) {
    return clientFault(status.NOT_FOUND, error.message);
  }

  if (error instanceof NotConfiguredError) {
    return clientFault(status.FAILED_PRECONDITION, error.message);
  }

  // The message names the registry role, repository, tag and error code: no URL or token.
  if (error instanceof RegistryUnavailableError) {
    return serverFault(status.UNAVAILABLE, error.message);
  }

  if (error instanceof DbError) {
    return unreachable(error)
      ? serverFault(status.UNAVAILABLE, 'the site database is unavailable')
      : serverFault(status.INTERNAL, 'the site database failed to answer the query');
  }

  if (error instanceof StreamError) {
    return serverFault(status.UNAVAILABLE, 'the site job queue (JetStream) is unavailable');
  }

  return serverFault(status.INTERNAL, 'internal error');
}

function clientFault(code: status, details: string): MappedError {
  return { response: { code, details }, serverFault: false };
}

function serverFault(code: status, details: string): MappedError {
  return { response: { code, details }, serverFault: true };
}

function unreachable(error: Error): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && connectionCodes.has(code)) return true;
  }

  return false;
}
