import { describe, expect, it } from 'vitest';
import { formatBytes, formatFields, formatTable, oneLine } from './text-layout.js';

describe('text layout', () => {
  it('aligns table columns to the widest cell', () => {
    const table = formatTable(
      ['NAME', 'STATE'],
      [
        ['a', 'synced'],
        ['longer/name', 'failed'],
      ],
    );

    expect(table.split('\n')).toEqual([
      'NAME         STATE',
      'a            synced',
      'longer/name  failed',
    ]);
  });

  it('aligns the values of key-value lines', () => {
    expect(
      formatFields([
        ['a', '1'],
        ['longer', '2'],
      ]).split('\n'),
    ).toEqual(['a:       1', 'longer:  2']);
  });

  it('shortens multi-line text to one line', () => {
    expect(oneLine('one\ntwo   three', 9)).toBe('one two …');
  });

  it('writes byte counts in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
});
