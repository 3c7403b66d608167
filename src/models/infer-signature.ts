/**
 * Signature inference from example data, following MLflow's `_infer_schema` and
 * `_infer_param_schema` (`mlflow/types/utils.py`) with JavaScript's data shapes standing in for
 * pandas and numpy: records and column objects are DataFrames, typed arrays, numeric nested
 * arrays and tfjs tensors are ndarrays. JavaScript has no integer type, so a `number` infers
 * `double` (float64 in a tensor) where MLflow infers a Python int as `long`; BigInts are `long`,
 * and typed arrays and tensors keep their dtype (dtypes.ts).
 */
import { types } from 'node:util';
import { ValidationError } from '../errors';
import { setOwn } from './describe';
import { type TensorLike, isMissing, isTensorLike, isTypedArray, numpyToDataType, tensorInfo, typedArrayDtype } from './dtypes';
import {
  type ColSpec,
  type ColType,
  type DataType,
  type ModelSignature,
  type ObjectType,
  type ParamSchema,
  type ParamSpec,
  type ParamValue,
  type Schema,
  type TensorSpec,
  assertValidSchema,
  colTypeName,
  describeValue,
  isPlainObject,
} from './signature';

export {
  type TensorLike,
  type TypedArray,
  isMissing,
  isTensorLike,
  isTypedArray,
  numpyToDataType,
  tensorInfo,
  tfjsDtypeToNumpy,
  typedArrayDtype,
} from './dtypes';

/** How a piece of example data is laid out. */
export type DataLayout =
  | { kind: 'tensor' }
  | { kind: 'tensors'; tensors: Record<string, TensorLike> }
  | { kind: 'records'; rows: Record<string, unknown>[] }
  | { kind: 'columns'; columns: Record<string, ArrayLike<unknown>> }
  | { kind: 'record'; record: Record<string, unknown> }
  | { kind: 'list'; items: unknown[] }
  | { kind: 'scalar' };

function firstLeaf(value: unknown): unknown {
  let v = value;
  while (Array.isArray(v)) v = v.find((x) => !isMissing(x));
  return v;
}

/** Keys that mark an LLM request (`messages`, `prompt`, `input`; MLflow's `SUPPORTED_LLM_FORMATS`). */
export const LLM_KEYS: readonly string[] = ['messages', 'prompt', 'input'];

/**
 * Sorts data into one of MLflow's input layouts. An object whose values are all arrays of one
 * length is a column object (unless it has an LLM key, see {@link LLM_KEYS}); an array whose
 * first value is a number, boolean or typed array is a tensor; an array of plain objects is
 * records; other arrays are one unnamed column.
 */
export function classifyData(data: unknown): DataLayout {
  if (isTensorLike(data) || isTypedArray(data)) return { kind: 'tensor' };
  if (Array.isArray(data)) {
    if (data.length > 0 && data.every(isPlainObject)) return { kind: 'records', rows: data };
    const leaf = firstLeaf(data);
    if (typeof leaf === 'number' || typeof leaf === 'bigint' || typeof leaf === 'boolean' || isTypedArray(leaf)) return { kind: 'tensor' };
    return { kind: 'list', items: data };
  }
  if (isPlainObject(data)) {
    const values = Object.values(data);
    if (values.length > 0 && values.every(isTensorLike)) return { kind: 'tensors', tensors: data as Record<string, TensorLike> };
    // NB: chat, completions and embeddings payloads are single records, as MLflow treats them.
    if (LLM_KEYS.some((k) => k in data)) return { kind: 'record', record: data };
    const lengths = new Set(values.map((v) => (Array.isArray(v) || isTypedArray(v) ? v.length : -1)));
    if (values.length > 0 && lengths.size === 1 && !lengths.has(-1)) {
      return { kind: 'columns', columns: data as Record<string, ArrayLike<unknown>> };
    }
    return { kind: 'record', record: data };
  }
  return { kind: 'scalar' };
}

function inferTensorSpec(data: unknown, name?: string): TensorSpec {
  const { shape, dtype } = tensorInfo(data);
  if (shape.length === 0) throw new ValidationError(`Cannot infer a tensor spec from a scalar tensor${name ? ` '${name}'` : ''}; it needs a batch dimension.`);
  return { ...(name === undefined ? {} : { name }), dtype, shape: [-1, ...shape.slice(1)] };
}

// ---------------------------------------------------------------------------------------------
// Column types
// ---------------------------------------------------------------------------------------------

