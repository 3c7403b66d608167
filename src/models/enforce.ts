/**
 * Signature enforcement for `predict()`, after MLflow's `_enforce_schema` and
 * `_enforce_params_schema` (`mlflow/models/utils.py`): inputs are checked against the model's
 * input schema (columns or tensors) and params against its params schema before the model runs.
 */
import { types } from 'node:util';
import { MlflowAutologError } from '../errors';
import { warn } from '../util/logger';
import { setOwn } from './describe';
import { tensorLayout } from './dtypes';
import { isMissing, isTensorLike, isTypedArray } from './infer-signature';
import { MAX_NESTING_DEPTH, firstRowTooDeepAt, tooDeepAt } from './limits';
import {
  type ColSpec,
  type ColType,
  type NumpyDtype,
  type ParamSchema,
  type ParamValue,
  type Schema,
  type TensorSpec,
  colTypeName,
  describeValue,
  isPlainObject,
  isTensorSchema,
  paramValueProblem,
} from './signature';

/** The input or params do not match the model's signature; the message says which and how. */
export class SchemaEnforcementError extends MlflowAutologError {}

/** Options of {@link enforceSchema}. */
export interface EnforceOptions {
  /** Inference params given to `predict()`. */
  params?: Record<string, unknown>;
  /** The signature's params schema; without one, given params are warned about and dropped. */
  paramSchema?: ParamSchema;
}

/** The checked input (in the layout it came in) and params (defaults filled in). */
export interface EnforcedInput {
  data: unknown;
  params: Record<string, ParamValue> | undefined;
}

/**
 * Checks `input` against `schema` and `options.params` against `options.paramSchema`, as MLflow
 * does before `predict()`:
 * - column schema: records, a column object or a single record, or for a signature of one named
 *   column a plain list of its values (unnamed columns: rows of values, one list, or a scalar). A missing required column is an error; extra columns are dropped; each
 *   value must convert without loss (integer → long → float → double); the data comes back in
 *   the layout given, columns in schema order;
 * - tensor schema: nested arrays, typed arrays or a tfjs tensor (an object of them for named
 *   tensors); every fixed dimension must match and the dtype must cast safely;
 * - params: unknown ones are warned about and ignored, missing ones take their default.
 *
 * Throws {@link SchemaEnforcementError}.
 */
export function enforceSchema(input: unknown, schema: Schema | undefined, options: EnforceOptions = {}): EnforcedInput {
  const tensorData = schema !== undefined && schema.length > 0 && isTensorSchema(schema) && !isPlainObject(input);
  // NB: tensor data is walked no deeper than its first row (see tensorLayout): checking that row
  // is enough, and spares a second walk over every value of a large batch.
  assertInputDepth(tensorData ? undefined : input, options.params);
  if (tensorData) throwIfTooDeep('input', firstRowTooDeepAt(input));
  const params = enforceParams(options.params, options.paramSchema);
  if (!schema || schema.length === 0) return { data: input, params };
  const data = isTensorSchema(schema) ? enforceTensors(input, schema) : enforceColumns(input, schema);
  return { data, params };
}

/**
 * Throws a {@link SchemaEnforcementError} when `input` or `params` nest arrays and objects more
 * than {@link MAX_NESTING_DEPTH} deep (or in a cycle). Checked iteratively before anything walks
 * the input recursively, so such input fails with this error rather than a stack overflow, with or
 * without a signature.
 */
export function assertInputDepth(input: unknown, params?: unknown): void {
  throwIfTooDeep('input', tooDeepAt(input));
  throwIfTooDeep('params', tooDeepAt(params));
}

