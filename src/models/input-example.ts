/**
 * Input examples saved with a model, in MLflow's files (`mlflow/models/utils.py::_Example`):
 * `input_example.json` (the example) and `serving_input_example.json` (a request body for the
 * scoring server, indented by 2), described by `saved_input_example_info` in `MLmodel`.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '../errors';
import { containedPath, containedRealPath } from '../util/paths';
import { LLM_KEYS, classifyData, inferParamSchema, inferSchema, isTensorLike, isTypedArray, tensorInfo } from './infer-signature';
import { readCappedFile } from './limits';
import { PyFloat, pyJsonDumps, type PyJsonValue } from './py-json';
import { type ColType, type Schema, describeValue, isPlainObject, isTensorSchema, toPyJson } from './signature';

/** File name of the example, as MLflow names it. */
export const INPUT_EXAMPLE_FILE = 'input_example.json';
/** File name of the serving request body, as MLflow names it. */
export const SERVING_INPUT_EXAMPLE_FILE = 'serving_input_example.json';

/** `saved_input_example_info` of `MLmodel`. */
export type InputExampleInfo = {
  artifact_path: string;
  /** `dataframe` for records and column objects, `ndarray` for tensors, `json_object` otherwise. */
  type: 'dataframe' | 'ndarray' | 'json_object' | 'sparse_matrix_csc' | 'sparse_matrix_csr';
  /** Dataframes only: `split` (with column names) or `values` (without). */
  pandas_orient?: 'split' | 'values';
  /** The `"true"` string when the example carries inference params. */
  params?: 'true';
  serving_input_path?: string;
};

/** An example with inference params, MLflow's `(input, params)` tuple. */
export interface InputExampleWithParams {
  input: unknown;
  params: Record<string, unknown>;
}

/** Options of {@link saveInputExample}. */
export interface SaveInputExampleOptions {
  /** Keep only the first rows of records, columns, lists and tensors (autolog uses 5). @default all rows */
  maxRows?: number;
}

/** Options of {@link loadInputExample}. */
export interface LoadInputExampleOptions {
  /** The model's input schema: with it, binary columns come back as Buffers and datetimes as Dates. */
  schema?: Schema;
}

function splitParams(example: unknown): { data: unknown; params?: Record<string, unknown> } {
  if (isPlainObject(example)) {
    const keys = Object.keys(example);
    if (keys.length === 2 && keys.includes('input') && keys.includes('params') && isPlainObject(example.params)) {
      return { data: example.input, params: example.params };
    }
  }
  return { data: example };
}

/** Tensor data (tensor-like, typed arrays, nested arrays) as nested plain lists, floats marked. */
function tensorToJson(data: unknown, maxRows: number | undefined): PyJsonValue {
  const { dtype } = tensorInfo(data);
  const nested = isTensorLike(data) ? data.arraySync() : data;
  const float = /^(float|complex)/.test(dtype);
  const convert = (v: unknown): PyJsonValue => {
    if (Array.isArray(v) || isTypedArray(v)) return Array.from(v as ArrayLike<unknown>, convert);
    if (typeof v === 'number') return dtype === 'bool' ? v !== 0 : float ? new PyFloat(v) : v;
    return toPyJson(v);
  };
  const rows = Array.isArray(nested) || isTypedArray(nested) ? Array.from(nested as ArrayLike<unknown>) : [nested];
  return (maxRows === undefined ? rows : rows.slice(0, maxRows)).map(convert);
}

function columnTypes(data: unknown, count: number): ColType[] {
  try {
    const schema = inferSchema(data);
    if (!isTensorSchema(schema)) return schema.map((c) => c.type);
  } catch {
    // NB: an example with no consistent type is still saved, only without float marking.
  }
  return new Array<ColType>(count).fill('any');
}

type Built = { info: Omit<InputExampleInfo, 'artifact_path' | 'serving_input_path' | 'params'>; example: PyJsonValue; serving: Record<string, PyJsonValue>; llm?: boolean };

