/**
 * `fitDataset`'s first batch, for the logged model's signature and input example: copied as tfjs
 * reads it from the user's dataset, never read again (an iterator of our own would read batches,
 * and leave tensors, that tfjs never asked for). Small and free of the model format: it is loaded
 * with the instrumentation.
 */
import { warn } from '../../src/util/logger';

/** A tfjs tensor as far as copying and releasing it goes. */
type Tensorish = { clone?: () => Tensorish; dispose?: () => void };

/** A copy of the first batch `fitDataset` trained on, as `{ x, y }`, and the function that releases the copy. */
export interface FirstBatch {
  x: unknown;
  y: unknown;
  dispose(): void;
}

/** Every tensor of a batch part: a tensor, an array of tensors, or a dict of them. */
function tensorsOf(part: unknown): Tensorish[] {
  if (Array.isArray(part)) return part as Tensorish[];
  if (part && typeof part === 'object' && !('dispose' in part)) return Object.values(part) as Tensorish[];
  return part === undefined ? [] : [part as Tensorish];
}

/** A part with each tensor cloned (a clone shares the tensor's data; only its own handle is new). */
function cloneOf(part: unknown): unknown {
  if (Array.isArray(part)) return part.map((t: Tensorish) => t?.clone?.() ?? t);
  if (part && typeof part === 'object' && !('dispose' in part)) return Object.fromEntries(Object.entries(part).map(([k, t]) => [k, (t as Tensorish)?.clone?.() ?? t]));
  return (part as Tensorish | undefined)?.clone?.() ?? part;
}

/** The batch as `{ x, y }` copied (its elements are `{xs, ys}` or `[xs, ys]`), or undefined when it gives nothing usable. */
function copyBatch(result: unknown): FirstBatch | undefined {
  const { value, done } = (result ?? {}) as { value?: unknown; done?: boolean };
  if (done || value === null || typeof value !== 'object') return undefined;
  const [xs, ys] = Array.isArray(value) ? value : [(value as { xs?: unknown }).xs, (value as { ys?: unknown }).ys];
  if (xs === undefined) return undefined;
  const x = cloneOf(xs);
  const y = cloneOf(ys);
  return { x, y, dispose: () => [...tensorsOf(x), ...tensorsOf(y)].forEach((t) => t?.dispose?.()) };
}

/**
 * The `fitDataset` dataset to hand tfjs instead of `dataset`: the same dataset, whose first
 * iterator's first batch is copied as tfjs reads it. Nothing else changes: tfjs reads the same
 * batches in the same order, and no batch is read that tfjs did not ask for. `first()` is the copy
 * (the caller releases it), undefined when the dataset gave none.
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
