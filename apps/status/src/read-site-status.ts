import type { SiteStatus } from '@geo/contracts';
import {
  countByState,
  getCursor,
  readSiteActivity,
  siteTotals,
  WORKERS_WINDOW_SECONDS,
} from '@geo/db';
import { eventsBehind } from '@geo/stream';
import type { StatusContext } from './status-context.js';

/** Gathers the site's status from Postgres and from the cursor's JetStream consumer. */
export async function readSiteStatus(context: StatusContext): Promise<SiteStatus> {
  const { db, nc, site } = context;

  const [counts, behind, cursor, totals, activity] = await Promise.all([
    countByState(db, site),
    eventsBehind(nc, site),
    getCursor(db, site),
    siteTotals(db, site),
    readSiteActivity(db, site),
  ]);

  return {
    site,
    replicationEnabled: context.replicationEnabled,
    counts,
    eventsBehind: behind,
    cursorSequence: cursor?.streamSequence ?? 0,
    lastEventAt: cursor?.lastEventAt ?? undefined,
    lastSyncedAt: totals.lastSyncedAt ?? undefined,
    blobsCopied: totals.blobsCopied,
    bytesCopied: totals.bytesCopied,
    oldestPendingRepository: activity.oldestPending?.name ?? '',
    oldestPendingSince: activity.oldestPending?.since,
    recentWorkers: activity.recentWorkers,
    workersWindowSeconds: WORKERS_WINDOW_SECONDS,
  };
}