function buildExample(data: unknown, maxRows: number | undefined): Built {
  const layout = classifyData(data);
  const limit = <T>(items: T[]): T[] => (maxRows === undefined ? items : items.slice(0, maxRows));
  switch (layout.kind) {
    case 'records':
    case 'columns': {
      let columns: string[];
      let rows: unknown[][];
      let source: unknown;
      if (layout.kind === 'records') {
        const records = limit(layout.rows);
        columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
        rows = records.map((r) => columns.map((c) => r[c]));
        source = records;
      } else {
        columns = Object.keys(layout.columns);
        const cols = columns.map((c) => limit(Array.from(layout.columns[c]!)));
        rows = Array.from({ length: cols[0]?.length ?? 0 }, (_, i) => cols.map((col) => col[i]));
        source = Object.fromEntries(columns.map((c, i) => [c, cols[i]]));
      }
      const types = columnTypes(source, columns.length);
      const split = { columns, data: rows.map((row) => row.map((v, i) => toPyJson(v, types[i]))) };
      return { info: { type: 'dataframe', pandas_orient: 'split' }, example: split, serving: { dataframe_split: split } };
    }
    case 'tensor': {
      const example = tensorToJson(data, maxRows);
      return { info: { type: 'ndarray' }, example, serving: { inputs: example } };
    }
    case 'tensors': {
      const example = Object.fromEntries(Object.entries(layout.tensors).map(([k, t]) => [k, tensorToJson(t, maxRows)]));
      return { info: { type: 'ndarray' }, example, serving: { inputs: example } };
    }
    case 'list': {
      const example = toPyJson(limit(layout.items));
      return { info: { type: 'json_object' }, example, serving: { inputs: example } };
    }
    case 'record': {
      const example = toPyJson(layout.record) as Record<string, PyJsonValue>;
      // NB: chat/completions/embeddings payloads are sent to the scoring server unwrapped.
      const llm = LLM_KEYS.some((k) => k in layout.record);
      return { info: { type: 'json_object' }, example, serving: llm ? example : { inputs: example }, llm };
    }
    case 'scalar': {
      if (data === undefined || typeof data === 'function' || typeof data === 'symbol') {
        throw new ValidationError(`Cannot save ${describeValue(data)} as an input example; use records, a column object, arrays, tensors or JSON values.`);
      }
      const example = toPyJson(data);
      return { info: { type: 'json_object' }, example, serving: { inputs: example } };
    }
  }
}

/**
 * Writes `input_example.json` and `serving_input_example.json` into `dir` in MLflow's formats and
 * returns the `saved_input_example_info` block for `MLmodel`:
 * - records or a column object → `dataframe` (split orient: `{"columns": [...], "data": [[...]]}`,
 *   served as `{"dataframe_split": ...}`);
 * - typed arrays, numeric nested arrays, tensors (or an object of tensors) → `ndarray` (a bare
 *   nested list, served as `{"inputs": ...}`);
 * - any other JSON value → `json_object`.
 *
 * `{input, params}` saves `{"inputs": ..., "params": ...}` and sets `params: "true"`. NaN is
 * written as null, Dates as ISO strings and Buffers as base64, as MLflow does.
 */
export async function saveInputExample(dir: string, example: unknown, options: SaveInputExampleOptions = {}): Promise<InputExampleInfo> {
  const { files, info } = inputExampleFiles(example, options);
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return info;
}

/** What {@link saveInputExample} writes, as file name → text, and the MLmodel block; synchronous. */
export function inputExampleFiles(example: unknown, options: SaveInputExampleOptions = {}): { files: Record<string, string>; info: InputExampleInfo } {
  const { maxRows } = options;
  if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows > 0)) {
    throw new ValidationError(`maxRows must be a positive integer, got ${describeValue(maxRows)}.`);
  }
  const { data, params } = splitParams(example);
  if (params !== undefined) inferParamSchema(params);
  const built = buildExample(data, maxRows);
  const paramsJson = params === undefined ? undefined : toPyJson(params);
  const fileContent = paramsJson === undefined ? built.example : { inputs: built.example, params: paramsJson };
  let serving: PyJsonValue = built.serving;
  if (paramsJson !== undefined) serving = built.llm ? { ...built.serving, ...(paramsJson as Record<string, PyJsonValue>) } : { ...built.serving, params: paramsJson };
  return {
    files: { [INPUT_EXAMPLE_FILE]: pyJsonDumps(fileContent), [SERVING_INPUT_EXAMPLE_FILE]: pyJsonDumps(serving, 2) },
    info: {
      artifact_path: INPUT_EXAMPLE_FILE,
      ...(params === undefined ? {} : { params: 'true' as const }),
      ...built.info,
      serving_input_path: SERVING_INPUT_EXAMPLE_FILE,
    },
  };
}