function throwIfTooDeep(what: 'input' | 'params', at: string | undefined): void {
  if (at === undefined) return;
  throw new SchemaEnforcementError(
    `The ${what} to predict nests arrays and objects more than ${MAX_NESTING_DEPTH} levels deep (at ${what}${at}), or holds a cycle; ` +
      'flatten it, or pass a typed array or tensor for high-dimensional data.',
  );
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const INT_RANGE = { integer: [-(2n ** 31n), 2n ** 31n - 1n], long: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

function fail(where: string, expected: ColType | string, value: unknown, why = ''): never {
  const type = typeof expected === 'string' ? expected : colTypeName(expected);
  throw new SchemaEnforcementError(`Incompatible input types for ${where}: expected ${type}, got ${describeValue(value)}${why ? `, ${why}` : ''}.`);
}

function conformInt(value: unknown, type: 'integer' | 'long', where: string): unknown {
  const [lo, hi] = INT_RANGE[type];
  if (typeof value === 'bigint') return value >= lo && value <= hi ? value : fail(where, type, value, 'which is out of range');
  if (typeof value !== 'number') return fail(where, type, value);
  if (!Number.isInteger(value)) return fail(where, type, value, 'which cannot be converted without losing its fraction');
  return BigInt(value) >= lo && BigInt(value) <= hi ? value : fail(where, type, value, 'which is out of range');
}

function conformFloat(value: unknown, type: 'float' | 'double', where: string): unknown {
  let n = value;
  if (typeof value === 'bigint') {
    n = Number(value);
    if (BigInt(n as number) !== value) return fail(where, type, value, 'which cannot be converted without loss');
  }
  if (typeof n !== 'number') return fail(where, type, value);
  if (type === 'float' && Number.isFinite(n) && Math.fround(n) !== n) {
    return fail(where, type, value, 'which float32 cannot hold exactly; declare the column double');
  }
  return n;
}

/** Checks (and safely converts) one value against a column type; throws naming `where`. */
function conform(value: unknown, type: ColType, required: boolean, where: string): unknown {
  if (type === 'any') return value;
  if (isMissing(value)) {
    if (!required || type === 'float' || type === 'double') return value;
    const hint = type === 'long' || type === 'integer' ? ' (integers cannot be missing: mark the column optional or declare it double)' : '';
    throw new SchemaEnforcementError(`Missing value for required ${where}: expected ${colTypeName(type)}, got ${describeValue(value)}${hint}.`);
  }
  switch (type) {
    case 'boolean': return typeof value === 'boolean' ? value : fail(where, type, value);
    case 'string': return typeof value === 'string' ? value : fail(where, type, value);
    case 'integer':
    case 'long': return conformInt(value, type, where);
    case 'float':
    case 'double': return conformFloat(value, type, where);
    case 'binary': return types.isUint8Array(value) || typeof value === 'string' ? value : fail(where, type, value);
    case 'datetime': {
      if (types.isDate(value) && !Number.isNaN(value.getTime())) return value;
      if (typeof value === 'string') {
        // NB: MLflow datetimes are timezone-naive; a string without an offset is read as UTC.
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$|^\d{4}-\d\d-\d\d$/.test(value) ? value : `${value}Z`);
        if (!Number.isNaN(date.getTime())) return date;
      }
      return fail(where, type, value);
    }
    case 'sparkml_vector': return conform(value, { type: 'array', items: 'double' }, required, where);
    default: break;
  }
  if (type.type === 'array') {
    if (isTypedArray(value)) {
      for (const [i, v] of Array.from(value as ArrayLike<unknown>).entries()) conform(v, type.items, required, `${where}[${i}]`);
      return value;
    }
    if (!Array.isArray(value)) return fail(where, type, value);
    return value.map((v: unknown, i) => conform(v, type.items, required, `${where}[${i}]`));
  }
  if (!isPlainObject(value)) return fail(where, type, value);
  if (type.type === 'map') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conform(v, type.values, required, `${where}.${k}`)]));
  }
  const missing = Object.entries(type.properties).filter(([k, p]) => p.required && !Object.hasOwn(value, k)).map(([k]) => k);
  if (missing.length) throw new SchemaEnforcementError(`Missing required properties ${missing.map((k) => `'${k}'`).join(', ')} in ${where}.`);
  // NB: own keys only, so that a property named `constructor` or `toString` is not found on Object.prototype.
  const extra = Object.keys(value).filter((k) => !Object.hasOwn(type.properties, k));
  if (extra.length) throw new SchemaEnforcementError(`Properties not in the schema found in ${where}: ${extra.map((k) => `'${k}'`).join(', ')}.`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conform(v, type.properties[k]!.type, type.properties[k]!.required, `${where}.${k}`)]));
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

function expectedColumns(schema: ColSpec[]): string {
  return schema.map((c) => `${c.name} (${colTypeName(c.type)}${c.required ? '' : ', optional'})`).join(', ');
}

function isArrayType(type: ColType): boolean {
  return type === 'sparkml_vector' || (typeof type === 'object' && type.type === 'array');
}

function isColumnObject(value: Record<string, unknown>, specs: Map<string, ColSpec>): boolean {
  const values = Object.entries(value);
  if (values.length === 0) return false;
  const lengths = new Set(values.map(([, v]) => (Array.isArray(v) || isTypedArray(v) ? v.length : -1)));
  if (lengths.size !== 1 || lengths.has(-1)) return false;
  // NB: a record may hold lists for array columns; it is a column object only if those hold lists of lists.
  return values.every(([k, v]) => {
    const spec = specs.get(k);
    return !spec || !isArrayType(spec.type) || (Array.isArray(v) && v.every((x: unknown) => isMissing(x) || Array.isArray(x) || isTypedArray(x)));
  });
}

