/**
 * `fitDataset`'s first batch, for the logged model's signature and input example: copied as tfjs
 * reads it from the user's dataset, never read again (an iterator of our own would read batches,
 * and leave tensors, that tfjs never asked for). Small and free of the model format: it is loaded
 * with the instrumentation.
 */
import { warn } from '../../src/util/logger';

/** A tfjs tensor as far as reading it goes. */
type Tensorish = { shape: number[]; dtype: string; size: number; dataSync(): ArrayLike<unknown> };

/** A copy of the first batch `fitDataset` trained on, as `{ x, y }` (plain values: nothing to release). */
export interface FirstBatch {
  x: unknown;
  y: unknown;
}

function isTensorish(value: unknown): value is Tensorish {
  const t = value as Partial<Tensorish> | null;
  return t !== null && typeof t === 'object' && Array.isArray(t.shape) && typeof t.dtype === 'string' && typeof t.dataSync === 'function';
}

/** `values` (row-major) as nested arrays of `shape`. */
function nest(values: ArrayLike<unknown>, shape: readonly number[], at = 0): unknown[] {
  if (shape.length <= 1) return Array.from({ length: shape[0] ?? values.length }, (_, i) => values[at + i]);
  const [rows, ...inner] = shape;
  const stride = inner.reduce((a, b) => a * b, 1);
  return Array.from({ length: rows! }, (_, i) => nest(values, inner, at + i * stride));
}

/**
 * A tensor's values copied out of tfjs, with the reads the model logging makes of a tensor
 * (`shape`, `dtype`, `dataSync`, `arraySync`, `slice(...).arraySync()` of leading rows): not a tensor, so tfjs's
 * tensor count is what it is without the agent (tfjs's own tests check it in callbacks).
 */
function snapshot(tensor: Tensorish): unknown {
  const values = Array.from(tensor.dataSync());
  const shape = [...tensor.shape];
  const stride = shape.slice(1).reduce((a, b) => a * b, 1);
  return {
    shape,
    dtype: tensor.dtype,
    size: tensor.size,
    dataSync: () => values,
    arraySync: () => nest(values, shape),
    slice: (begin: number[], size: number[]) => {
      const rows = size[0] ?? shape[0]!;
      const part = values.slice(begin[0]! * stride, (begin[0]! + rows) * stride);
      return { arraySync: () => nest(part, [rows, ...shape.slice(1)]), dispose: () => undefined };
    },
  };
}

/** A batch part (a tensor, an array of tensors, or a dict of them) with each tensor copied out. */
function copyOf(part: unknown): unknown {
  if (isTensorish(part)) return snapshot(part);
  if (Array.isArray(part)) return part.map((t) => (isTensorish(t) ? snapshot(t) : t));
  if (part && typeof part === 'object') return Object.fromEntries(Object.entries(part).map(([k, t]) => [k, isTensorish(t) ? snapshot(t) : t]));
  return part;
}

/** The batch as `{ x, y }` copied (its elements are `{xs, ys}` or `[xs, ys]`), or undefined when it gives nothing usable. */
function copyBatch(result: unknown): FirstBatch | undefined {
  const { value, done } = (result ?? {}) as { value?: unknown; done?: boolean };
  if (done || value === null || typeof value !== 'object') return undefined;
  const [xs, ys] = Array.isArray(value) ? value : [(value as { xs?: unknown }).xs, (value as { ys?: unknown }).ys];
  if (xs === undefined) return undefined;
  return { x: copyOf(xs), y: copyOf(ys) };
}

/**
 * The `fitDataset` dataset to hand tfjs instead of `dataset`: the same dataset, whose first
 * iterator's first batch is copied as tfjs reads it. Nothing else changes: tfjs reads the same
 * batches in the same order, and no batch is read that tfjs did not ask for. `first()` is the copy
 * (plain values), undefined when the dataset gave none.
 */
export function watchFirstBatch(dataset: unknown): { dataset: unknown; first(): FirstBatch | undefined } {
  const source = dataset as { iterator?: (...args: unknown[]) => Promise<object> } | null;
  if (source === null || typeof source !== 'object' || typeof source.iterator !== 'function') return { dataset, first: () => undefined };
  let copied: FirstBatch | undefined;
  let seen = false;
  const iterating = (iterator: object) =>
    new Proxy(iterator, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key !== 'next' || seen || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          const result = (await value.apply(target, args)) as unknown;
          if (!seen) {
            seen = true;
            try {
              copied = copyBatch(result);
            } catch (error) {
              warn('could not copy the first batch of the dataset for the signature and input example; the model is logged without them', error);
            }
          }
          return result;
        };
      },
    });
  const watched = new Proxy(source, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key !== 'iterator' || seen || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => iterating((await value.apply(target, args)) as object);
    },
  });
  return { dataset: watched, first: () => copied };
}