/** The column type of one non-missing value (`_infer_datatype`); missing values are `'any'`. */
export function inferValueType(value: unknown): ColType {
  if (isMissing(value)) return typeof value === 'number' ? 'double' : 'any';
  switch (typeof value) {
    // NB: JavaScript has no integer type: a number is a double, whole or not (see dtypes.ts).
    case 'number': return 'double';
    case 'bigint': return 'long';
    case 'boolean': return 'boolean';
    case 'string': return 'string';
    default: break;
  }
  if (types.isDate(value)) {
    if (Number.isNaN(value.getTime())) throw new ValidationError('Cannot infer a type from an Invalid Date.');
    return 'datetime';
  }
  if (types.isUint8Array(value)) return 'binary';
  if (isTypedArray(value)) return value.length === 0 ? 'any' : { type: 'array', items: numpyToDataType(typedArrayDtype(value)) };
  if (Array.isArray(value)) {
    if (value.length === 0) return 'any';
    return { type: 'array', items: value.map(inferValueType).reduce((a, b) => mergeTypes(a, b)) };
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return 'any';
    const properties: ObjectType['properties'] = {};
    for (const [k, v] of entries) {
      const type = inferValueType(v);
      setOwn(properties, k, { type, required: type !== 'any' && !isMissing(v) });
    }
    return { type: 'object', properties };
  }
  throw new ValidationError(`Cannot infer an MLflow type for ${describeValue(value)}; use numbers, strings, booleans, Dates, Buffers, arrays or plain objects.`);
}

function optionalObject(type: ColType): ColType {
  if (typeof type !== 'object' || type.type !== 'object') return type;
  const properties: ObjectType['properties'] = {};
  for (const [k, p] of Object.entries(type.properties)) setOwn(properties, k, { type: p.type, required: false });
  return { type: 'object', properties };
}

/** Merges the types of two values of one column (`BaseType._merge`); JS numbers widen long → double. */
export function mergeTypes(a: ColType, b: ColType): ColType {
  if (a === 'any') return optionalObject(b);
  if (b === 'any') return optionalObject(a);
  if (typeof a === 'string' || typeof b === 'string') {
    if (a === b) return a;
    if ((a === 'long' && b === 'double') || (a === 'double' && b === 'long')) return 'double';
    throw new ValidationError(`Expected all values to have one type, got ${colTypeName(a)} and ${colTypeName(b)}.`);
  }
  if (a.type === 'array' && b.type === 'array') return { type: 'array', items: mergeTypes(a.items, b.items) };
  if (a.type === 'map' && b.type === 'map') return { type: 'map', values: mergeTypes(a.values, b.values) };
  if (a.type === 'object' && b.type === 'object') {
    const properties: ObjectType['properties'] = {};
    for (const k of new Set([...Object.keys(a.properties), ...Object.keys(b.properties)])) {
      const pa = Object.hasOwn(a.properties, k) ? a.properties[k] : undefined;
      const pb = Object.hasOwn(b.properties, k) ? b.properties[k] : undefined;
      setOwn(properties, k, pa && pb
        ? { type: mergeTypes(pa.type, pb.type), required: pa.required && pb.required }
        : { type: (pa ?? pb)!.type, required: false });
    }
    return { type: 'object', properties };
  }
  throw new ValidationError(`Expected all values to have one type, got ${colTypeName(a)} and ${colTypeName(b)}.`);
}

function inferColumn(values: ArrayLike<unknown>, name: string): ColSpec {
  if (isTypedArray(values)) {
    const type = numpyToDataType(typedArrayDtype(values));
    const required = !(types.isFloat32Array(values) || types.isFloat64Array(values)) || !values.some(Number.isNaN);
    return { type, name, required };
  }
  let type: ColType | undefined;
  let required = true;
  wrapColumnError(name, () => {
    for (const v of Array.from(values)) {
      if (isMissing(v)) required = false;
      const t = inferValueType(v);
      type = type === undefined ? t : mergeTypes(type, t);
    }
  });
  return { type: type ?? 'any', name, required: required && type !== undefined && type !== 'any' };
}

/**
 * Infers an MLflow schema from example data:
 * - records (`[{a: 1, b: 'x'}, …]`), a column object (`{a: [1, 2], b: ['x', 'y']}`) or a single
 *   record → named column specs; a column missing or null in some row is optional;
 * - a typed array, numeric/boolean nested arrays or a tfjs tensor → one tensor spec with the batch
 *   dimension `-1`; an object of tensors → named tensor specs;
 * - a list of strings (or other non-numeric values), or a scalar → one unnamed column.
 *
 * Throws a {@link ValidationError} naming the column or row when the data has no consistent type.
 */
