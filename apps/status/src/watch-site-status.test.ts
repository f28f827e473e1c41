import { EventEmitter } from 'node:events';
import { ANSWERED_BY_TRAILER, type SiteStatus } from '@geo/contracts';
import { DbError } from '@geo/db';
import { createLogger } from '@geo/telemetry';
import { type Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { watchSiteStatus } from './watch-site-status.js';

describe('watchSiteStatus', () => {
  it('ends a watch whose read fails with the mapped status and the answered-by trailer', async () => {
    const read = (): Promise<SiteStatus> =>
      Promise.reject(new DbError('QUERY_FAILED', 'read status of east: connection refused'));
    const call = Object.assign(new EventEmitter(), { write: () => true });
    const ended = new Promise<{ code: number; metadata: Metadata }>((resolve) =>
      call.once('error', resolve),
    );

    watchSiteStatus(read, createLogger('status', 'silent'))(call as never);
    const error = await ended;

    expect(error.code).toBe(status.INTERNAL);
    expect(error.metadata.get(ANSWERED_BY_TRAILER)).toEqual(['status']);
  });
});
