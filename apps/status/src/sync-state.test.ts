import { SyncState } from '@geo/contracts';
import { RepositoryState } from '@geo/db';
import { describe, expect, it } from 'vitest';
import { toDatabaseState, toSyncState } from './sync-state.js';

describe('sync state mapping', () => {
  it('maps the database numbers 0..3 to the proto enum 1..4 and back', () => {
    for (const [word, number] of Object.entries(RepositoryState)) {
      const proto = toSyncState(number);

      expect(SyncState[proto]).toBe(`SYNC_STATE_${word.toUpperCase()}`);
      expect(toDatabaseState(proto, 'state')).toBe(number);
    }
  });

  it('treats UNSPECIFIED as no filter and refuses unknown values', () => {
    expect(toDatabaseState(SyncState.SYNC_STATE_UNSPECIFIED, 'state')).toBeUndefined();
    expect(() => toDatabaseState(9 as SyncState, 'state')).toThrow(/^state: unknown state 9/);
  });

  it('reports a database number it does not know as UNSPECIFIED', () => {
    expect(toSyncState(7)).toBe(SyncState.SYNC_STATE_UNSPECIFIED);
  });
});
