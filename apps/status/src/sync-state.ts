import { SyncState } from '@geo/contracts';
import { RepositoryState } from '@geo/db';
import { InvalidArgumentError } from './errors.js';

/** The database's state numbers and the proto's SyncState, side by side; the only mapping. */
const pairs: [database: number, proto: SyncState][] = [
  [RepositoryState.pending, SyncState.SYNC_STATE_PENDING],
  [RepositoryState.started, SyncState.SYNC_STATE_STARTED],
  [RepositoryState.synced, SyncState.SYNC_STATE_SYNCED],
  [RepositoryState.failed, SyncState.SYNC_STATE_FAILED],
];

/** The proto state of a database state number; UNSPECIFIED for a number the schema lacks. */
export function toSyncState(database: number): SyncState {
  return pairs.find(([value]) => value === database)?.[1] ?? SyncState.SYNC_STATE_UNSPECIFIED;
}

/**
 * The database state number a request's state filter names, or undefined for
 * UNSPECIFIED (no filter). Throws {@link InvalidArgumentError} for other values.
 */
export function toDatabaseState(state: SyncState, field: string): number | undefined {
  if (state === SyncState.SYNC_STATE_UNSPECIFIED) return undefined;

  const pair = pairs.find(([, proto]) => proto === state);
  if (!pair) throw new InvalidArgumentError(field, `unknown state ${state}`);

  return pair[0];
}

const words = ['pending', 'started', 'synced', 'failed'] as const;

/** The lowercase word for a proto state (`pending` … `failed`), `unknown` for others. */
export function stateWord(state: SyncState): (typeof words)[number] | 'unknown' {
  const database = toDatabaseStateOrUndefined(state);
  return database === undefined ? 'unknown' : (words[database] ?? 'unknown');
}

/** The database state of a word from a query string, or undefined for '' or an unknown word. */
export function stateOfWord(word: string): SyncState | undefined {
  const index = (words as readonly string[]).indexOf(word);
  return index === -1 ? undefined : toSyncState(index);
}

function toDatabaseStateOrUndefined(state: SyncState): number | undefined {
  return pairs.find(([, proto]) => proto === state)?.[0];
}
