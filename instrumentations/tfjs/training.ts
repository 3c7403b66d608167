/**
 * What a TensorFlow.js training call logs: params, datasets, the model summary, epoch metrics
 * and checkpoints (through the callback chained into `fit`), and the trained model. Loaded by
 * the patches (instrumentation.ts) at the first training call, not when tfjs loads.
 */
import type { AutologSession } from '../../src/autolog/session';
import { createAutologCallback, withAutologCallback } from './callback';
import { createCheckpointer } from './checkpoint';
import { type FirstBatch, watchFirstBatch } from './first-batch';
import type { TfFitArgs, TfFitDatasetArgs, TfHistory, TfLayersExports, TfLayersModel } from './internal-types';
import {
  earlyStoppingParams,
  findEarlyStopping,
  findTensorBoardLogdir,
  fitDatasetParams,
  fitDatasets,
  fitParams,
  isTfDataset,
  modelParams,
  modelSummary,
  tfDatasetInput,
} from './utils';

/** The methods that train. */
export type TrainingMethod = 'fit' | 'fitDataset';

/** What the patches know about the module copy they patched. */
export interface ModuleContext {
  exports: TfLayersExports;
  baseDir: string | undefined;
}

/** True when the model is logged with a signature or an input example (for which `fitDataset`'s first batch is kept). */
function wantsFirstBatch(session: AutologSession): boolean {
  const { logModels, logModelSignatures, logInputExamples } = session.config;
  return logModels && (logModelSignatures || logInputExamples);
}

/** Logs the trained model; for `fitDataset`, with the signature and example of the dataset's first batch (a copy). */
function logAfterTraining(session: AutologSession, model: TfLayersModel, training: { x: unknown; y: unknown } | { batch: FirstBatch | undefined }): void {
  if (!session.config.logModels) return;
  // NB: loaded here, not at import: model logging pulls in the model format (see safe-patch.ts).
  const { tfjsModelOptions } = require('./model-logging') as typeof import('./model-logging');
  const { tfjsModel } = require('./flavor') as typeof import('./flavor');
  const { logModelSignatures, logInputExamples, registeredModelName } = session.config;
  const options = (x: unknown, y: unknown) => tfjsModelOptions({ x, y, logModelSignatures, logInputExamples, registeredModelName });
  if ('x' in training) {
    session.logModel(tfjsModel.flavor, model, options(training.x, training.y));
    return;
  }
  session.logModel(tfjsModel.flavor, model, options(training.batch?.x, training.batch?.y));
}

/** What a checkpoint is logged with: the final model's signature and example, worked out at the first checkpoint. */
function checkpointOptions(session: AutologSession, x: unknown, y: unknown): () => Record<string, unknown> {
  let options: Record<string, unknown> | undefined;
  return () => {
    if (!options) {
      const { tfjsModelOptions } = require('./model-logging') as typeof import('./model-logging');
      const { registeredModelName: _final, ...rest } = tfjsModelOptions({ x, y, logModelSignatures: session.config.logModelSignatures, logInputExamples: session.config.logInputExamples });
      options = rest;
    }
    return options;
  };
}

/** What `fit(x, y, args)` or `fitDataset(dataset, args)` logs around the original `call`. */
export async function logTraining(
  context: ModuleContext,
  method: TrainingMethod,
  call: (...args: unknown[]) => Promise<TfHistory>,
  model: TfLayersModel,
  args: unknown[],
  session: AutologSession,
): Promise<void> {
  const argsAt = method === 'fit' ? 2 : 1;
  const given = args[argsAt];
  // NB: leave arguments tfjs will reject (fitDataset without a config) for tfjs to reject.
  if ((given === undefined && method === 'fitDataset') || (given !== undefined && (given === null || typeof given !== 'object'))) {
    await call(...args);
    return;
  }
  const fitArgs = (given ?? {}) as TfFitArgs & TfFitDatasetArgs;
  const earlyStopping = findEarlyStopping(context.exports, fitArgs.callbacks);

  session.fault('log-params');
  session.logParams({
    ...(method === 'fit' ? fitParams(fitArgs) : fitDatasetParams(fitArgs)),
    ...modelParams(model),
    ...(earlyStopping ? earlyStoppingParams(earlyStopping) : {}),
  });

  if (session.config.logDatasets) {
    session.fault('log-datasets');
    // NB: described before training (the user may dispose the tensors afterwards), sent alongside it.
    const inputs =
      method === 'fit'
        ? fitDatasets(args[0], args[1], fitArgs)
        : [tfDatasetInput(model, args[0], 'train'), ...(isTfDataset(fitArgs.validationData) ? [tfDatasetInput(model, fitArgs.validationData, 'eval')] : [])];
    session.logDatasets(inputs);
  }

  // NB: the summary of a model not yet built would build it (tfjs's own errors for an
  // uncompiled model would change): such a model's summary is taken once training built it.
  const logSummary = () => {
    session.fault('model-summary');
    session.logText('model-summary', modelSummary(model), 'model_summary.txt');
  };
  const builtBefore = model.built !== false;
  if (builtBefore) logSummary();

  const checkpointer = createCheckpointer(session, model, checkpointOptions(session, method === 'fit' ? args[0] : undefined, method === 'fit' ? args[1] : undefined));
  const autologCallback = createAutologCallback(context.exports, session, earlyStopping, checkpointer);
  const patchedArgs = [...args];
  patchedArgs[argsAt] = { ...fitArgs, callbacks: withAutologCallback(context.exports, fitArgs.callbacks, fitArgs.yieldEvery, autologCallback.callback) };
  // NB: the first batch is copied as tfjs reads it: an iterator of our own would read (and
  // leave tensors of) batches tfjs never asked for.
  const watched = method === 'fitDataset' && wantsFirstBatch(session) ? watchFirstBatch(args[0]) : undefined;
  if (watched) patchedArgs[0] = watched.dataset;
  await call(...patchedArgs);
  if (!builtBefore) logSummary();

  // NB: MLflow's Keras autolog logs a TensorBoard callback's folder as the run's tensorboard_logs/.
  const logdir = findTensorBoardLogdir(fitArgs.callbacks);
  if (logdir) session.logFolder('tensorboard', logdir, 'tensorboard_logs');

  if (!session.failed) logAfterTraining(session, model, method === 'fit' ? { x: args[0], y: args[1] } : { batch: watched?.first() });
}
