/**
 * The model signature of MLflow's model format: column and tensor schemas, the params schema, and
 * their JSON exactly as Python MLflow writes it into `MLmodel` (`mlflow/types/schema.py`,
 * `mlflow/models/signature.py`), so a signature written here is byte-identical to Python's.
 */
import { types } from 'node:util';
import { ValidationError } from '../errors';
import { describeValue, isPlainObject, setOwn } from './describe';
import { MAX_NESTING_DEPTH, tooDeepAt } from './limits';
import { PyFloat, pyJsonDumps, type PyJsonValue } from './py-json';

export { describeValue, isPlainObject } from './describe';

/** MLflow's eight scalar column types (`mlflow.types.DataType`). */
export const DATA_TYPES = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime'] as const;

/** A scalar column type: `integer` is int32, `long` int64, `float` float32, `double` float64. */
export type DataType = (typeof DATA_TYPES)[number];

/** A column whose values are lists of `items`. */
export interface ArrayType {
  type: 'array';
  items: ColType;
}

/** One property of an {@link ObjectType}. */
export interface PropertySpec {
  type: ColType;
  required: boolean;
}

/** A column whose values are objects with known properties (written sorted by name). */
export interface ObjectType {
  type: 'object';
  properties: Record<string, PropertySpec>;
}

/** A column whose values are objects with string keys and values of one type. */
export interface MapType {
  type: 'map';
  values: ColType;
}

/**
 * The type of a column or of a nested value. `'any'` accepts anything (and is what missing values
 * infer to); `'sparkml_vector'` is only read, from signatures written by Spark ML models.
 */
export type ColType = DataType | ArrayType | ObjectType | MapType | 'any' | 'sparkml_vector';

/** A column of a DataFrame-like input. Unnamed columns are matched by position. */
export interface ColSpec {
  type: ColType;
  name?: string;
  required: boolean;
}

/** A numpy dtype name as MLflow writes it (`np.dtype(x).name`). */
export type NumpyDtype =
  | 'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'float16' | 'float32' | 'float64' | 'complex64' | 'complex128' | 'str' | 'bytes' | 'object'
  | (string & {});

/** A tensor input: its dtype and shape, `-1` for a dimension of any size (the batch one). */
export interface TensorSpec {
  name?: string;
  dtype: NumpyDtype;
  shape: number[];
}

/** A list of column specs or a list of tensor specs, never both. */
export type Schema = ColSpec[] | TensorSpec[];

/** A value a param may take (JSON-like; `Date` for datetime params). */
export type ParamValue = string | number | bigint | boolean | Date | null | ParamValue[] | { [key: string]: ParamValue };

/** An inference-time parameter: a scalar (`shape: null`) or a 1-D list (`shape: [-1]`). */
export interface ParamSpec {
  name: string;
  type: DataType | ObjectType;
  default: ParamValue;
  shape: null | [-1];
}

/** The params a model accepts at inference time. */
export type ParamSchema = ParamSpec[];

/** The schema of a model's inputs, outputs and inference params; at least one is set. */
export interface ModelSignature {
  inputs?: Schema;
  outputs?: Schema;
  params?: ParamSchema;
}

/** `signature` as stored in `MLmodel`: each part a JSON string, or null. */
export interface SignatureDict {
  inputs: string | null;
  outputs: string | null;
  params: string | null;
}

/** True when `spec` describes a tensor. */
/** The column names of a stored input schema (MLmodel's `signature.inputs`), when it is a column schema; undefined for a tensor schema or none. */
export function columnNames(inputs: string | null | undefined): string[] | undefined {
  if (!inputs) return undefined;
  const parsed = JSON.parse(inputs) as { name?: string; type: string }[];
  return parsed.every((c) => c.type !== 'tensor' && c.name) ? parsed.map((c) => c.name!) : undefined;
}

export function isTensorSpec(spec: ColSpec | TensorSpec): spec is TensorSpec {
  return 'dtype' in spec;
}

/** True when `schema` is a tensor schema. */
export function isTensorSchema(schema: Schema): schema is TensorSpec[] {
  return schema.length > 0 && isTensorSpec(schema[0]!);
}

/** A short name of a column type for messages, e.g. `array<long>`. */
export function colTypeName(type: ColType): string {
  if (typeof type === 'string') return type;
  if (type.type === 'array') return `array<${colTypeName(type.items)}>`;
  if (type.type === 'map') return `map<string, ${colTypeName(type.values)}>`;
  const props = Object.entries(type.properties).map(([k, p]) => `${k}: ${colTypeName(p.type)}${p.required ? '' : '?'}`);
  return `object{${props.join(', ')}}`;
}

