import { type Repository, SyncState } from '@geo/contracts';
import { describe, expect, it } from 'vitest';
import { repositoryJson, siteStatusJson } from './json-views.js';

const failed: Repository = {
  name: 'group/app',
  state: SyncState.SYNC_STATE_FAILED,
  retryCount: 3,
  retryAt: new Date('2025-01-02T03:04:05.000Z'),
  lastSyncFailure: 'tag v1: blob unknown',
  lastSyncedAt: undefined,
  createdAt: new Date('2025-01-01T00:00:00.000Z'),
  startedAt: undefined,
  syncAgain: false,
  verificationChecksum: '',
  verifiedAt: undefined,
  blobsCopied: 7,
  bytesCopied: 1024,
  tagCount: 0,
  failedTags: [{ tag: 'v1', reason: 'blob unknown' }],
  attempts: [
    {
      jobId: 'j1',
      worker: 'worker-a',
      startedAt: new Date('2025-01-02T03:00:00.000Z'),
      finishedAt: new Date('2025-01-02T03:00:01.000Z'),
      outcome: 'failed',
      blobsCopied: 1,
      blobsMounted: 4,
      bytesCopied: 1024,
      error: 'tag v1: blob unknown',
    },
  ],
};

describe('repositoryJson', () => {
  it('names the state with a lowercase word and writes timestamps as ISO strings', () => {
    const json = repositoryJson(failed);

    expect(json).toMatchObject({
      name: 'group/app',
      state: 'failed',
      retryCount: 3,
      retryAt: '2025-01-02T03:04:05.000Z',
      lastSyncFailure: 'tag v1: blob unknown',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('turns unset timestamps and empty texts into null', () => {
    const json = repositoryJson(failed);

    expect(json.lastSyncedAt).toBeNull();
    expect(json.startedAt).toBeNull();
    expect(json.verificationChecksum).toBeNull();
    expect(repositoryJson({ ...failed, lastSyncFailure: '' }).lastSyncFailure).toBeNull();
  });

  it('lists each attempt with the blobs it copied and those it mounted', () => {
    expect(repositoryJson(failed).attempts).toEqual([
      {
        jobId: 'j1',
        worker: 'worker-a',
        startedAt: '2025-01-02T03:00:00.000Z',
        finishedAt: '2025-01-02T03:00:01.000Z',
        outcome: 'failed',
        blobsCopied: 1,
        blobsMounted: 4,
        bytesCopied: 1024,
        error: 'tag v1: blob unknown',
      },
    ]);
  });

  it('calls a state it does not know unknown rather than guessing', () => {
    expect(repositoryJson({ ...failed, state: 42 as SyncState }).state).toBe('unknown');
  });
});

describe('siteStatusJson', () => {
  it('fills zero counts when the server sent none', () => {
    const json = siteStatusJson({
      site: 'eu',
      replicationEnabled: true,
      counts: undefined,
      eventsBehind: 0,
      cursorSequence: 0,
      lastEventAt: undefined,
      lastSyncedAt: undefined,
      blobsCopied: 0,
      bytesCopied: 0,
      oldestPendingRepository: '',
      oldestPendingSince: undefined,
      recentWorkers: [],
      workersWindowSeconds: 600,
    });

    expect(json.counts).toEqual({ pending: 0, started: 0, synced: 0, failed: 0, total: 0 });
    expect(json.lastEventAt).toBeNull();
  });
});