export function inferSchema(data: unknown): Schema {
  if (data === undefined || data === null) throw new ValidationError('Cannot infer a schema from null or undefined.');
  const layout = classifyData(data);
  let schema: Schema;
  switch (layout.kind) {
    case 'tensor':
      schema = [inferTensorSpec(data)];
      break;
    case 'tensors':
      schema = Object.entries(layout.tensors).map(([name, t]) => inferTensorSpec(t, name));
      break;
    case 'records': {
      const names = [...new Set(layout.rows.flatMap((row) => Object.keys(row)))];
      schema = names.map((name) => inferColumn(layout.rows.map((r) => r[name]), name));
      break;
    }
    case 'columns':
      schema = Object.entries(layout.columns).map(([name, values]) => inferColumn(values, name));
      break;
    case 'record':
      if (Object.keys(layout.record).length === 0) throw new ValidationError('Cannot infer a schema from an empty object.');
      schema = Object.entries(layout.record).map(([name, value]): ColSpec => {
        const type = wrapColumnError(name, () => inferValueType(value));
        // NB: like `_infer_required`, a list with a missing item makes its column optional.
        const required = !isMissing(value) && !(Array.isArray(value) && value.some(isMissing));
        return { type, name, required };
      });
      break;
    case 'list':
      // NB: MLflow infers an empty list as one string column, for compatibility with < 2.9.
      schema = [{ type: layout.items.length === 0 ? 'string' : unwrapArray(inferValueType(layout.items)), required: true }];
      break;
    case 'scalar':
      schema = [{ type: inferValueType(data), required: true }];
      break;
  }
  assertValidSchema(schema);
  return schema;
}

function wrapColumnError<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new ValidationError(`Cannot infer the type of column '${name}': ${(error as Error).message}`, { cause: error });
  }
}

function unwrapArray(type: ColType): ColType {
  return typeof type === 'object' && type.type === 'array' ? type.items : type;
}

// ---------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------

function scalarParamType(value: unknown): DataType {
  if (types.isDate(value) && !Number.isNaN(value.getTime())) return 'datetime';
  switch (typeof value) {
    case 'boolean': return 'boolean';
    case 'number': return 'double';
    case 'bigint': return 'long';
    case 'string': return 'string';
    default: throw new ValidationError(`expected a scalar, a 1-D list or an object, got ${describeValue(value)}`);
  }
}

function inferParam(name: string, value: unknown): ParamSpec {
  if (Array.isArray(value) || isTypedArray(value)) {
    const items: unknown[] = Array.from(value as ArrayLike<unknown>);
    if (items.some((v) => Array.isArray(v) || isTypedArray(v))) throw new ValidationError('expected a scalar or a 1-D list, got a nested list');
    if (isTypedArray(value)) return { name, type: numpyToDataType(typedArrayDtype(value)), default: items as ParamValue[], shape: [-1] };
    // NB: numpy's `all([])` makes MLflow infer an empty list as datetime; we do the same.
    let type: DataType = items.every((v) => types.isDate(v)) ? 'datetime' : scalarParamType(items[0]);
    for (const item of items) {
      const t = scalarParamType(item);
      if (t === type) continue;
      if ((t === 'long' && type === 'double') || (t === 'double' && type === 'long')) type = 'double';
      else throw new ValidationError(`expected list items of one type, got ${type} and ${t}`);
    }
    return { name, type, default: items as ParamValue[], shape: [-1] };
  }
  if (isPlainObject(value)) {
    const type = inferValueType(value);
    if (typeof type !== 'object' || type.type !== 'object') throw new ValidationError('an object param needs at least one key');
    return { name, type, default: value as ParamValue, shape: null };
  }
  return { name, type: scalarParamType(value), default: value as ParamValue, shape: null };
}

/**
 * Infers a params schema from example inference params (`_infer_param_schema`): numbers are
 * `long` or `double`, strings `string`, booleans `boolean`, Dates `datetime`, 1-D lists get
 * shape `[-1]`, plain objects an object type; the values become the defaults.
 */
export function inferParamSchema(params: Record<string, unknown>): ParamSchema {
  if (!isPlainObject(params)) throw new ValidationError(`Expected params to be a plain object, got ${describeValue(params)}.`);
  const specs: ParamSpec[] = [];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    try {
      specs.push(inferParam(name, value));
    } catch (error) {
      problems.push(`'${name}': ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ValidationError(`Cannot infer a schema for params: ${problems.join('; ')}.`);
  return specs;
}

/**
 * Infers a model signature from example input, output and inference params, as MLflow's
 * `infer_signature` does. Parts left undefined are absent from the signature.
 */
export function inferSignature(input?: unknown, output?: unknown, params?: Record<string, unknown>): ModelSignature {
  const signature: ModelSignature = {};
  if (input !== undefined) signature.inputs = inferSchema(input);
  if (output !== undefined) signature.outputs = inferSchema(output);
  if (params !== undefined && Object.keys(params).length > 0) signature.params = inferParamSchema(params);
  if (!signature.inputs && !signature.outputs && !signature.params) {
    throw new ValidationError('inferSignature needs an input, an output or params.');
  }
  return signature;
}
