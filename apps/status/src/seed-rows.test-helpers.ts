import { randomUUID } from 'node:crypto';
import { claimRepository, completeSync, type Database, recordEvent } from '@geo/db';

/** What a seeded row should end up as. */
export type SeedOutcome = 'pending' | 'started' | 'synced' | 'failed';

/**
 * Creates a repository row the way the services do: an event from the cursor,
 * then (unless pending) a worker's claim and its outcome.
 */
export async function seedRow(
  db: Database,
  site: string,
  repository: string,
  outcome: SeedOutcome,
  sequence: number,
  failure = `tag v1 of ${repository}: blob unknown`,
): Promise<void> {
  await recordEvent(db, { site, repository, sequence, occurredAt: new Date() });
  if (outcome === 'pending') return;

  const jobId = randomUUID();
  const worker = 'seed-worker';
  await claimRepository(db, { site, repository, worker, jobId, leaseMs: 60_000 });
  if (outcome === 'started') return;

  await completeSync(db, {
    site,
    repository,
    worker,
    jobId,
    outcome,
    failure: outcome === 'failed' ? failure : undefined,
    checksum: outcome === 'synced' ? 'a'.repeat(64) : undefined,
    tagCount: outcome === 'synced' ? 2 : undefined,
    blobsCopied: 3,
    blobsMounted: 2,
    bytesCopied: 1000,
  });
}