/** Throws a {@link ValidationError} unless `specs` is a schema MLflow accepts (`Schema.__init__`). */
export function assertValidSchema(specs: readonly (ColSpec | TensorSpec)[]): asserts specs is Schema {
  if (!Array.isArray(specs) || specs.length === 0) throw new ValidationError('A schema needs at least one column or tensor spec.');
  const tensors = specs.filter(isTensorSpec).length;
  if (tensors !== 0 && tensors !== specs.length) {
    throw new ValidationError(
      'A schema cannot mix column specs and tensor specs: use only ColSpec ({type, name?, required}) or only TensorSpec ({dtype, shape, name?}).',
    );
  }
  const named = specs.filter((s) => s.name !== undefined).length;
  if (named !== 0 && named !== specs.length) {
    throw new ValidationError(`A schema cannot mix named and unnamed inputs; got names ${JSON.stringify(specs.map((s) => s.name ?? null))}.`);
  }
  if (tensors > 1 && named === 0) throw new ValidationError('A schema with several tensor specs must name each of them.');
  if (named === 0 && specs.some((s) => !isTensorSpec(s) && !s.required)) {
    throw new ValidationError('Unnamed columns cannot be optional: name the columns or make them all required.');
  }
  const names = new Set<string>();
  for (const s of specs) {
    if (s.name !== undefined && names.has(s.name)) throw new ValidationError(`The schema names '${s.name}' twice.`);
    if (s.name !== undefined) names.add(s.name);
    if (isTensorSpec(s) && !s.shape.every((d) => Number.isInteger(d) && d >= -1)) {
      throw new ValidationError(`Tensor spec ${s.name ?? ''} has shape [${s.shape.join(', ')}]; dimensions are integers, -1 for any size.`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Python-compatible JSON
// ---------------------------------------------------------------------------------------------

type Json = PyJsonValue;

function typeToDict(type: ColType): Record<string, Json> {
  if (typeof type === 'string') return { type };
  if (type.type === 'array') return { type: 'array', items: typeToDict(type.items) };
  if (type.type === 'map') return { type: 'map', values: typeToDict(type.values) };
  const properties: Record<string, Json> = {};
  // NB: Python's Object sorts its properties by name (schema.py, Object.__init__).
  for (const name of Object.keys(type.properties).sort()) {
    const prop = type.properties[name]!;
    setOwn(properties, name, { ...typeToDict(prop.type), required: prop.required });
  }
  return { type: 'object', properties };
}

function specToDict(spec: ColSpec | TensorSpec): Record<string, Json> {
  if (isTensorSpec(spec)) {
    const tensor = { type: 'tensor', 'tensor-spec': { dtype: spec.dtype, shape: spec.shape } };
    return spec.name === undefined ? tensor : { name: spec.name, ...tensor };
  }
  return { ...typeToDict(spec.type), ...(spec.name === undefined ? {} : { name: spec.name }), required: spec.required };
}

/**
 * Converts a value for {@link pyJsonDumps}, marking numbers as Python floats where `type` says
 * float/double (so `1` is written `1.0`, as Python writes a float). Float typed arrays become
 * lists of floats, other typed arrays lists of ints; `Uint8Array`s stay bytes (base64).
 */
export function toPyJson(value: unknown, type: ColType = 'any'): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return type === 'double' || type === 'float' ? new PyFloat(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (types.isDate(value) || value instanceof PyFloat) return value as Date | PyFloat;
  if (types.isUint8Array(value)) return value;
  if (types.isTypedArray(value)) {
    const floats = types.isFloat32Array(value) || types.isFloat64Array(value);
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) => (floats ? new PyFloat(Number(v)) : v));
  }
  const inner = (key?: string): ColType => {
    if (typeof type !== 'object') return 'any';
    if (type.type === 'array') return type.items;
    if (type.type === 'map') return type.values;
    if (type.type === 'object' && key !== undefined) return Object.hasOwn(type.properties, key) ? type.properties[key]!.type : 'any';
    return 'any';
  };
  if (Array.isArray(value)) return value.map((v: unknown) => toPyJson(v, inner()));
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, toPyJson(v, inner(k)));
    return out;
  }
  throw new ValidationError(`Cannot write ${describeValue(value)} as JSON; use numbers, strings, booleans, Dates, Buffers, arrays or plain objects.`);
}

