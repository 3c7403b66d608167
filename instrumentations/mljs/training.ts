/**
 * What an ml.js training call logs: the estimator's params, the training data as a dataset
 * input, training metrics and the trained model. Loaded by the patches (instrumentation.ts) at
 * the first training call, not when an ml.js package loads.
 */
import type { AutologSession } from '../../src/autolog/session';
import type { EstimatorSpec } from './estimators';
import type { MljsModel } from './flavor';
import type { KMeansOptions } from './internal-types';
import { exampleCandidates, explainedVariance, paramsText, trainingDataset, trainingMetrics } from './utils';

function logAfterTraining(spec: EstimatorSpec, session: AutologSession, model: unknown, args: unknown[]): void {
  const { x, y } = spec.data(args);
  if (session.config.logDatasets) {
    session.fault('log-datasets');
    session.logDatasets(trainingDataset(x, y));
  }
  session.fault('training-metrics');
  session.logMetrics(trainingMetrics(spec, model, args), 0);
  if (spec.task === 'decomposition') explainedVariance(model).forEach((ratio, step) => session.logMetrics({ training_explained_variance_ratio: ratio }, step));
  if (!session.config.logModels || session.failed) return;
  const candidates = session.config.logModelSignatures || session.config.logInputExamples ? exampleCandidates(x, spec.task === 'classifier' ? y : undefined) : [];
  const kmeansOptions: KMeansOptions & { K?: number } | undefined = spec.kind === 'function' ? { ...((args[2] as KMeansOptions | undefined) ?? {}), K: args[1] as number } : undefined;
  // NB: loaded here, not at import: model logging pulls in the model format (see patch-common.ts).
  const { mljsModelOptions } = require('./model-logging') as typeof import('./model-logging');
  const { mljsModel } = require('./flavor') as typeof import('./flavor');
  session.logModel(
    mljsModel.flavor,
    model as MljsModel,
    mljsModelOptions(model as MljsModel, {
      candidates,
      kmeansOptions,
      logModelSignatures: session.config.logModelSignatures,
      logInputExamples: session.config.logInputExamples,
      registeredModelName: session.config.registeredModelName,
    }),
  );
}

/** What one estimator's training call (method, constructor or function) logs around the original `call`. */
export function logTraining(spec: EstimatorSpec, call: (...args: unknown[]) => unknown, self: object, args: unknown[], session: AutologSession): void {
  const tags = { estimator_name: spec.className, estimator_class: `${spec.module}.${spec.className}` };
  // NB: params before training where they are known (MLflow logs them before fit), after it
  // for the constructors that train. Journaled at once; the model follows them to the server.
  if (spec.kind !== 'constructor') {
    session.fault('log-params');
    void session.logParams(paramsText(spec.params(self, args)), tags);
  }
  const result = call(...args);
  const model = spec.kind === 'method' ? self : result;
  if (spec.kind === 'constructor') {
    session.fault('log-params');
    void session.logParams(paramsText(spec.params(model, args)), tags);
  }
  logAfterTraining(spec, session, model, args);
}
