/**
 * Plain-text tables for the terminal, laid out as MLflow's CLI lays them out
 * (`mlflow/utils/string_utils.py` `_create_table`: left-aligned columns two spaces apart, a row of
 * dashes under the headers). Cells are made safe to print and, given a width, the widest columns
 * are cut with an ellipsis until the table fits. No table library: the one in node_modules
 * (cli-table3) is only a development dependency of autocannon.
 */

const COLUMN_SEPARATOR = '  ';
/** MLflow's `min_column_width`. */
const MIN_COLUMN_WIDTH = 4;
const ELLIPSIS = '…';

/**
 * `value` as one printable line: control characters (a newline in a tag, an escape sequence a
 * server sent) are shown escaped, never sent to the terminal.
 */
export function printable(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Columns a code point takes on a terminal: 0 for combining marks, 2 for wide (CJK, emoji), else 1. */
function codePointWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** How many terminal columns `text` (already {@link printable}) takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}

/** `text` cut to at most `width` columns, an ellipsis marking the cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = codePointWidth(ch.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + ELLIPSIS;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export interface TableOptions {
  /**
   * The terminal's width: the widest columns are cut until every line fits (never below the
   * header's width or {@link MIN_COLUMN_WIDTH}). @default no limit (a pipe or a file)
   */
  maxWidth?: number;
  /** Columns (by index) cut only when cutting the others is not enough: ids a user copies, keys. */
  keep?: number[];
}

/**
 * The rows under the headers, each column as wide as its widest cell (and at least the header
 * plus two, as MLflow's table). Trailing spaces are trimmed.
 */
export function formatTable(headers: string[], rows: unknown[][], options: TableOptions = {}): string {
  const cells = rows.map((row) => headers.map((_, i) => printable(row[i])));
  const widths = headers.map((header, i) =>
    Math.max(MIN_COLUMN_WIDTH, displayWidth(header) + 2, ...cells.map((row) => displayWidth(row[i]!))),
  );
  if (options.maxWidth !== undefined) {
    const floor = headers.map((h) => Math.max(MIN_COLUMN_WIDTH, displayWidth(h)));
    const keep = new Set(options.keep ?? []);
    fit(widths, floor.map((f, i) => (keep.has(i) ? widths[i]! : f)), options.maxWidth);
    fit(widths, floor, options.maxWidth);
  }
  const line = (row: string[]) =>
    row
      .map((cell, i) => padEnd(truncate(cell, widths[i]!), widths[i]!))
      .join(COLUMN_SEPARATOR)
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join(COLUMN_SEPARATOR), ...cells.map(line)].join('\n');
}

/** Narrows the widest column, again and again, until the table is `maxWidth` wide or no column can give more than its `floor`. */
function fit(widths: number[], floor: number[], maxWidth: number): void {
  for (;;) {
    const excess = widths.reduce((a, b) => a + b, 0) + COLUMN_SEPARATOR.length * (widths.length - 1) - maxWidth;
    if (excess <= 0) return;
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) return;
    // NB: down to the next widest column in one step (a 5000-character tag value), then in turns.
    const next = Math.max(floor[widest]!, ...widths.filter((_, i) => i !== widest));
    widths[widest] = widths[widest]! - Math.max(1, Math.min(excess, widths[widest]! - next));
  }
}

/**
 * Milliseconds since the epoch as MLflow's CLI prints them (`conv_longdate_to_str`): local
 * `YYYY-MM-DD HH:MM:SS` and the time zone's short name.
 */
export function formatTime(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const zone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value;
  const text = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return zone ? `${text} ${zone}` : text;
}

/** A duration as the MLflow UI shows it: `850ms`, `12.3s`, `4.5min`, `2.1h`, `3.0d`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)}min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)}h`;
  return `${(ms / 86_400_000).toFixed(1)}d`;
}

/** A byte count for people: `512 B`, `1.5 kB`, `3.2 MB` (powers of 1000, as npm and MLflow's UI). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
