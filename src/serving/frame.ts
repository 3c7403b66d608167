/**
 * DataFrames, as the scoring protocol carries them (`dataframe_split`, `dataframe_records`, CSV)
 * and as a js_function model takes them: MLflow's `dataframe_from_parsed_json` and
 * `cast_df_types_according_to_schema` (`mlflow/utils/proto_json_utils.py`), then what pyfunc's
 * `_enforce_schema` hands the model. Our DataFrame is an array of records (as `loadInputExample`
 * gives back dataframe examples), or rows of values when the columns have no names; a tensor
 * signature takes the rows (pyfunc turns the DataFrame into one array), named tensors each their
 * column. Numeric strings in numeric columns become numbers and base64 in binary columns Buffers,
 * as MLflow casts them before enforcement.
 */
import { isPlainObject, setOwn } from '../models/describe';
import { isTensorSchema, type ColSpec, type Schema } from '../models/signature';
import { invalidInput, pyType, type ScoringError } from './errors';

/** A DataFrame as the formats carry it: column names (none: unnamed) and rows of values. */
export interface Frame {
  columns?: string[];
  rows: unknown[][];
}


/** `dataframe_split`: `{"columns"?, "data", "index"?}` (`dataframe_from_parsed_json`, split orient). */
export function splitFrame(value: unknown): Frame {
  if (!isPlainObject(value)) {
    throw invalidInput(`Dataframe split format must be a dictionary. Got ${Array.isArray(value) ? 'list' : `type ${pyType(value)}`}.`);
  }
  const keys = Object.keys(value);
  if (!Object.hasOwn(value, 'data') || keys.some((k) => k !== 'columns' && k !== 'data' && k !== 'index')) {
    throw invalidInput(`Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields. Got {${keys.map((k) => `'${k}'`).join(', ')}}.`);
  }
  const invalid = (why: string) => invalidInput(`Provided dataframe_split field is not a valid dataframe representation in 'split' format. Error: '${why}'`);
  const { data, columns, index } = value;
  if (!Array.isArray(data)) throw invalid(`data must be a list of rows, got ${pyType(data)}`);
  if (columns !== undefined && columns !== null && !Array.isArray(columns)) throw invalid(`columns must be a list of names, got ${pyType(columns)}`);
  if (Array.isArray(columns) && columns.some((c) => c !== null && typeof c === 'object')) throw invalid('column names must be strings or numbers');
  const names = Array.isArray(columns) ? uniqueNames(columns.map(String)) : undefined;
  const rows = frameRows(data, invalid);
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  if (names && rows.length > 0 && names.length !== width) throw invalid(`${names.length} columns passed, passed data had ${width} columns`);
  if (index !== undefined && index !== null && (!Array.isArray(index) || index.length !== rows.length)) {
    throw invalid(`index must be a list with one entry per row (${rows.length}), got ${Array.isArray(index) ? `${index.length} entries` : pyType(index)}`);
  }
  return { ...(names ? { columns: names } : {}), rows: padRows(rows, names?.length ?? width) };
}

/** The rows of a DataFrame's `data`: lists of values, or single values (one unnamed column). */
function frameRows(data: unknown[], invalid: (why: string) => ScoringError): unknown[][] {
  if (data.every((row) => Array.isArray(row))) return data as unknown[][];
  if (data.some((row) => Array.isArray(row) || isPlainObject(row))) throw invalid('the rows of data must all be lists of values (or all single values)');
  return data.map((v) => [v]);
}

function padRows(rows: unknown[][], width: number): unknown[][] {
  // NB: pandas fills short rows with missing values.
  return rows.map((row) => (row.length >= width ? row : [...row, ...new Array<unknown>(width - row.length).fill(null)]));
}

/** pandas' names for repeated columns: `a`, `a.1`, `a.2`. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}.${count}`;
  });
}

/** `dataframe_records`: a list of records, or of rows (`dataframe_from_parsed_json`, records orient). */
export function recordsFrame(value: unknown): Frame {
  if (!Array.isArray(value)) {
    throw invalidInput(`Dataframe records format must be a list of records. Got ${isPlainObject(value) ? 'dictionary' : `type ${pyType(value)}`}.`);
  }
  if (value.length > 0 && value.every(isPlainObject)) {
    const records = value as Record<string, unknown>[];
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    // NB: a column a record lacks stays absent (undefined), so an optional column can be left out.
    return { columns, rows: records.map((r) => columns.map((c) => (Object.hasOwn(r, c) ? r[c] : undefined))) };
  }
  const invalid = (why: string) => invalidInput(`Provided dataframe_records field is not a valid dataframe representation in 'records' format. Error: '${why}'`);
  if (value.some(isPlainObject)) throw invalid('the records must all be objects of column names to values');
  const rows = frameRows(value, invalid);
  return { rows: padRows(rows, rows.reduce((max, row) => Math.max(max, row.length), 0)) };
}

