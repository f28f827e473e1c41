import type { SyncState } from '@geo/contracts';
import { InvalidArgumentError } from 'commander';
import { parseServerTarget } from './config.js';
import { GeoctlError } from './errors.js';
import { parseStateWord, stateWords } from './sync-state-words.js';

/** Parses `--state`: one of the state words. */
export function stateOption(value: string): SyncState {
  const state = parseStateWord(value);
  if (state === undefined) {
    throw new InvalidArgumentError(`expected one of ${stateWords.join(', ')}.`);
  }

  return state;
}

/** Parses a count such as `--limit`: a whole number from 1 on. */
export function positiveIntOption(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }

  return number;
}

/** Parses `--server`: a grpc-js target. */
export function serverOption(value: string): string {
  try {
    return parseServerTarget(value);
  } catch (error) {
    if (error instanceof GeoctlError) {
      throw new InvalidArgumentError('expected host:port or dns:///host:port.');
    }
    throw error;
  }
}
