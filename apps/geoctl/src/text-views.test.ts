import { describe, expect, it } from 'vitest';
import type { RepositoryJson } from './json-views.js';
import { freshnessText, repositoryText } from './text-views.js';

const failed: RepositoryJson = {
  name: 'team/app',
  state: 'failed',
  retryCount: 2,
  retryAt: '2026-01-01T00:05:00.000Z',
  lastSyncFailure: 'v1: blob unknown',
  lastSyncedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  syncAgain: false,
  verificationChecksum: null,
  verifiedAt: null,
  tagCount: 0,
  blobsCopied: 0,
  bytesCopied: 0,
  failedTags: [{ tag: 'v1', reason: 'blob unknown' }],
  attempts: [
    {
      jobId: 'j2',
      worker: 'worker-a',
      startedAt: '2026-01-01T00:01:00.000Z',
      finishedAt: '2026-01-01T00:01:02.000Z',
      outcome: 'failed',
      blobsCopied: 0,
      blobsMounted: 0,
      bytesCopied: 0,
      error: 'v1: blob unknown',
    },
    {
      jobId: 'j1',
      worker: 'worker-b',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      outcome: 'synced',
      blobsCopied: 1,
      blobsMounted: 3,
      bytesCopied: 512,
      error: null,
    },
  ],
};

describe('text views', () => {
  it('lists the failing tags and the attempts of a repository under its fields', () => {
    const text = repositoryText(failed);

    expect(text).toMatch(/^failing tags:\nTAG\s+REASON\nv1\s+blob unknown$/m);
    expect(text).toMatch(
      /^attempts \(newest first\):\nSTARTED\s+FINISHED\s+OUTCOME\s+WORKER\s+COPIED\s+MOUNTED\s+ERROR$/m,
    );
    expect(text).toMatch(/2026-01-01T00:01:00.000Z\s+\S+\s+failed\s+worker-a\s+0\s+0\s+v1: blob/);
  });

  it('shows the blobs each attempt mounted next to those it copied', () => {
    const text = repositoryText(failed);

    expect(text).toMatch(/2026-01-01T00:00:00.000Z\s+\S+\s+synced\s+worker-b\s+1\s+3\s+-$/m);
  });

  it('says in words whether a tag is safe to pull from the secondary', () => {
    const text = freshnessText({
      repository: 'team/app',
      tag: 'v1',
      freshness: 'stale',
      fresh: false,
      primaryDigest: 'sha256:aa',
      secondaryDigest: 'sha256:bb',
      checkedAt: '2026-01-01T00:00:00.000Z',
    });

    expect(text).toMatch(/^freshness:\s+stale: the secondary serves another digest$/m);
    expect(text).toMatch(/^image:\s+team\/app:v1$/m);
  });
});