const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i;
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** `text` as a number (Python's `float()`/`int()` spellings), or undefined when it is none. */
export function parseNumber(text: string, integer = false): number | undefined {
  if (!(integer ? INTEGER : NUMBER).test(text)) return undefined;
  const t = text.trim().toLowerCase();
  if (/^[+-]?nan$/.test(t)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/** The numpy dtype each column of `frame` is cast to, for its numeric columns (others undefined). */
function numericDtypes(columns: string[] | undefined, width: number, schema: Schema): (string | undefined)[] {
  const numpy: Record<string, string> = { integer: 'int32', long: 'int64', float: 'float32', double: 'float64' };
  if (isTensorSchema(schema)) {
    const dtype = schema.length === 1 && /^(u?int|float)\d+$/.test(schema[0]!.dtype) ? schema[0]!.dtype : undefined;
    return new Array<string | undefined>(width).fill(dtype);
  }
  const typeAt = (i: number) => (schema[0]!.name === undefined || !columns ? schema[i]?.type : schema.find((c) => c.name === columns[i])?.type);
  return Array.from({ length: width }, (_, i) => {
    const type = typeAt(i);
    return typeof type === 'string' ? numpy[type] : undefined;
  });
}

/**
 * Strings in numeric columns cast to numbers, as MLflow's `cast_df_types_according_to_schema`
 * casts a DataFrame's columns (`astype`) before enforcement: `"1.5"` is 1.5 in a double column,
 * `"x"` is invalid input (400 BAD_REQUEST). Other values are left to enforcement.
 */
function castNumericColumns(frame: Frame, schema: Schema): Frame {
  const width = frame.rows.reduce((max, row) => Math.max(max, row.length), 0);
  const dtypes = numericDtypes(frame.columns, width, schema);
  if (!dtypes.some((d) => d !== undefined)) return frame;
  const rows = frame.rows.map((row) =>
    row.map((cell, i) => {
      const dtype = dtypes[i];
      if (dtype === undefined || typeof cell !== 'string') return cell;
      const n = parseNumber(cell, dtype.includes('int'));
      if (n === undefined) {
        const column = frame.columns?.[i] ?? String(i);
        const why = dtype.includes('int') ? `invalid literal for int() with base 10: '${cell}'` : `could not convert string to float: '${cell}'`;
        throw invalidInput(`Data is not compatible with model signature. Failed to convert column ${column} to type '${dtype}'. Error: '${why}'`);
      }
      return n;
    }),
  );
  return { ...frame, rows };
}

/** A DataFrame as the model takes it (see the module comment). */
export function frameInput(frame: Frame, schema: Schema | undefined): unknown {
  if (schema && schema.length > 0) frame = castNumericColumns(frame, schema);
  const { columns, rows } = frame;
  if (!schema || schema.length === 0) return columns ? toRecords(columns, rows) : rows;
  if (isTensorSchema(schema)) {
    const named = schema.filter((s) => s.name !== undefined);
    if (named.length === 0 || !columns) return rows;
    // NB: named tensors: each its DataFrame column (`_enforce_tensor_schema`).
    const out: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      if (named.some((s) => s.name === c)) setOwn(out, c, rows.map((row) => row[i]));
    });
    return out;
  }
  if (schema[0]!.name === undefined || !columns) return rows;
  return decodeBinary(toRecords(columns, rows), schema);
}

function toRecords(columns: string[], rows: unknown[][]): Record<string, unknown>[] {
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      if (row[i] !== undefined) setOwn(record, c, row[i]);
    });
    return record;
  });
}

const BASE64 = /^[A-Za-z0-9+/=\s_-]*$/;

/** Base64 strings in the binary columns of `schema` → Buffers (`cast_df_types_according_to_schema`). */
function decodeBinary(records: Record<string, unknown>[], schema: ColSpec[]): Record<string, unknown>[] {
  const binary = schema.filter((c) => c.type === 'binary').map((c) => c.name!);
  if (binary.length === 0) return records;
  records.forEach((record, row) => {
    for (const column of binary) {
      const value = record[column];
      if (typeof value !== 'string') continue;
      if (!BASE64.test(value)) {
        throw invalidInput(`Data is not compatible with model signature. Failed to convert column ${column} to type 'binary' (row ${row}): not base64.`);
      }
      setOwn(record, column, Buffer.from(value, 'base64'));
    }
  });
  return records;
}
