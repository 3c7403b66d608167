/**
 * The scoring protocol's JSON payloads, parsed into what a `js_function` model's `predict` takes,
 * as MLflow maps each format for a pyfunc model (`mlflow/pyfunc/scoring_server/__init__.py`,
 * `mlflow/utils/proto_json_utils.py`, `mlflow/models/utils.py::_enforce_schema`):
 *
 * - `dataframe_split` / `dataframe_records` (and CSV, see `csv.ts`) are DataFrames. Our DataFrame
 *   is an array of records (as `loadInputExample` gives back dataframe examples), or rows of
 *   values when the columns have no names. A tensor signature takes the rows (pyfunc turns the
 *   DataFrame into one array), named tensors each their column.
 * - `inputs` is passed as it is, except that a column signature gets records: pyfunc turns a
 *   column object, a single record, or a list for a one-column signature into a DataFrame.
 * - `instances` is `inputs`, except that records become columns (`{name: [values]}`) as MLflow's
 *   `parse_instances_data` does; a column signature then gets the records back, as pyfunc would.
 * - a payload holding `messages`, `prompt` or `input` is an LLM request: passed unwrapped, and
 *   answered with bare predictions.
 *
 * DataFrames are cast as MLflow's `cast_df_types_according_to_schema` casts them: numeric
 * strings in numeric columns to numbers, base64 in binary columns to Buffers. Everything else
 * (types, shapes, missing columns) is left to the model's own signature enforcement.
 */
import { isPlainObject, setOwn } from '../models/describe';
import { isColumnLayout } from '../models/enforce';
import { parsePythonJson } from '../models/input-example';
import { isTensorSchema, type ColSpec, type Schema } from '../models/signature';
import { badFormatKeys, invalidInput, SCORING_PROTOCOL_CHANGE_INFO, ScoringError } from './errors';

/** The four format keys of a JSON payload (MLflow's `SUPPORTED_FORMATS`). */
export const FORMAT_KEYS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
/** The keys that mark an LLM payload (`SUPPORTED_LLM_FORMATS`). */
export const LLM_PAYLOAD_KEYS = ['messages', 'prompt', 'input'] as const;

const REQUIRED_INPUT_FORMAT = `The input must be a JSON dictionary with exactly one of the input fields {${FORMAT_KEYS.map((k) => `'${k}'`).join(', ')}}`;

/** What parsing needs to know of the model. */
export interface PayloadModel {
  /** The signature's input schema, if the model has one. */
  schema?: Schema;
  /** The names in the signature's params schema (an LLM payload's params are picked by them). */
  paramNames?: readonly string[];
  /** MLmodel's `is_signature_from_type_hint`: the payload must then be `inputs`, passed as is. */
  signatureFromTypeHint?: boolean;
}

/** A parsed payload: the model's input, its params, and how to answer. */
export interface Payload {
  data: unknown;
  params?: Record<string, unknown>;
  /** An LLM payload: the answer is the bare predictions, not `{"predictions": …}`. */
  unwrapped: boolean;
}

/** A DataFrame as the formats carry it: column names (none: unnamed) and rows of values. */
export interface Frame {
  columns?: string[];
  rows: unknown[][];
}

/** Python's name for the type of a JSON value, as MLflow's messages show it. */
function pyType(value: unknown): string {
  if (value === null) return "<class 'NoneType'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}

const pyList = (keys: readonly string[]) => `[${keys.map((k) => `'${k}'`).join(', ')}]`;

/**
 * The JSON text of a request as a dictionary. Python's `json.loads` reads NaN and Infinity, so
 * this does too (NaN as null); anything but an object is refused as MLflow refuses it.
 */
export function decodeJsonObject(text: string): Record<string, unknown> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch (error) {
    // NB: the common case stays on the fast path; only a failed parse looks for Python's literals.
    if (!/NaN|Infinity/.test(text)) throw invalidJson(error, text);
    try {
      decoded = parsePythonJson(text, 'the request');
    } catch {
      throw invalidJson(error, text);
    }
  }
  if (isPlainObject(decoded)) return decoded;
  if (Array.isArray(decoded)) throw invalidInput(`${REQUIRED_INPUT_FORMAT}. Received a list.`);
  throw invalidInput(`${REQUIRED_INPUT_FORMAT}. Received unexpected input type '${pyType(decoded)}'.`);
}

function invalidJson(error: unknown, text: string): ScoringError {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return invalidInput(`Ensure that input is a valid JSON formatted string. Error: '${(error as Error).message}'\nInput: \n${shown}\n`);
}

/** Parses a JSON request body (`_parse_json_data`). Throws {@link ScoringError}. */
export function parseJsonPayload(text: string, model: PayloadModel = {}): Payload {
  return parsePayloadObject(decodeJsonObject(text), model);
}

