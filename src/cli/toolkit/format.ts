/** How the toolkit prints sizes, times and tables. */

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < binaryUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${binaryUnits[unit]}`;
}

export const isoOf = (ms: number) => new Date(ms).toISOString();

/** ISO minute precision, for tables. */
export const shortTimeOf = (ms: number) => `${isoOf(ms).slice(0, 16).replace('T', ' ')}Z`;

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Left-aligned columns; the last column is not padded, so long names do not push trailing space. */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .concat('\n');
  return line(headers) + rows.map(line).join('');
}

/** Control characters in a name would move the terminal's cursor; show them escaped instead. */
export const printable = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
