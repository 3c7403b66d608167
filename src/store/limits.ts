/**
 * MLflow's per-request limits and value rules, and the splitting of queued data into `log-batch`
 * requests that a server accepts (`mlflow/utils/validation.py`).
 */
import { ValidationError } from '../errors';
import { warn } from '../util/logger';
import type { LogBatch, Metric, Param, Tag } from './types';

export const LIMITS = {
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  /** The server refuses bodies over 1,000,000 bytes; leave room for the envelope. */
  bytesPerBatch: 1_000_000 - 10_000,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
} as const;

// NB: the server's key rule, `^[/\w.\- :]*$`, plus its path checks (no `..`, no leading `/`).
const KEY_PATTERN = /^[/\w.\- :]*$/u;

/** Throws a {@link ValidationError} naming the key and the rule it breaks. */
export function validateKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new ValidationError(`A ${kind} key must be a non-empty string; got ${JSON.stringify(key)}.`);
  }
  if (key.length > LIMITS.keyLength) {
    throw new ValidationError(
      `The ${kind} key "${key.slice(0, 40)}…" is ${key.length} characters long; MLflow accepts at most ${LIMITS.keyLength}.`,
    );
  }
  if (!KEY_PATTERN.test(key) || key.startsWith('/') || key.split('/').includes('..') || key.includes('//')) {
    throw new ValidationError(
      `The ${kind} key "${key}" is not valid: use letters, digits, '_', '-', '.', ' ', ':' and '/' (not leading, no '..').`,
    );
  }
}

/** Truncates an over-long value with a warning, as MLflow does with MLFLOW_TRUNCATE_LONG_VALUES. */
export function truncateValue(kind: 'param' | 'tag', key: string, value: string): string {
  const max = kind === 'param' ? LIMITS.paramValueLength : LIMITS.tagValueLength;
  if (value.length <= max) return value;
  warn(`the value of ${kind} "${key}" is ${value.length} characters long; truncated to ${max} as MLflow does`);
  return value.slice(0, max);
}

/** Bytes one entity adds to a JSON request body (an upper estimate; UTF-8, with punctuation). */
function sizeOf(entity: Metric | Param | Tag): number {
  let size = 64 + Buffer.byteLength(entity.key);
  if ('value' in entity && typeof entity.value === 'string') size += Buffer.byteLength(entity.value) * 2;
  if ('modelId' in entity && entity.modelId) size += entity.modelId.length + 16;
  if ('datasetName' in entity && entity.datasetName) size += Buffer.byteLength(entity.datasetName) + 20;
  if ('datasetDigest' in entity && entity.datasetDigest) size += entity.datasetDigest.length + 20;
  return size;
}

/**
 * Splits data into batches within {@link LIMITS}. Params and tags go first so that a batch never
 * holds metrics logged after a tag it leaves for later; metrics keep their order.
 */
export function splitIntoBatches(data: LogBatch): LogBatch[] {
  const batches: LogBatch[] = [];
  let current: LogBatch = { metrics: [], params: [], tags: [] };
  let bytes = 0;
  const flush = () => {
    if (current.metrics.length + current.params.length + current.tags.length > 0) batches.push(current);
    current = { metrics: [], params: [], tags: [] };
    bytes = 0;
  };
  const add = <K extends keyof LogBatch>(kind: K, entity: LogBatch[K][number], max: number) => {
    const size = sizeOf(entity);
    const count = current.metrics.length + current.params.length + current.tags.length;
    if (current[kind].length >= max || count >= LIMITS.entitiesPerBatch || bytes + size > LIMITS.bytesPerBatch) {
      flush();
    }
    (current[kind] as LogBatch[K][number][]).push(entity);
    bytes += size;
  };
  // NB: a batch may not hold the same param key twice; a repeat goes to the next batch, where the
  // server accepts an identical value and rejects a different one, as it would for two calls.
  for (const param of data.params) {
    if (current.params.some((p) => p.key === param.key)) flush();
    add('params', param, LIMITS.paramsPerBatch);
  }
  for (const tag of data.tags) add('tags', tag, LIMITS.tagsPerBatch);
  for (const metric of data.metrics) add('metrics', metric, LIMITS.metricsPerBatch);
  flush();
  return batches;
}
