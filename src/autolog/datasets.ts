/**
 * Dataset inputs as MLflow's autologging logs them for array data (`mlflow.data.from_numpy` with
 * a `CodeDatasetSource`, mlflow-compat 4.6): name, digest (md5 hex[:8]), source type `code`,
 * a tensor-spec schema and a shape profile, tagged with the context `train` or `eval`.
 */
import { createHash } from 'node:crypto';
import { types } from 'node:util';
import type { DatasetInput } from '../store/types';
import { systemTags } from '../tracking/system-tags';

/** At most this many leading elements of each array go into the digest (MLflow's MAX_ROWS). */
export const DIGEST_MAX_ELEMENTS = 10_000;

/** One array of a dataset, described without depending on any tensor library. */
export interface ArrayData {
  /** The input's name, for multi-input data. */
  name?: string;
  shape: number[];
  /** A numpy dtype name: `float32`, `int32`, `bool`, `object`, … */
  dtype: string;
  /** Bytes per element (for the profile's nbytes). */
  itemSize: number;
  /** Raw bytes of the first (at most {@link DIGEST_MAX_ELEMENTS}) flattened elements. */
  head: Uint8Array;
}

/**
 * Plain numbers, or rows of numbers of one length (arrays or typed arrays), as a float64 array of
 * shape `[n]` or `[n, width]`; undefined for anything else (empty, ragged, not numbers).
 */
export function float64ArrayData(values: readonly unknown[]): ArrayData | undefined {
  if (values.length === 0) return undefined;
  const asArray = (v: unknown) => (types.isTypedArray(v) ? Array.from(v as unknown as ArrayLike<unknown>) : v);
  const first = asArray(values[0]);
  const width = Array.isArray(first) ? first.length : undefined;
  const head: number[] = [];
  for (const value of values) {
    const row = asArray(value);
    const items = width === undefined ? [row] : Array.isArray(row) && row.length === width ? row : undefined;
    if (!items?.every((v) => typeof v === 'number')) return undefined;
    if (head.length < DIGEST_MAX_ELEMENTS) head.push(...(items as number[]).slice(0, DIGEST_MAX_ELEMENTS - head.length));
  }
  const shape = width === undefined ? [values.length] : [values.length, width];
  return { shape, dtype: 'float64', itemSize: 8, head: new Uint8Array(new Float64Array(head).buffer) };
}

/** The context tag MLflow puts on a dataset input. */
export const TAG_DATASET_CONTEXT = 'mlflow.data.context';

function size(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** md5 over each array's leading bytes and its full shape (as int64), hex, first 8 characters. */
export function arrayDigest(arrays: ArrayData[]): string {
  const md5 = createHash('md5');
  for (const array of arrays) {
    md5.update(array.head);
    const dims = Buffer.alloc(8 * array.shape.length);
    array.shape.forEach((d, i) => dims.writeBigInt64LE(BigInt(d), i * 8));
    md5.update(dims);
  }
  return md5.digest('hex').slice(0, 8);
}

/** MLflow's Schema JSON of tensor specs, with the batch dimension as -1. */
export function tensorSchemaJson(arrays: ArrayData[]): string {
  return JSON.stringify(
    arrays.map((a) => ({
      ...(a.name !== undefined ? { name: a.name } : {}),
      type: 'tensor',
      'tensor-spec': { dtype: a.dtype, shape: [-1, ...a.shape.slice(1)] },
    })),
  );
}

function profileOf(prefix: string, arrays: ArrayData[]): Record<string, unknown> {
  if (arrays.length === 1) {
    const [a] = arrays as [ArrayData];
    return { [`${prefix}_shape`]: a.shape, [`${prefix}_size`]: size(a.shape), [`${prefix}_nbytes`]: size(a.shape) * a.itemSize };
  }
  const key = (a: ArrayData, i: number) => a.name ?? String(i);
  return {
    [`${prefix}_shape`]: Object.fromEntries(arrays.map((a, i) => [key(a, i), a.shape])),
    [`${prefix}_size`]: Object.fromEntries(arrays.map((a, i) => [key(a, i), size(a.shape)])),
    [`${prefix}_nbytes`]: Object.fromEntries(arrays.map((a, i) => [key(a, i), size(a.shape) * a.itemSize])),
  };
}

/** The `source` of a `CodeDatasetSource`: the run context's tags. */
export function codeSource(): string {
  return JSON.stringify({ tags: systemTags() });
}

/** A numpy-style dataset input of `features` (and `targets`) with the given context. */
export function arrayDatasetInput(options: {
  features: ArrayData[];
  targets?: ArrayData[];
  context: 'train' | 'eval';
  name?: string;
}): DatasetInput {
  const { features, targets = [], context } = options;
  const schema: Record<string, string> = { features: tensorSchemaJson(features) };
  if (targets.length) schema.targets = tensorSchemaJson(targets);
  const profile = { ...profileOf('features', features), ...(targets.length ? profileOf('targets', targets) : {}) };
  return {
    dataset: {
      name: options.name ?? 'dataset',
      digest: arrayDigest([...features, ...targets]),
      sourceType: 'code',
      source: codeSource(),
      schema: JSON.stringify({ mlflow_tensorspec: schema }),
      profile: JSON.stringify(profile),
    },
    tags: [{ key: TAG_DATASET_CONTEXT, value: context }],
  };
}