/** Writes a schema as `Schema.to_json()` does. */
export function schemaToJson(schema: Schema): string {
  assertValidSchema(schema);
  return pyJsonDumps((schema as (ColSpec | TensorSpec)[]).map(specToDict));
}

/** Writes a params schema as `ParamSchema.to_json()` does (key order name, default, shape, type). */
export function paramSchemaToJson(params: ParamSchema): string {
  const seen = new Set<string>();
  const out = params.map((p) => {
    if (seen.has(p.name)) throw new ValidationError(`The params schema names '${p.name}' twice.`);
    seen.add(p.name);
    const problem = paramValueProblem(p.default, p.type, p.shape);
    if (problem !== undefined) throw new ValidationError(`The default of param '${p.name}' is invalid: ${problem}.`);
    const value = Array.isArray(p.default) && p.shape ? p.default.map((v) => toPyJson(v, p.type)) : toPyJson(p.default, p.type);
    return { name: p.name, default: value, shape: p.shape, ...typeToDict(p.type) };
  });
  return pyJsonDumps(out);
}

/**
 * Serialises a signature as Python's `ModelSignature.to_dict()` does, for the `signature` key of
 * `MLmodel`. Empty parts are null.
 */
export function signatureToDict(signature: ModelSignature): SignatureDict {
  const { inputs, outputs, params } = signature;
  if (!inputs?.length && !outputs?.length && !params?.length) {
    throw new ValidationError('A signature needs inputs, outputs or params.');
  }
  return {
    inputs: inputs?.length ? schemaToJson(inputs) : null,
    outputs: outputs?.length ? schemaToJson(outputs) : null,
    params: params?.length ? paramSchemaToJson(params) : null,
  };
}

/**
 * Why `value` is not a valid value of a param of this type and shape (Python's
 * `ParamSpec.validate_type_and_shape`), or undefined when it is.
 */
export function paramValueProblem(value: ParamValue | undefined, type: DataType | ObjectType, shape: null | readonly number[]): string | undefined {
  if (shape !== null) {
    if (shape.length !== 1 || shape[0] !== -1) return `shape must be null or [-1], got [${shape.join(', ')}]`;
    if (!Array.isArray(value)) return `expected a 1-D list for shape [-1], got ${describeValue(value)}`;
    for (const [i, v] of value.entries()) {
      const p = scalarParamProblem(v, type);
      if (p !== undefined) return `item ${i}: ${p}`;
    }
    return undefined;
  }
  return scalarParamProblem(value, type);
}

function scalarParamProblem(value: ParamValue | undefined, type: DataType | ObjectType): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof type === 'object') return isPlainObject(value) ? undefined : `expected an object, got ${describeValue(value)}`;
  if (type === 'binary') return 'binary params are not supported';
  const ok = ((): boolean => {
    switch (type) {
      case 'boolean': return typeof value === 'boolean';
      case 'integer': return (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) || (typeof value === 'bigint' && value >= -(2n ** 31n) && value < 2n ** 31n);
      case 'long': return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
      case 'float':
      case 'double': return typeof value === 'number';
      case 'string': return typeof value === 'string';
      case 'datetime': return (value instanceof Date && !Number.isNaN(value.getTime())) || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    }
  })();
  return ok ? undefined : `cannot use ${describeValue(value)} as ${type}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

function fail(where: string, message: string): never {
  throw new ValidationError(`Invalid signature JSON at ${where}: ${message}`);
}

function parseType(raw: unknown, where: string): ColType {
  if (!isPlainObject(raw) || typeof raw.type !== 'string') fail(where, `expected an object with a string "type", got ${describeValue(raw)}`);
  const t = raw.type;
  if ((DATA_TYPES as readonly string[]).includes(t)) return t as DataType;
  switch (t) {
    case 'any':
    case 'sparkml_vector':
      return t;
    case 'array':
      return { type: 'array', items: parseType(raw.items, `${where}.items`) };
    case 'map':
      return { type: 'map', values: parseType(raw.values, `${where}.values`) };
    case 'object': {
      if (!isPlainObject(raw.properties)) fail(where, 'an object type needs "properties"');
      const properties: Record<string, PropertySpec> = {};
      for (const [name, prop] of Object.entries(raw.properties)) {
        setOwn(properties, name, { type: parseType(prop, `${where}.properties.${name}`), required: parseRequired(prop) });
      }
      return { type: 'object', properties };
    }
    default:
      fail(where, `unknown type '${t}'; expected one of ${[...DATA_TYPES, 'array', 'object', 'map', 'any'].join(', ')}`);
  }
}

function parseRequired(raw: unknown): boolean {
  // NB: Python defaults a missing "required" to true (and keeps an explicit null, read here as true).
  return !(isPlainObject(raw) && raw.required === false);
}

function parseName(raw: Record<string, unknown>, where: string): { name?: string } {
  if (raw.name === undefined || raw.name === null) return {};
  // NB: pandas DataFrames with integer column labels produce numeric names; we keep them as text.
  if (typeof raw.name === 'string' || typeof raw.name === 'number') return { name: String(raw.name) };
  fail(where, `"name" must be a string, got ${describeValue(raw.name)}`);
}

function parseSpec(raw: unknown, where: string): ColSpec | TensorSpec {
  if (!isPlainObject(raw)) fail(where, `expected an object, got ${describeValue(raw)}`);
  if (raw.type === 'tensor') {
    const info = raw['tensor-spec'];
    if (!isPlainObject(info) || typeof info.dtype !== 'string' || !Array.isArray(info.shape)) {
      fail(where, 'a tensor spec needs "tensor-spec": {"dtype": <numpy dtype>, "shape": [..]}');
    }
    const shape = info.shape.map((d: unknown) => (typeof d === 'number' && Number.isInteger(d) ? d : fail(where, `bad dimension ${describeValue(d)}`)));
    return { ...parseName(raw, where), dtype: info.dtype, shape };
  }
  return { type: parseType(raw, where), ...parseName(raw, where), required: parseRequired(raw) };
}

function parseJson(text: string, where: string): unknown {
  if (typeof text !== 'string') fail(where, `expected a JSON string as Schema.to_json() writes it, got ${describeValue(text)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (error) {
    fail(where, `not JSON (${(error as Error).message}); expected a JSON list of specs as Schema.to_json() writes it`);
  }
  // NB: JSON.parse takes any depth, the recursive parsing below does not: check first, iteratively.
  const deep = tooDeepAt(raw);
  if (deep !== undefined) fail(`${where}${deep}`, `nests more than ${MAX_NESTING_DEPTH} levels deep; no MLflow type needs that many`);
  return raw;
}

