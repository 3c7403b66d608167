/**
 * JavaScript's data as numpy sees it, for signatures and their enforcement: typed arrays and
 * tfjs tensors keep their dtype, and a plain JavaScript `number` is a double (JavaScript has no
 * integer type), so nested number arrays are float64 tensors and only BigInts are int64.
 */
import { types } from 'node:util';
import { ValidationError } from '../errors';
import { type DataType, type NumpyDtype, describeValue } from './signature';

/** A tfjs tensor, duck-typed so that tfjs is never imported. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  arraySync(): unknown;
}

/** Any of JavaScript's typed arrays. */
export type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** True for an object that looks like a tfjs tensor (`shape`, `dtype`, `arraySync()`). */
export function isTensorLike(value: unknown): value is TensorLike {
  if (value === null || typeof value !== 'object') return false;
  const t = value as Partial<Record<keyof TensorLike, unknown>>;
  return Array.isArray(t.shape) && t.shape.every((d) => typeof d === 'number') && typeof t.dtype === 'string' && typeof t.arraySync === 'function';
}

/** True for typed arrays (not `DataView`); a `Buffer` is one too. Of any realm (a jest test file's). */
export function isTypedArray(value: unknown): value is TypedArray {
  return types.isTypedArray(value);
}

/**
 * `%TypedArray%.prototype[Symbol.toStringTag]`: a typed array's kind from its internal slot, so
 * for typed arrays of any realm too, where `instanceof Float32Array` is false.
 */
const typedArrayKind = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)!.get! as (this: unknown) => string | undefined;

const TYPED_ARRAY_DTYPES: Record<string, NumpyDtype> = {
  Int8Array: 'int8', Uint8Array: 'uint8', Uint8ClampedArray: 'uint8', Int16Array: 'int16', Uint16Array: 'uint16',
  Int32Array: 'int32', Uint32Array: 'uint32', Float32Array: 'float32', Float64Array: 'float64',
  BigInt64Array: 'int64', BigUint64Array: 'uint64',
};

/** The numpy dtype of a typed array's elements (a `Buffer` is uint8). */
export function typedArrayDtype(array: TypedArray): NumpyDtype {
  const kind = typedArrayKind.call(array);
  const dtype = kind === undefined ? undefined : TYPED_ARRAY_DTYPES[kind];
  if (dtype === undefined) throw new ValidationError(`Unsupported typed array ${array.constructor.name}.`);
  return dtype;
}

/** The numpy dtype MLflow would see for a tfjs dtype (`string` tensors hold Python objects). */
export function tfjsDtypeToNumpy(dtype: string): NumpyDtype {
  const map: Record<string, NumpyDtype> = { float32: 'float32', int32: 'int32', bool: 'bool', string: 'object', complex64: 'complex64' };
  const out = map[dtype];
  if (out === undefined) throw new ValidationError(`Unknown tfjs dtype '${dtype}'; expected float32, int32, bool, string or complex64.`);
  return out;
}

/** The column type numpy's dtype maps to (`_infer_numpy_dtype`). */
export function numpyToDataType(dtype: NumpyDtype): DataType {
  const map: Record<string, DataType> = {
    bool: 'boolean', int8: 'integer', int16: 'integer', int32: 'integer', uint8: 'integer', uint16: 'integer',
    uint32: 'long', int64: 'long', float16: 'float', float32: 'float', float64: 'double', str: 'string', bytes: 'binary',
  };
  const out = map[dtype];
  if (out === undefined) throw new ValidationError(`Numpy dtype '${dtype}' has no MLflow column type.`);
  return out;
}

/** Null, undefined and NaN are missing values (`_is_none_or_nan`). */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/**
 * The actual shape and dtype of tensor data (tensor-like, typed array, or nested arrays): a typed
 * array or tensor keeps its dtype; nested arrays of JS numbers (whole or not, or missing) are
 * float64, of BigInts int64, of booleans bool, of strings str.
 */
