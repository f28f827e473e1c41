import type { RegistryClient } from '@geo/registry-client';
import { ReplicationError, reasonOf } from './errors.js';
import type { SyncContext } from './sync-context.js';
import { unlessAborted } from './unless-aborted.js';

/**
 * Per primary client, its last ping: when it started and how it ended.
 * Syncs of many repositories run back to back, so one that starts within
 * {@link pingReuseMs} of a ping shares it, even one still in flight; a
 * primary that fails meanwhile fails their listing instead.
 */
const pings = new WeakMap<RegistryClient, { startedAt: number; answer: Promise<void> }>();
const pingReuseMs = 10_000;

/**
 * Fails the sync as PRIMARY_UNAVAILABLE unless the primary answers its
 * base endpoint, asking at most once per {@link pingReuseMs} per client.
 */
export async function reachPrimary(context: SyncContext): Promise<void> {
  const { primary, signal } = context;
  const now = performance.now();
  let ping = pings.get(primary);
  if (!ping || now - ping.startedAt >= pingReuseMs) {
    // Not cancelled by this sync's signal: other syncs may share it.
    ping = { startedAt: now, answer: primary.ping() };
    pings.set(primary, ping);
    // A failed ping is not shared: the next sync asks again.
    const failed = ping;
    failed.answer.catch(() => {
      if (pings.get(primary) === failed) pings.delete(primary);
    });
  }

  try {
    await unlessAborted(ping.answer, 'ping', signal);
  } catch (error) {
    // The sync was cancelled, which says nothing about the primary.
    if (error instanceof ReplicationError) throw error;

    throw new ReplicationError(
      'PRIMARY_UNAVAILABLE',
      `primary registry unavailable: ${reasonOf(error)}`,
      { repository: context.repository, cause: error },
    );
  }
}