/** Parses a decoded JSON payload (see {@link parseJsonPayload}). */
export function parsePayloadObject(json: Record<string, unknown>, model: PayloadModel = {}): Payload {
  if (LLM_PAYLOAD_KEYS.some((k) => Object.hasOwn(json, k))) {
    // NB: MLflow's `_split_data_and_params_for_llm_input`: keys the params schema names are params.
    const names = new Set(model.paramNames ?? []);
    const data: Record<string, unknown> = {};
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(json)) setOwn(names.has(key) ? params : data, key, value);
    return { data, params, unwrapped: true };
  }
  const params = checkParams(json.params);
  const present = FORMAT_KEYS.filter((k) => Object.hasOwn(json, k));
  if (model.signatureFromTypeHint) {
    if (!present.includes('inputs')) {
      throw new ScoringError(
        `Request payload must be a dictionary with 'inputs' key when the model contains a valid type hint. Found keys in payload: ${pyList(Object.keys(json))}.`,
        400,
        'INVALID_PARAMETER_VALUE',
      );
    }
    return { data: json.inputs, params, unwrapped: false };
  }
  if (present.length !== 1) {
    throw badFormatKeys(`${REQUIRED_INPUT_FORMAT}. Received dictionary with input fields: ${pyList(Object.keys(json))}. ${SCORING_PROTOCOL_CHANGE_INFO}`);
  }
  const format = present[0]!;
  const value = json[format];
  const { schema } = model;
  let data: unknown;
  if (format === 'dataframe_split') data = frameInput(splitFrame(value), schema);
  else if (format === 'dataframe_records') data = frameInput(recordsFrame(value), schema);
  else if (format === 'instances') data = instancesInput(value, schema);
  else data = inputsInput(value, schema);
  return { data, params, unwrapped: false };
}

function checkParams(params: unknown): Record<string, unknown> | undefined {
  if (params === undefined || params === null) return undefined;
  if (!isPlainObject(params)) throw invalidInput(`"params" must be a JSON object of parameter names to values, got ${pyType(params)}.`);
  return params;
}

// ---------------------------------------------------------------------------------------------
// DataFrames
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// TF-serving formats
// ---------------------------------------------------------------------------------------------

/** `instances` (`parse_instances_data`): records become columns, the rest is `inputs`. */
function instancesInput(value: unknown, schema: Schema | undefined): unknown {
  if (!(Array.isArray(value) && value.length > 0 && isPlainObject(value[0]))) return inputsInput(value, schema);
  if (!value.every(isPlainObject)) throw invalidInput('The instances must all be objects of input names to values when the first one is.');
  const records = value as Record<string, unknown>[];
  const columns: Record<string, unknown[]> = {};
  for (const record of records) {
    for (const [key, v] of Object.entries(record)) {
      if (!Object.hasOwn(columns, key)) setOwn(columns, key, []);
      columns[key]!.push(v);
    }
  }
  const lengths = new Set(Object.values(columns).map((c) => c.length));
  if (lengths.size > 1) throw invalidInput('The length of values for each input/column name are not the same');
  // NB: pyfunc builds a DataFrame from those columns for a column signature: the records again.
  return isColumnSchema(schema) ? records : columns;
}

/** `inputs` (`_cast_schema_type`, then pyfunc's DataFrame for column signatures). */
function inputsInput(value: unknown, schema: Schema | undefined): unknown {
  if (!schema || schema.length === 0) return value;
  const unnamed = schema[0]!.name === undefined;
  if (unnamed) {
    if (isPlainObject(value)) {
      throw invalidInput(
        'Failed to parse input data. This model contains an un-named model signature which expects a single n-dimensional array or a single value as input, ' +
          `however, an input of type ${pyType(value)} was found.`,
      );
    }
    return value;
  }
  if (!isColumnSchema(schema)) return value;
  const columns = schema as ColSpec[];
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isPlainObject)) return value;
    // NB: a list for a signature of one column is that column (`_cast_schema_type`).
    if (columns.length === 1 && !value.some(isPlainObject)) return value.map((v) => ({ [columns[0]!.name!]: v }));
    return value;
  }
  if (isPlainObject(value)) {
    if (!isColumnLayout(value, columns)) return [value];
    const names = Object.keys(value);
    const length = (value[names[0]!] as unknown[]).length;
    return Array.from({ length }, (_, i) => {
      const record: Record<string, unknown> = {};
      for (const name of names) setOwn(record, name, (value[name] as unknown[])[i]);
      return record;
    });
  }
  return value;
}

function isColumnSchema(schema: Schema | undefined): boolean {
  return schema !== undefined && schema.length > 0 && !isTensorSchema(schema) && schema[0]!.name !== undefined;
}
