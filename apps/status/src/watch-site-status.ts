import type { SiteStatus, WatchSiteStatusRequest, WatchSiteStatusResponse } from '@geo/contracts';
import type { Logger } from '@geo/telemetry';
import { status as grpcStatus, type handleServerStreamingCall } from '@grpc/grpc-js';
import { toGrpcError } from './grpc-errors.js';
import { requestsTotal } from './metrics.js';
import { answeredByStatus } from './unary-call.js';

/** How often a watch reads the site status to see whether it changed. */
export const WATCH_INTERVAL_MS = 1_000;

/**
 * WatchSiteStatus: the site status at once, then each time it differs from
 * the last one sent, read every `intervalMs`, until the client cancels.
 * Polling keeps the writers (cursor, workers) unaware of watchers; one
 * indexed count per second per watcher is cheap next to a sync.
 */
export function watchSiteStatus(
  read: () => Promise<SiteStatus>,
  logger: Logger,
  intervalMs = WATCH_INTERVAL_MS,
): handleServerStreamingCall<WatchSiteStatusRequest, WatchSiteStatusResponse> {
  return (call) => {
    let last = '';
    let timer: NodeJS.Timeout | undefined;
    let open = true;

    const finish = () => {
      open = false;
      clearTimeout(timer);
    };
    call.on('cancelled', finish);
    call.on('close', finish);

    const poll = async () => {
      try {
        const status = await read();
        const seen = JSON.stringify(status);
        if (open && seen !== last) {
          last = seen;
          call.write({ status });
        }
        if (open) timer = setTimeout(poll, intervalMs);
      } catch (error) {
        const mapped = toGrpcError(error);
        requestsTotal.inc({ method: 'WatchSiteStatus', code: grpcStatus[mapped.response.code] });
        if (mapped.serverFault) logger.error({ err: error }, 'watch failed');
        finish();
        call.emit('error', { ...mapped.response, metadata: answeredByStatus() });
      }
    };

    void poll();
  };
}