/**
 * JSON.parse that also reads Python's bare `NaN` (as null) and `Infinity`. `source` names the
 * text (a file) in the {@link ValidationError} a syntax error gives.
 */
export function parsePythonJson(text: string, source = 'the input example'): unknown {
  // NB: one linear pass outside strings; a regex over hostile text may backtrack quadratically.
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x4e && text.startsWith('NaN', i)) {
      parts.push(text.slice(start, i), 'null');
      start = i + 3;
      i += 2;
    } else if (c === 0x49 && text.startsWith('Infinity', i)) {
      const negative = i > start && text.charCodeAt(i - 1) === 0x2d;
      parts.push(text.slice(start, negative ? i - 1 : i), negative ? '-1e999' : '1e999');
      start = i + 8;
      i += 7;
    }
  }
  parts.push(text.slice(start));
  try {
    return JSON.parse(parts.join('')) as unknown;
  } catch (error) {
    throw new ValidationError(
      `${source} is not valid JSON (${(error as Error).message}); an input example is JSON as Python's json.dumps writes it (NaN and Infinity allowed): re-save it.`,
      { cause: error },
    );
  }
}

function decodeCell(value: unknown, type: ColType | undefined): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'binary') return Buffer.from(value, 'base64');
  if (type === 'datetime') {
    // NB: MLflow writes naive datetimes; read them as UTC, as they were written.
    const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

/**
 * Reads an input example saved by {@link saveInputExample} or by Python MLflow. Dataframes come
 * back as records (or rows of values when unnamed), ndarrays as nested lists, JSON objects as
 * they were; an example saved with params comes back as `{input, params}`.
 */
export async function loadInputExample(dir: string, info: InputExampleInfo, options: LoadInputExampleOptions = {}): Promise<unknown> {
  if (typeof info.artifact_path !== 'string' || info.artifact_path === '') {
    throw new ValidationError(`saved_input_example_info.artifact_path should name the example's file (e.g. ${INPUT_EXAMPLE_FILE}), got ${describeValue(info.artifact_path)}.`);
  }
  // NB: the path comes from the model: it stays inside the model's folder, symlinks included.
  const field = 'the MLmodel field saved_input_example_info.artifact_path';
  let file = containedPath(dir, info.artifact_path, field);
  if (existsSync(file)) file = await containedRealPath(dir, info.artifact_path, field);
  const text = await readCappedFile(file, 'MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES', 'an input example', `No input example at ${file}, which the model's MLmodel names.`);
  const parsed = parsePythonJson(text, file);
  const withParams = info.params !== undefined && info.params !== null && String(info.params) !== 'false';
  if (withParams && !(isPlainObject(parsed) && 'inputs' in parsed)) {
    throw new ValidationError(`${file} should hold {"inputs": ..., "params": ...} since the example has params.`);
  }
  const raw = withParams ? (parsed as Record<string, unknown>).inputs : parsed;
  let data: unknown = raw;
  if (info.type === 'dataframe') {
    if (!isPlainObject(raw) || !Array.isArray(raw.data) || !raw.data.every((row) => Array.isArray(row))) {
      throw new ValidationError(`${file} is not a dataframe in split orient: expected {"columns": [...], "data": [[row values], ...]}.`);
    }
    const rows = raw.data as unknown[][];
    const columns = Array.isArray(raw.columns) ? raw.columns.map(String) : undefined;
    const schema = options.schema && !isTensorSchema(options.schema) ? options.schema : undefined;
    const typeOf = (column: string | number): ColType | undefined =>
      schema === undefined ? undefined : typeof column === 'number' ? schema[column]?.type : schema.find((s) => s.name === column)?.type;
    data = columns === undefined
      ? rows.map((row) => row.map((v, i) => decodeCell(v, typeOf(i))))
      : rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, decodeCell(row[i], typeOf(c))])));
  }
  return withParams ? { input: data, params: (parsed as Record<string, unknown>).params } : data;
}
