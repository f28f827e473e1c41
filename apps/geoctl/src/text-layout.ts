/** Styles a cell already padded to its column's width, e.g. with colour. */
export type CellStyle = (padded: string, cell: string, column: number) => string;

/**
 * Lays out rows under headers, each column as wide as its widest cell;
 * `style` decorates body cells after padding, so escape codes never skew widths.
 */
export function formatTable(
  headers: string[],
  rows: string[][],
  style: CellStyle = (padded) => padded,
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );

  const line = (cells: string[], styled: boolean) =>
    cells
      .map((cell, column) => {
        const last = column === cells.length - 1;
        const padded = last ? cell : cell.padEnd(widths[column] ?? 0);
        return styled ? style(padded, cell, column) : padded;
      })
      .join('  ')
      .trimEnd();

  return [line(headers, false), ...rows.map((row) => line(row, true))].join('\n');
}

/** Lays out `label: value` lines with the values aligned. */
export function formatFields(fields: [label: string, value: string][]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;

  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n');
}

/** Shortens `text` to one line of at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A byte count for people: `1.5 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
