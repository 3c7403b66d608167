/**
 * CSV request bodies (`text/csv`), read as pandas' `read_csv` reads them for MLflow's
 * `parse_csv_input` (`mlflow/pyfunc/scoring_server/__init__.py`): a header row of column names,
 * then one row per line (a first row one field longer starts with the index); blank lines skipped; pandas' missing-value spellings (`''`, `NA`, `NaN`,
 * `null`, …) read as missing; short rows filled with missing values; each column typed by the
 * signature (a tensor signature makes every column numeric), or, without one, inferred as pandas
 * does (all numbers → numbers, all `True`/`False` → booleans, otherwise strings).
 */
import { ScoringError } from './errors';
import { parseNumber, uniqueNames, type Frame } from './frame';
import { isTensorSchema, type ColType, type Schema } from '../models/signature';

/** pandas' default `na_values`. */
const NA = new Set(['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null']);
const TRUE = new Set(['True', 'TRUE', 'true']);
const FALSE = new Set(['False', 'FALSE', 'false']);

/** How one column's cells are read. */
type CellKind = 'number' | 'boolean' | 'string' | 'infer';

function csvError(why: string): ScoringError {
  // NB: MLflow's answer carries the parser's traceback (`_handle_serving_error`); this one, where the CSV was refused.
  const stackTrace = new Error(why).stack;
  return new ScoringError(
    'Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame produced using the ' +
      `\`pandas.DataFrame.to_csv()\` method. Error: '${why}'`,
    400,
    'BAD_REQUEST',
    { stackTrace },
  );
}

function kindOfType(type: ColType | undefined): CellKind {
  if (type === 'integer' || type === 'long' || type === 'float' || type === 'double') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'string' || type === 'binary' || type === 'datetime') return 'string';
  return 'infer';
}

/** How each column is read, by the signature: by name, by position, or all numeric for tensors. */
function columnKinds(columns: string[], schema: Schema | undefined): CellKind[] {
  if (!schema || schema.length === 0) return columns.map(() => 'infer');
  if (isTensorSchema(schema)) return columns.map(() => (schema[0]!.dtype === 'bool' ? 'boolean' : /^(str|bytes|object)$/.test(schema[0]!.dtype) ? 'infer' : 'number'));
  if (schema[0]!.name === undefined) return columns.map((_, i) => kindOfType(schema[i]?.type));
  return columns.map((c) => kindOfType(schema.find((s) => s.name === c)?.type));
}

function readCell(cell: string, kind: CellKind, column: string, row: number): unknown {
  if (NA.has(cell)) return null;
  if (kind === 'number') {
    const n = parseNumber(cell);
    if (n === undefined) throw csvError(`column '${column}' (row ${row}) holds '${cell}', which is not a number`);
    return n;
  }
  if (kind === 'boolean') {
    if (TRUE.has(cell)) return true;
    if (FALSE.has(cell)) return false;
    throw csvError(`column '${column}' (row ${row}) holds '${cell}', which is not True or False`);
  }
  return cell;
}

/** A column read without a type: numbers if every cell is one, booleans likewise, else strings. */
function inferColumn(cells: string[]): unknown[] {
  const present = cells.filter((c) => !NA.has(c));
  const kind: CellKind = present.every((c) => parseNumber(c) !== undefined) ? 'number' : present.every((c) => TRUE.has(c) || FALSE.has(c)) ? 'boolean' : 'string';
  return cells.map((c, i) => readCell(c, kind, '', i + 1));
}

/** Parses a CSV body into a DataFrame, typed by `schema`. Throws {@link ScoringError}. */
export function parseCsvFrame(text: string, schema?: Schema): Frame {
  // NB: loaded here: a server that only ever gets JSON never loads the CSV parser.
  const { parse } = require('csv-parse/sync') as { parse: (input: string, options: object) => string[][] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw csvError((error as Error).message);
  }
  if (records.length === 0) throw csvError('No columns to parse from file');
  const [header, ...rest] = records as [string[], ...string[][]];
  const columns = uniqueNames(header.map((name, i) => (name.trim() === '' ? `Unnamed: ${i}` : name)));
  // NB: pandas reads a first row one field longer than the header as having an index column first.
  const body = rest.length > 0 && rest[0]!.length === header.length + 1 ? rest.map((row) => row.slice(1)) : rest;
  body.forEach((row, i) => {
    if (row.length > columns.length) throw csvError(`Error tokenizing data. Expected ${columns.length} fields in row ${i + 1}, saw ${row.length}`);
  });
  const kinds = columnKinds(columns, schema);
  const cells = (c: number) => body.map((row) => row[c] ?? '');
  const typed = columns.map((column, c) =>
    kinds[c] === 'infer' ? inferColumn(cells(c)) : cells(c).map((cell, r) => readCell(cell, kinds[c]!, column, r + 1)),
  );
  return { columns, rows: body.map((_, r) => typed.map((column) => column[r])) };
}