/** Reads a schema written by `Schema.to_json()` (ours or Python's). */
export function schemaFromJson(json: string, where = 'schema'): Schema {
  const raw = parseJson(json, where);
  if (!Array.isArray(raw)) fail(where, 'expected a JSON list of specs');
  const specs = raw.map((s: unknown, i) => parseSpec(s, `${where}[${i}]`));
  try {
    assertValidSchema(specs);
  } catch (error) {
    fail(where, (error as Error).message);
  }
  return specs;
}

/** Reads a params schema written by `ParamSchema.to_json()`; `dtype` is accepted for `type`. */
export function paramSchemaFromJson(json: string, where = 'params'): ParamSchema {
  const raw = parseJson(json, where);
  if (!Array.isArray(raw)) fail(where, 'expected a JSON list of param specs');
  return raw.map((p: unknown, i): ParamSpec => {
    const at = `${where}[${i}]`;
    if (!isPlainObject(p) || typeof p.name !== 'string' || !('default' in p)) fail(at, 'a param spec needs "name", "type" and "default"');
    const typeName = p.type ?? p.dtype;
    const type = parseType({ ...p, type: typeName }, at);
    if (typeof type !== 'string' && type.type !== 'object') fail(at, `params cannot have type ${colTypeName(type)}`);
    if (type === 'any' || type === 'sparkml_vector') fail(at, `params cannot have type ${type}`);
    const shape = p.shape === null || p.shape === undefined ? null : Array.isArray(p.shape) && p.shape.length === 1 && p.shape[0] === -1 ? ([-1] as [-1]) : fail(at, '"shape" must be null or [-1]');
    return { name: p.name, type, default: p.default as ParamValue, shape };
  });
}

/**
 * Reads the `signature` block of an `MLmodel` file (each part a JSON string or null), including
 * signatures written by Python MLflow.
 */
export function signatureFromDict(dict: Partial<Record<'inputs' | 'outputs' | 'params', string | null | undefined>>): ModelSignature {
  const signature: ModelSignature = {};
  if (dict.inputs) signature.inputs = schemaFromJson(dict.inputs, 'inputs');
  if (dict.outputs) signature.outputs = schemaFromJson(dict.outputs, 'outputs');
  if (dict.params) signature.params = paramSchemaFromJson(dict.params, 'params');
  if (!signature.inputs && !signature.outputs && !signature.params) throw new ValidationError('The signature has no inputs, outputs or params.');
  return signature;
}
