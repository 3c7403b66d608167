/**
 * What the scoring server answers: predictions as MLflow's `predictions_to_json` writes them
 * (`{"predictions": …}`, or the bare predictions for an LLM payload), made JSON the way MLflow's
 * `NumpyEncoder` makes numpy values JSON: typed arrays and tensors as nested lists, bytes as
 * base64 (`base64.encodebytes`, newline every 76 characters), dates as ISO strings, big integers
 * as numbers. NaN and ±Infinity become null (JSON has no spelling for them; Python writes a bare
 * `NaN` that JavaScript clients cannot read).
 */
import { isTensorLike, isTypedArray } from '../models/infer-signature';
import { pyEncodeBytes, pyIsoformat } from '../models/py-json';
import type { ScoringError } from './errors';

/** One answer: status, content type and body. */
export interface ScoringResponse {
  status: number;
  contentType: string;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json';

function jsonable(this: unknown, key: string, value: unknown): unknown {
  // NB: JSON.stringify has called toJSON already (a Buffer is {type, data} by now): look at the holder's value.
  const raw = (this as Record<string, unknown>)[key];
  if (typeof value === 'bigint') return Number(value);
  if (raw instanceof Uint8Array) return pyEncodeBytes(raw);
  if (raw instanceof Date) return pyIsoformat(raw);
  if (isTypedArray(value)) return Array.from(value as ArrayLike<unknown>);
  if (isTensorLike(value)) return value.arraySync();
  return value;
}

/** Predictions as JSON text: `{"predictions": …}`, or bare when `unwrapped`. */
export function predictionsJson(predictions: unknown, unwrapped = false): string {
  return JSON.stringify(unwrapped ? predictions : { predictions }, jsonable) ?? 'null';
}

/** A successful scoring answer. */
export function predictionsResponse(predictions: unknown, unwrapped = false): ScoringResponse {
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: predictionsJson(predictions, unwrapped) };
}

/** An error answer: MLflow's error JSON with the error's status. */
export function errorResponse(error: ScoringError): ScoringResponse {
  return { status: error.status, contentType: JSON_CONTENT_TYPE, body: error.toJson() };
}

/** `/ping` and `/health` when the model is loaded: 200 and a newline, as MLflow answers. */
export const PING_RESPONSE: ScoringResponse = { status: 200, contentType: JSON_CONTENT_TYPE, body: '\n' };

/** Routes the server does not have, as FastAPI answers them (MLflow's server runs on FastAPI). */
export const NOT_FOUND_RESPONSE: ScoringResponse = { status: 404, contentType: JSON_CONTENT_TYPE, body: '{"detail":"Not Found"}' };
export const METHOD_NOT_ALLOWED_RESPONSE: ScoringResponse = { status: 405, contentType: JSON_CONTENT_TYPE, body: '{"detail":"Method Not Allowed"}' };
