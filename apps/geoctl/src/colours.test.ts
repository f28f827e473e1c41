import { type Repository, SyncState } from '@geo/contracts';
import { describe, expect, it } from 'vitest';
import { choosePaint, noPaint, terminalPaint } from './colours.js';
import { repositoryJson } from './json-views.js';
import { repositoriesText } from './text-views.js';

const row = (name: string, state: SyncState): Repository => ({
  name,
  state,
  retryCount: 0,
  retryAt: undefined,
  lastSyncFailure: '',
  lastSyncedAt: undefined,
  createdAt: new Date(0),
  startedAt: undefined,
  syncAgain: false,
  verificationChecksum: '',
  verifiedAt: undefined,
  blobsCopied: 0,
  bytesCopied: 0,
  tagCount: 0,
  failedTags: [],
  attempts: [],
});

describe('colours', () => {
  it('colours only on a terminal and never under NO_COLOR', () => {
    expect(choosePaint(true, {})).toBe(terminalPaint);
    expect(choosePaint(false, {})).toBe(noPaint);
    expect(choosePaint(true, { NO_COLOR: '1' })).toBe(noPaint);
  });

  it('keeps table columns aligned when states are coloured', () => {
    const rows = [row('a', SyncState.SYNC_STATE_SYNCED), row('b', SyncState.SYNC_STATE_FAILED)];

    const plain = repositoriesText(rows.map(repositoryJson));
    const coloured = repositoriesText(rows.map(repositoryJson), terminalPaint);

    expect(coloured).toContain('\u001b[31mfailed');
    const escapes = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    expect(coloured.replaceAll(escapes, '')).toBe(plain);
  });
});