export function tensorInfo(data: unknown): { shape: number[]; dtype: NumpyDtype } {
  const { shape, dtype } = tensorLayout(data);
  return { shape, dtype };
}

/**
 * {@link tensorInfo}, and whether the data is `plain`: nested arrays of JavaScript values, whose
 * dtype says nothing of each value's range (a tensor, a typed array or rows of typed arrays do).
 * One pass over the values; the recursion goes no deeper than the first row's nesting (any row
 * deeper than the rows before it is ragged at once).
 */
export function tensorLayout(data: unknown): { shape: number[]; dtype: NumpyDtype; plain: boolean } {
  if (isTensorLike(data)) return { shape: [...data.shape], dtype: tfjsDtypeToNumpy(data.dtype), plain: false };
  if (isTypedArray(data)) return { shape: [data.length], dtype: typedArrayDtype(data), plain: false };
  if (!Array.isArray(data)) throw new ValidationError(`Expected tensor data (a typed array, nested number arrays or a tensor), got ${describeValue(data)}.`);
  const shape: number[] = [];
  const leafKinds = new Set<string>();
  let typed = false;
  let leafDepth: number | undefined;
  // NB: the indices of the row being walked; a row's path (`[1][0]`) is spelled only for an error.
  const at: number[] = [];
  const ragged = (what: string): never => {
    throw new ValidationError(`Ragged nested array: row ${at.map((i) => `[${i}]`).join('')} ${what}; every row must have the same shape.`);
  };
  const walk = (value: unknown, depth: number): void => {
    if (Array.isArray(value) || isTypedArray(value)) {
      if (leafDepth !== undefined && depth >= leafDepth) ragged('is a list where the rows before it hold values');
      if (shape.length === depth) shape.push(value.length);
      else if (shape[depth] !== value.length) ragged(`has ${value.length} item${value.length === 1 ? '' : 's'} where the rows before it have ${shape[depth]}`);
      if (isTypedArray(value)) {
        leafKinds.add(typedArrayDtype(value));
        typed = true;
        if (leafDepth !== undefined && leafDepth !== depth + 1) ragged('nests to a different depth than the rows before it');
        leafDepth = depth + 1;
        return;
      }
      let numbers = false;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // NB: the common case, a number where values were, is checked here without a call.
        if (typeof item === 'number' && leafDepth === depth + 1) {
          numbers = true;
          continue;
        }
        at.push(i);
        walk(item, depth + 1);
        at.pop();
      }
      if (numbers) leafKinds.add('number');
      return;
    }
    if (shape.length > depth || (leafDepth !== undefined && leafDepth !== depth)) ragged('is a value where the rows before it hold lists');
    leafDepth = depth;
    if (typeof value === 'number' || isMissing(value)) leafKinds.add('number');
    else if (typeof value === 'bigint') leafKinds.add('bigint');
    else if (typeof value === 'boolean') leafKinds.add('bool');
    else if (typeof value === 'string') leafKinds.add('str');
    else throw new ValidationError(`Cannot use ${describeValue(value)} at ${at.map((i) => `[${i}]`).join('')} in a tensor; expected numbers, booleans or strings.`);
  };
  walk(data, 0);
  // NB: numbers and BigInts mix as numpy mixes floats and ints: into float64.
  if (leafKinds.has('number') && leafKinds.has('bigint')) leafKinds.delete('bigint');
  if (leafKinds.size > 1) throw new ValidationError(`A tensor holds values of one kind; got ${[...leafKinds].join(' and ')}.`);
  const kind = [...leafKinds][0] ?? 'number';
  // NB: a JS number is a double whether or not it is whole (1 and 1.0 are one value), so numbers
  // are float64 as a Python list of floats is; only BigInts are int64.
  const dtype: NumpyDtype = kind === 'number' ? 'float64' : kind === 'bigint' ? 'int64' : kind;
  return { shape, dtype, plain: !typed };
}