/**
 * True when `value` is a column object (`{column: [values]}`) for the named column `schema`, as
 * {@link enforceSchema} tells one from a single record.
 */
export function isColumnLayout(value: Record<string, unknown>, schema: ColSpec[]): boolean {
  return isColumnObject(value, new Map(schema.filter((c) => c.name !== undefined).map((c) => [c.name!, c])));
}

function enforceColumns(input: unknown, schema: ColSpec[]): unknown {
  if (schema[0]!.name === undefined) return enforceUnnamedColumns(input, schema);
  const specs = new Map(schema.map((c) => [c.name!, c]));
  let layout: 'records' | 'columns' | 'record';
  // NB: a plain list for a one-column signature is that column's values, as MLflow's scoring
  // server reads `{"inputs": [...]}` (`_cast_schema_type`): `predict(['a', 'b'])` for `text` is
  // `[{text: 'a'}, {text: 'b'}]`.
  if (schema.length === 1 && (isTypedArray(input) || (Array.isArray(input) && input.length > 0 && !input.some(isPlainObject)))) {
    const name = schema[0]!.name!;
    input = Array.from(input as ArrayLike<unknown>, (value) => ({ [name]: value }));
  }
  if (Array.isArray(input) && input.every(isPlainObject)) layout = 'records';
  else if (isPlainObject(input)) layout = isColumnObject(input, specs) ? 'columns' : 'record';
  else {
    throw new SchemaEnforcementError(
      `This model has a column-based signature, so it takes records ([{column: value}, …]), a column object ({column: [values]}) or one record${schema.length === 1 ? ', or a list of values for its one column' : ''}; got ${describeValue(input)}. Expected columns: ${expectedColumns(schema)}.`,
    );
  }
  const rows = layout === 'records' ? (input as Record<string, unknown>[]) : [];
  const present = new Set(layout === 'records' ? rows.flatMap((r) => Object.keys(r)) : Object.keys(input as object));
  const missing = schema.filter((c) => c.required && !present.has(c.name!)).map((c) => c.name!);
  if (missing.length) {
    throw new SchemaEnforcementError(`Model is missing inputs ${missing.map((m) => `'${m}'`).join(', ')}. Expected columns: ${expectedColumns(schema)}.`);
  }
  const used = schema.filter((c) => present.has(c.name!));
  const cell = (c: ColSpec, value: unknown, row?: number): unknown =>
    conform(value, c.type, c.required, `column '${c.name}'${row === undefined ? '' : ` (row ${row})`}`);
  if (layout === 'records') {
    return rows.map((r, i) => {
      const out: Record<string, unknown> = {};
      for (const c of used) if (Object.hasOwn(r, c.name!) || c.required) setOwn(out, c.name!, cell(c, Object.hasOwn(r, c.name!) ? r[c.name!] : undefined, i));
      return out;
    });
  }
  const source = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const c of used) {
    const value = source[c.name!];
    if (layout === 'record') setOwn(out, c.name!, cell(c, value));
    else if (isTypedArray(value)) {
      Array.from(value as ArrayLike<unknown>).forEach((v, i) => cell(c, v, i));
      setOwn(out, c.name!, value);
    } else setOwn(out, c.name!, (value as unknown[]).map((v, i) => cell(c, v, i)));
  }
  return out;
}

function enforceUnnamedColumns(input: unknown, schema: ColSpec[]): unknown {
  const check = (row: unknown[], index?: number): unknown[] => {
    if (row.length < schema.length) {
      throw new SchemaEnforcementError(
        `Model inference is missing inputs: the signature declares ${schema.length} unnamed inputs (${schema.map((c) => colTypeName(c.type)).join(', ')}) but ${index === undefined ? 'the input' : `row ${index}`} has ${row.length}.`,
      );
    }
    return schema.map((c, i) => conform(row[i], c.type, c.required, `input ${i}${index === undefined ? '' : ` (row ${index})`}`));
  };
  const singleArrayColumn = schema.length === 1 && isArrayType(schema[0]!.type);
  if (!singleArrayColumn && Array.isArray(input) && input.length > 0 && input.every((r) => Array.isArray(r))) {
    return (input as unknown[][]).map((row, i) => check(row, i));
  }
  if (Array.isArray(input) || isTypedArray(input)) {
    const items = Array.from(input as ArrayLike<unknown>);
    check(items.length ? [items[0]] : []);
    return items.map((v, i) => check([v], i)[0]);
  }
  return check([input])[0];
}

