/**
 * What the trained model is logged with, from inside the training call's boundary: training rows
 * the model accepts as its input example, and a signature inferred from them and the model's
 * predictions on them. Synchronous: the session journals the `mljs` model as training returns.
 *
 * A library may refuse rows it was trained on (ml-naivebayes' GaussianNB refuses exactly as many
 * rows as it has features + 1; PCA built from a covariance matrix cannot project at all), so row
 * sets are tried in turn (see `exampleCandidates`). Whatever fails costs the signature or the
 * example, with one warning, never the model.
 */
import type { Predictor } from '../../src/models/flavor';
import { inferSchema, inferSignature } from '../../src/models/infer-signature';
import { ModelSpec } from '../../src/models/mlmodel';
import type { ModelSignature } from '../../src/models/signature';
import { warn } from '../../src/util/logger';
import { mljsModel, type MljsModel, type MljsSaveOptions } from './flavor';
import type { KMeansOptions } from './internal-types';

/** What {@link mljsModelOptions} needs to know of the training call. */
export interface MljsModelLogContext {
  /** Sets of training rows (plain arrays or records) to try as the example, best first; none without data. */
  candidates: unknown[][];
  logModelSignatures: boolean;
  logInputExamples: boolean;
  registeredModelName?: string;
  /** For a k-means result: the options `kmeans` was called with, and K. */
  kmeansOptions?: KMeansOptions & { K?: number };
}

/** The flavor's predictor (synchronous for ml.js models). */
function predictorOf(model: MljsModel): Predictor {
  return mljsModel.flavor.predictor(model, new ModelSpec(), '') as Predictor;
}

/** The signature and input example the model is logged with: each dropped, with one warning, when it cannot be had. */
export function modelInputs(model: MljsModel, context: Pick<MljsModelLogContext, 'candidates' | 'logModelSignatures' | 'logInputExamples'>): { signature: ModelSignature | false; inputExample?: unknown[] } {
  const { candidates, logModelSignatures, logInputExamples } = context;
  if ((!logModelSignatures && !logInputExamples) || candidates.length === 0) return { signature: false };
  let refusal: unknown;
  for (const rows of candidates) {
    let predictions: unknown;
    try {
      predictions = predictorOf(model).predict(rows);
    } catch (error) {
      refusal ??= error;
      continue;
    }
    let signature: ModelSignature | false = false;
    if (logModelSignatures) {
      try {
        signature = inferSignature(rows, predictions);
      } catch (error) {
        warn(`mljs: could not infer the model signature from ${rows.length} training row${rows.length === 1 ? '' : 's'} and the model's predictions on them; the model is logged without a signature`, error);
      }
    }
    return { signature, ...(logInputExamples ? { inputExample: rows } : {}) };
  }
  // NB: no rows were accepted: the input schema still holds (MLflow's fallback when predicting the example fails).
  let signature: ModelSignature | false = false;
  if (logModelSignatures) {
    try {
      signature = { inputs: inferSchema(candidates[0]) };
    } catch {
      // the model is logged without a signature, as the warning says
    }
  }
  const without = [logInputExamples ? 'without an input example' : '', logModelSignatures ? (signature ? 'with an input schema only' : 'without a signature') : ''].filter(Boolean).join(' and ');
  warn(`mljs: the trained model could not predict on any of the ${candidates.length} sets of its training rows tried (for its signature and input example), so it is logged ${without}; the model's error`, refusal);
  return { signature };
}

/** The options to log `model` with as the run's `model`: an example the model accepts, and a signature from it and its predictions. */
export function mljsModelOptions(model: MljsModel, context: MljsModelLogContext): MljsSaveOptions & { signature: ModelSignature | false; inputExample?: unknown; registeredModelName?: string; name: string } {
  const { signature, inputExample } = modelInputs(model, context);
  return {
    name: 'model',
    signature,
    kmeansOptions: context.kmeansOptions ?? {},
    ...(inputExample ? { inputExample } : {}),
    ...(context.registeredModelName ? { registeredModelName: context.registeredModelName } : {}),
  };
}
