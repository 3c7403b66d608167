/**
 * Logging the fitted model: the seam between autologging and the model format.
 *
 * Contract of {@link logTfjsModel} (the model-format engineer replaces its body with the tfjs
 * flavor's `logModel`, keeping the signature):
 * - it is called once per autologged training call, after training succeeded, only when
 *   `logModels` is on, inside safePatch (a throw is the session's one warning, never the user's);
 * - `model` is the model the user called `fit`/`fitDataset` on (the outer `Sequential`, not its
 *   inner `LayersModel`), already trained;
 * - `context.x` / `context.y` are the training inputs and targets of `fit` as the user passed
 *   them (tensors, lists or maps of tensors), undefined for `fitDataset`;
 * - `context.logModelSignatures`, `context.logInputExamples` and `context.registeredModelName`
 *   are the integration's settings, to honour when the signature, input example and registration
 *   are implemented;
 * - `context.tfjsCore` is the `@tensorflow/tfjs-core` that the patched tfjs-layers uses (for
 *   `io.withSaveHandler`), so nothing imports tfjs on its own.
 *
 * Today's body writes `model.json` + `weights.bin` (the layout of tfjs-node's file handler,
 * node-internals 2.5) and uploads them as the run's `<artifactPath>/` artifacts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getClient } from '../../src/tracking/fluent';
import type { TfCoreExports, TfLayersModel, TfModelArtifacts } from './internal-types';

/** What {@link logTfjsModel} gets besides the model. */
export interface TfjsModelLogContext {
  /** The run to log the model to. */
  runId: string;
  /** The artifact folder of the model. @default 'model' */
  artifactPath?: string;
  /** The training inputs of `fit` (undefined for `fitDataset`). */
  x?: unknown;
  /** The training targets of `fit` (undefined for `fitDataset`). */
  y?: unknown;
  logModelSignatures: boolean;
  logInputExamples: boolean;
  registeredModelName?: string;
  /** The `@tensorflow/tfjs-core` next to the patched tfjs-layers. */
  tfjsCore: TfCoreExports;
}

/** The weights file name in `model.json`'s manifest. */
export const WEIGHTS_FILE = 'weights.bin';

/**
 * Saves `model` into `dir` as `model.json` + `weights.bin` through `tf.io.withSaveHandler`,
 * without tfjs-node. Resolves to the paths written.
 */
export async function saveTfjsModelFiles(model: TfLayersModel, dir: string, tfjsCore: TfCoreExports): Promise<{ modelJson: string; weights: string }> {
  let captured: TfModelArtifacts | undefined;
  await model.save(
    tfjsCore.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('tfjs did not hand the model artifacts to the save handler');
  const { weightData, weightSpecs, modelTopology, ...rest } = captured;
  const buffer = weightData === undefined ? new ArrayBuffer(0) : Array.isArray(weightData) ? tfjsCore.io.concatenateArrayBuffers(weightData) : weightData;
  // NB: the same fields, in the same order, as tfjs-node's file handler (io/file_system.js).
  const modelJson: Record<string, unknown> = { modelTopology, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs ?? [] }] };
  for (const key of ['format', 'generatedBy', 'convertedBy', 'trainingConfig', 'signature', 'userDefinedMetadata', 'modelInitializer', 'initializerSignature'] as const) {
    if (rest[key] !== undefined) modelJson[key] = rest[key];
  }
  const paths = { modelJson: join(dir, 'model.json'), weights: join(dir, WEIGHTS_FILE) };
  await writeFile(paths.modelJson, JSON.stringify(modelJson));
  await writeFile(paths.weights, Buffer.from(buffer));
  return paths;
}

/** Logs the trained `model` to the run (see the contract above). */
export async function logTfjsModel(model: TfLayersModel, context: TfjsModelLogContext): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-autolog-tfjs-'));
  try {
    await saveTfjsModelFiles(model, dir, context.tfjsCore);
    await getClient().logArtifacts(context.runId, dir, context.artifactPath ?? 'model');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
