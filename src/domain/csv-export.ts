/**
 * Cells of exported CSV files, safe to open in a spreadsheet in any locale (OWASP CSV
 * injection). German Excel splits on `;`, English on `,`, some tools on tabs, and a reader
 * that splits on another separator than the file's does not see its quotes as quotes. So:
 *
 * - a text that could start a formula — `=`, `+`, `-`, `@` (or their full-width forms),
 *   after optional blanks or quotes — gets an apostrophe before it, at the start of the cell
 *   and after every separator or line break inside it, where another reader would start a
 *   new cell;
 * - a cell starting with a tab or a line break gets an apostrophe too;
 * - a cell holding a quote, a separator of any kind or a line break is quoted, quotes doubled.
 *
 * Numbers are written as numbers (a negative number is not a formula).
 */
const FORMULA = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
// Blanks (not tabs or line breaks: those are separators themselves) and quotes may precede.
const FORMULA_AT = new RegExp(`(^|[,;\\t\\r\\n])(?=(?:[^\\S\\t\\r\\n]|")*[${FORMULA}])`, 'g');
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value.replace(FORMULA_AT, "$1'");
  if (/^[\t\r\n]/.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of cells, comma-separated (CRLF is added by the caller). */
export const csvRow = (cells: (string | number | null)[]): string => cells.map(csvCell).join(',');
