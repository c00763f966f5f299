// CSV as RFC 4180 (CRLF line ends, a cell quoted when it holds a quote, comma, CR or LF, quotes
// doubled), with text cells a spreadsheet would run as a formula neutralised by a leading ', and
// bidi controls shown as \uNNNN text (a spreadsheet would apply them to the cell).
import type { ConnectionRecord } from '../../../shared/model';
import { showBidiControls } from './bidi-controls';
import { EXPORT_COLUMNS } from './export-columns';

/** Starts a spreadsheet reads as a formula (= + - @, tab, CR), and ' itself so the rule reverses. */
const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One text cell. null is an empty cell and "" a quoted empty one, so the two stay apart. A text
 * cell that starts like a formula (or with ') gets one ' in front: dropping one leading ' from
 * any text cell gives the value back.
 */
export function csvTextCell(value: string | null): string {
  if (value === null) return '';
  const shown = showBidiControls(value);
  const safe = FORMULA_START.test(shown) ? `'${shown}` : shown;
  return safe === '' || NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A numeric cell: a number as JavaScript prints it (negative numbers stay numbers), null empty. */
export function csvNumberCell(value: number | null): string {
  return value === null ? '' : String(value);
}

export const CSV_HEADER = EXPORT_COLUMNS.map((c) => c.key).join(',') + '\r\n';

export function csvRow(record: ConnectionRecord): string {
  let line = '';
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) {
    const column = EXPORT_COLUMNS[i]!;
    const value = record[column.key];
    if (i > 0) line += ',';
    line += column.numeric
      ? csvNumberCell(value as number | null)
      : csvTextCell(value === null ? null : String(value));
  }
  return line + '\r\n';
}
