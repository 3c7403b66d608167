/**
 * Logging the fitted model: the seam between autologging and the model format.
 *
 * {@link tfjsModelOptions} is called once per autologged training call, after training succeeded,
 * only when `logModels` is on, inside safePatch (a throw is the session's one warning, never the
 * user's); the session saves and logs the model in the background. `model` is the model the user called `fit`/`fitDataset` on (the outer `Sequential`),
 * already trained; `context.x` / `context.y` are the training inputs and targets of `fit` as the
 * user passed them, undefined for `fitDataset` (which then logs no signature or example).
 */
import type { ModelSignature } from '../../src/models/signature';
import { warn } from '../../src/util/logger';

/** What {@link tfjsModelOptions} needs to know of the training call. */
export interface TfjsModelLogContext {
  /** The training inputs of `fit` (undefined for `fitDataset`). */
  x?: unknown;
  /** The training targets of `fit` (undefined for `fitDataset`). */
  y?: unknown;
  logModelSignatures: boolean;
  logInputExamples: boolean;
  registeredModelName?: string;
}

/** The first `rows` rows of a tensor as nested arrays, or undefined when `x` is not one tensor. */
function firstRows(x: unknown, rows: number): unknown[] | undefined {
  const tensor = x as { shape?: number[]; slice?: (begin: number[], size: number[]) => { arraySync(): unknown[]; dispose(): void } };
  if (!Array.isArray(tensor?.shape) || typeof tensor.slice !== 'function') return undefined;
  const part = tensor.slice([0], [Math.min(rows, tensor.shape[0] ?? 0)]);
  try {
    return part.arraySync();
  } finally {
    part.dispose();
  }
}

/**
 * The options to log the trained model with (see the contract above): a signature from `x` and
 * `y` and the first 5 rows of `x` as input example, read now, while the tensors are alive.
 */
export function tfjsModelOptions(context: TfjsModelLogContext): { name: string; signature: ModelSignature | false; inputExample?: unknown[]; registeredModelName?: string } {
  // NB: loaded here: the model format is not needed until a model is logged.
  const { inferSignature } = require('../../src/models/infer-signature') as typeof import('../../src/models/infer-signature');
  const inputExample = context.logInputExamples ? firstRows(context.x, 5) : undefined;
  let signature: ModelSignature | false = false;
  if (context.logModelSignatures && context.x !== undefined) {
    try {
      signature = inferSignature(context.x, context.y);
    } catch (error) {
      warn('could not infer a signature from the training data; the model is logged without one', error);
    }
  }
  return {
    name: 'model',
    signature,
    ...(inputExample ? { inputExample } : {}),
    ...(context.registeredModelName ? { registeredModelName: context.registeredModelName } : {}),
  };
}