// ---------------------------------------------------------------------------------------------
// Tensors
// ---------------------------------------------------------------------------------------------

function dtypeKind(dtype: NumpyDtype): { kind: string; bits: number } {
  if (dtype === 'bool') return { kind: 'b', bits: 8 };
  const m = /^(u?int|float|complex)(\d+)$/.exec(dtype);
  if (m) return { kind: { int: 'i', uint: 'u', float: 'f', complex: 'c' }[m[1]!]!, bits: Number(m[2]) };
  return { kind: dtype === 'str' ? 'U' : dtype === 'bytes' ? 'S' : 'O', bits: 0 };
}

/** numpy's `can_cast(from, to, 'safe')` for the dtypes JavaScript data can have. */
export function canCastSafely(from: NumpyDtype, to: NumpyDtype): boolean {
  if (from === to || to === 'object') return true;
  const a = dtypeKind(from);
  const b = dtypeKind(to);
  // NB: numpy counts int64 → float64 as safe, and a float needs twice the bits to hold an int otherwise.
  const floatHolds = (intBits: number, floatBits: number) => floatBits > intBits || floatBits === 64;
  switch (a.kind) {
    case 'b': return 'iufc'.includes(b.kind);
    case 'i': return (b.kind === 'i' && b.bits > a.bits) || (b.kind === 'f' && floatHolds(a.bits, b.bits)) || (b.kind === 'c' && floatHolds(a.bits, b.bits / 2));
    case 'u': return ((b.kind === 'u' || b.kind === 'i') && b.bits > a.bits) || (b.kind === 'f' && floatHolds(a.bits, b.bits)) || (b.kind === 'c' && floatHolds(a.bits, b.bits / 2));
    case 'f': return (b.kind === 'f' && b.bits > a.bits) || (b.kind === 'c' && b.bits / 2 >= a.bits);
    case 'c': return b.kind === 'c' && b.bits > a.bits;
    default: return false;
  }
}

/** Calls `check` on every value of nested arrays (whose depth tensorLayout has bounded). */
function eachLeaf(value: unknown, check: (leaf: unknown) => void): void {
  if (!Array.isArray(value)) {
    check(value);
    return;
  }
  for (let i = 0; i < value.length; i++) eachLeaf(value[i], check);
}

function checkPlainDtype(data: unknown[], actual: NumpyDtype, spec: TensorSpec, label: string): void {
  const { kind, bits } = dtypeKind(spec.dtype);
  const bad = (why: string): never => {
    throw new SchemaEnforcementError(`dtype of ${label} (${actual}) does not match expected dtype ${spec.dtype}: ${why}.`);
  };
  if (kind === 'O' || (kind === 'U' && actual === 'str')) return;
  if (actual === 'bool') {
    if (kind !== 'b' && !'iufc'.includes(kind)) bad('booleans cannot be cast');
    return;
  }
  if (actual === 'str' || kind === 'b' || kind === 'U' || kind === 'S') bad('the values are of another kind');
  if (kind === 'f' || kind === 'c') return;
  // NB: JS numbers are float64 (dtypes.ts), yet a JSON or JS whole number is what Python reads as
  // an int: whole numbers within range are accepted for integer specs, as MLflow accepts them.
  const lo = kind === 'u' ? 0n : -(2n ** BigInt(bits - 1));
  const hi = kind === 'u' ? 2n ** BigInt(bits) - 1n : 2n ** BigInt(bits - 1) - 1n;
  // NB: the same range as numbers, to compare without a BigInt per value where a number is exact.
  const [loN, hiN] = [Number(lo), Number(hi)];
  eachLeaf(data, (v) => {
    if (typeof v !== 'bigint' && !Number.isInteger(v)) bad(`floats cannot be cast to integers without losing their fraction (${String(v)}); pass whole numbers or a typed array of the expected dtype`);
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > loN && v < hiN) return;
    const n = typeof v === 'bigint' ? v : BigInt(v as number);
    if (n < lo || n > hi) bad(`${String(v)} is out of range`);
  });
}

