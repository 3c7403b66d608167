/**
 * Logging the trained model from inside the training call's boundary: the `mljs` flavor's
 * logged model, with a signature inferred from the first training rows and the model's
 * predictions on them, and those rows as the input example when asked.
 */
import { logModelWith } from '../../src/models/log-model';
import { inferSignature } from '../../src/models/infer-signature';
import { ModelSpec } from '../../src/models/mlmodel';
import type { ModelSignature } from '../../src/models/signature';
import { getClient } from '../../src/tracking/fluent';
import { mljsModel, type MljsModel, type MljsSaveOptions } from './flavor';
import type { KMeansOptions } from './internal-types';

/** What {@link logMljsModel} gets besides the model. */
export interface MljsModelLogContext {
  /** The run to log the model to. */
  runId: string;
  /** The first training rows as plain arrays (or records), if any. */
  example: unknown[] | undefined;
  logModelSignatures: boolean;
  logInputExamples: boolean;
  registeredModelName?: string;
  /** For a k-means result: the options `kmeans` was called with, and K. */
  kmeansOptions?: KMeansOptions & { K?: number };
}

/** The model's signature from example rows and its predictions on them (undefined if it cannot be inferred). */
export async function exampleSignature(model: MljsModel, example: unknown[]): Promise<ModelSignature> {
  const predictor = await mljsModel.flavor.predictor(model, new ModelSpec(), '');
  const output = await predictor.predict(example);
  return inferSignature(example, output);
}

/**
 * Logs `model` to the run as the `model` logged model.
 * NB: through `logModelWith`, not the flavor API's `logModel`: that one first calls `flush()`,
 * which waits for this very training call's background work, the work this upload is part of.
 */
export async function logMljsModel(model: MljsModel, context: MljsModelLogContext): Promise<void> {
  const signature = context.logModelSignatures && context.example ? await exampleSignature(model, context.example) : false;
  const options: MljsSaveOptions & { signature: ModelSignature | false; inputExample?: unknown; registeredModelName?: string; name: string } = {
    name: 'model',
    signature,
    kmeansOptions: context.kmeansOptions ?? {},
    ...(context.logInputExamples && context.example ? { inputExample: context.example } : {}),
    ...(context.registeredModelName ? { registeredModelName: context.registeredModelName } : {}),
  };
  await logModelWith(getClient(), context.runId, mljsModel.flavor, model, options);
}
