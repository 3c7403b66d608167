/**
 * The scoring protocol's JSON payloads, parsed into what a `js_function` model's `predict` takes,
 * as MLflow maps each format for a pyfunc model (`mlflow/pyfunc/scoring_server/__init__.py`,
 * `mlflow/utils/proto_json_utils.py`, `mlflow/models/utils.py::_enforce_schema`):
 *
 * - `dataframe_split` / `dataframe_records` (and CSV, see `csv.ts`) are DataFrames: records, or
 *   rows for tensor signatures (see `frame.ts`).
 * - `inputs` is passed as it is, except that a column signature gets records: pyfunc turns a
 *   column object, a single record, or a list for a one-column signature into a DataFrame.
 * - `instances` is `inputs`, except that records become columns (`{name: [values]}`) as MLflow's
 *   `parse_instances_data` does; a column signature then gets the records back, as pyfunc would.
 * - a payload holding `messages`, `prompt` or `input` is an LLM request: passed unwrapped, and
 *   answered with bare predictions.
 *
 * Everything else (types, shapes, missing columns) is left to the model's own signature
 * enforcement.
 */
import { isPlainObject, setOwn } from '../models/describe';
import { isColumnLayout } from '../models/enforce';
import { parsePythonJson } from '../models/input-example';
import { isTensorSchema, type ColSpec, type Schema } from '../models/signature';
import { badFormatKeys, invalidInput, pyType, SCORING_PROTOCOL_CHANGE_INFO, ScoringError } from './errors';
import { frameInput, recordsFrame, splitFrame } from './frame';

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