function enforceTensor(data: unknown, spec: TensorSpec, label: string): void {
  if (!isTensorLike(data) && !isTypedArray(data) && !Array.isArray(data)) {
    throw new SchemaEnforcementError(`This model has a tensor-based signature, so ${label} must be a tensor, a typed array or nested arrays of numbers; got ${describeValue(data)}.`);
  }
  let info: ReturnType<typeof tensorLayout>;
  try {
    // NB: one pass over nested arrays; none over a tensor or typed arrays, whose dtype says it all.
    info = tensorLayout(data);
  } catch (error) {
    throw new SchemaEnforcementError(`Cannot check ${label} against the tensor spec: ${(error as Error).message}`, { cause: error });
  }
  const { shape, dtype, plain } = info;
  if (shape.length !== spec.shape.length || spec.shape.some((d, i) => d !== -1 && d !== shape[i])) {
    throw new SchemaEnforcementError(`Shape of ${label} [${shape.join(', ')}] does not match expected shape [${spec.shape.join(', ')}] (-1 is any size).`);
  }
  if (plain) checkPlainDtype(data as unknown[], dtype, spec, label);
  else if (!canCastSafely(dtype, spec.dtype)) {
    throw new SchemaEnforcementError(`dtype of ${label} (${dtype}) does not match expected dtype ${spec.dtype} and cannot be cast to it safely.`);
  }
}

function enforceTensors(input: unknown, schema: TensorSpec[]): unknown {
  if (schema[0]!.name === undefined) {
    enforceTensor(input, schema[0]!, 'the input');
    return input;
  }
  if (!isPlainObject(input)) {
    if (schema.length === 1) {
      enforceTensor(input, schema[0]!, `input '${schema[0]!.name}'`);
      return input;
    }
    throw new SchemaEnforcementError(`This model takes named tensors (${schema.map((s) => s.name).join(', ')}); pass an object mapping each name to its tensor, got ${describeValue(input)}.`);
  }
  const missing = schema.filter((s) => input[s.name!] === undefined).map((s) => `'${s.name}'`);
  if (missing.length) throw new SchemaEnforcementError(`Model is missing inputs ${missing.join(', ')}. Expected tensors: ${schema.map((s) => `${s.name} (${s.dtype} [${s.shape.join(', ')}])`).join(', ')}.`);
  for (const s of schema) enforceTensor(input[s.name!], s, `input '${s.name}'`);
  return input;
}

// ---------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------

function toDates(value: ParamValue, isDatetime: boolean): ParamValue {
  if (!isDatetime) return value;
  if (Array.isArray(value)) return value.map((v) => toDates(v, true));
  if (typeof value !== 'string') return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$|^\d{4}-\d\d-\d\d$/.test(value) ? value : `${value}Z`);
}

/**
 * Checks inference params against the params schema (`_enforce_params_schema`): without a schema
 * given params are warned about and dropped; unknown params are warned about and ignored; missing
 * ones take their default; datetime params become Dates. Throws {@link SchemaEnforcementError}
 * listing every invalid param.
 */
export function enforceParams(params: Record<string, unknown> | undefined, schema: ParamSchema | undefined): Record<string, ParamValue> | undefined {
  if (params !== undefined && !isPlainObject(params)) throw new SchemaEnforcementError(`Params must be a plain object, got ${describeValue(params)}.`);
  if (!schema || schema.length === 0) {
    if (params === undefined || Object.keys(params).length === 0) return params as Record<string, ParamValue> | undefined;
    warn(`params can only be given when the model signature has a params schema, and this model has none; ignoring ${Object.keys(params).join(', ')}`);
    return {};
  }
  const given = params ?? {};
  const known = new Set(schema.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length) warn(`unrecognised params ${unknown.join(', ')} are ignored; the model supports ${[...known].join(', ')}`);
  const out: Record<string, ParamValue> = {};
  const problems: string[] = [];
  for (const spec of schema) {
    const isDatetime = spec.type === 'datetime';
    if (!Object.hasOwn(given, spec.name) || given[spec.name] === undefined) {
      setOwn(out, spec.name, toDates(spec.default, isDatetime));
      continue;
    }
    const value = given[spec.name] as ParamValue;
    let problem = paramValueProblem(value, spec.type, spec.shape);
    if (problem === undefined && typeof spec.type === 'object' && value !== null) {
      try {
        conform(value, spec.type, true, `param '${spec.name}'`);
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    if (problem === undefined) setOwn(out, spec.name, toDates(value, isDatetime));
    else problems.push(`'${spec.name}' (${colTypeName(spec.type)}${spec.shape ? ' list' : ''}): ${problem}`);
  }
  if (problems.length) throw new SchemaEnforcementError(`Invalid params: ${problems.join('; ')}.`);
  return out;
}
