import { SyncState } from '@geo/contracts';

/** The words geoctl shows and accepts for a repository's state. */
export const stateWords = ['pending', 'started', 'synced', 'failed'] as const;

/** One of {@link stateWords}. */
export type StateWord = (typeof stateWords)[number];

const byWord: Record<StateWord, SyncState> = {
  pending: SyncState.SYNC_STATE_PENDING,
  started: SyncState.SYNC_STATE_STARTED,
  synced: SyncState.SYNC_STATE_SYNCED,
  failed: SyncState.SYNC_STATE_FAILED,
};

/** The word for a state; `unknown` for a value this geoctl does not know. */
export function stateWord(state: SyncState): StateWord | 'unknown' {
  const entry = Object.entries(byWord).find(([, value]) => value === state);
  return (entry?.[0] as StateWord | undefined) ?? 'unknown';
}

/** The state a word names, or undefined when it names none. */
export function parseStateWord(word: string): SyncState | undefined {
  const key = word.trim().toLowerCase();
  return (stateWords as readonly string[]).includes(key) ? byWord[key as StateWord] : undefined;
}
