/**
 * CSV as spreadsheets read it (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel sees the accents) and safe to
 * open there: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula (CSV
 * injection, OWASP), so it gets a leading apostrophe. Numbers are written as numbers.
 */

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** The lines of a CSV file, header first: written one at a time into a streamed response. */
export function* csvLines(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): Generator<string> {
  yield CSV_BOM + csvLine(header);
  for (const row of rows) yield csvLine(row);
}
