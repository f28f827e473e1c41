import { ANSWERED_BY_TRAILER } from '@geo/contracts';
import type { Logger } from '@geo/telemetry';
import { type handleUnaryCall, Metadata, status } from '@grpc/grpc-js';
import { toGrpcError } from './grpc-errors.js';
import { requestsTotal } from './metrics.js';

/**
 * Adapts an async handler to grpc-js: its result is the answer, anything it
 * throws goes through {@link toGrpcError}. Server faults are logged with the
 * original error; the client only sees the mapped sentence, with a trailer
 * saying the status service itself answered.
 */
export function unaryCall<Request, Response>(
  method: string,
  logger: Logger,
  handle: (request: Request) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handle(call.request).then(
      (response) => {
        requestsTotal.inc({ method, code: status[status.OK] });
        callback(null, response);
      },
      (error: unknown) => {
        const mapped = toGrpcError(error);
        requestsTotal.inc({ method, code: status[mapped.response.code] });
        if (mapped.serverFault) logger.error({ err: error, method }, 'call failed');
        else logger.debug({ method, details: mapped.response.details }, 'call refused');
        callback({ ...mapped.response, metadata: answeredByStatus() });
      },
    );
  };
}

/** Trailers saying the status service itself answered (not a proxy, not the network). */
export function answeredByStatus(): Metadata {
  const metadata = new Metadata();
  metadata.set(ANSWERED_BY_TRAILER, 'status');
  return metadata;
}
