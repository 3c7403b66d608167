/**
 * What the trained model is logged with, from inside the training call's boundary: a signature
 * inferred from the first training rows and the model's predictions on them, and those rows as
 * the input example when asked. Synchronous: the session journals the `mljs` model as training
 * returns.
 */
import type { Predictor } from '../../src/models/flavor';
import { inferSignature } from '../../src/models/infer-signature';
import { ModelSpec } from '../../src/models/mlmodel';
import type { ModelSignature } from '../../src/models/signature';
import { mljsModel, type MljsModel, type MljsSaveOptions } from './flavor';
import type { KMeansOptions } from './internal-types';

/** What {@link mljsModelOptions} needs to know of the training call. */
export interface MljsModelLogContext {
  /** The first training rows as plain arrays (or records), if any. */
  example: unknown[] | undefined;
  logModelSignatures: boolean;
  logInputExamples: boolean;
  registeredModelName?: string;
  /** For a k-means result: the options `kmeans` was called with, and K. */
  kmeansOptions?: KMeansOptions & { K?: number };
}

/** The model's signature from example rows and its predictions on them (the mljs predictor is synchronous). */
export function exampleSignature(model: MljsModel, example: unknown[]): ModelSignature {
  const predictor = mljsModel.flavor.predictor(model, new ModelSpec(), '') as Predictor;
  return inferSignature(example, predictor.predict(example));
}

/** The options to log `model` with as the run's `model`: a signature from the example rows and their predictions. */
export function mljsModelOptions(model: MljsModel, context: MljsModelLogContext): MljsSaveOptions & { signature: ModelSignature | false; inputExample?: unknown; registeredModelName?: string; name: string } {
  const signature = context.logModelSignatures && context.example ? exampleSignature(model, context.example) : false;
  return {
    name: 'model',
    signature,
    kmeansOptions: context.kmeansOptions ?? {},
    ...(context.logInputExamples && context.example ? { inputExample: context.example } : {}),
    ...(context.registeredModelName ? { registeredModelName: context.registeredModelName } : {}),
  };
}
