/**
 * What a natural training call logs: the classifier's settings and the size of its training set
 * as params, `training_accuracy_score` on the training documents, and the trained classifier.
 * Loaded by the patch (instrumentation.ts) at the first training call.
 */
import type { AutologSession } from '../../src/autolog/session';
import { MlflowAutologError } from '../../src/errors';
import { exampleRows } from './documents';
import type { NaturalClassifier, NaturalExports } from './internal-types';
import { accuracy, classifierClass, classifierParams, stemmerName, textClassifierSignature, trainingPredictions } from './utils';

/** How many documents make the input example (MLflow: 5 rows). */
const EXAMPLE_ROWS = 5;

/** What the patches know about the module copy they patched. */
export interface ModuleContext {
  exports: NaturalExports;
  version: string | undefined;
}

function logModel(
  context: ModuleContext,
  session: AutologSession,
  classifier: NaturalClassifier,
  predictions: unknown[],
  stemmer: string | undefined,
): void {
  const { config } = session;
  if (!config.logModels) return;
  session.fault('log-model');
  if (!stemmer) {
    // NB: checked before anything is created: restored with another stemmer, the model would label differently.
    throw new MlflowAutologError(
      "Cannot tell which natural stemmer this classifier uses (it is not one of natural's exports), so it is not logged as a model: restored with another stemmer it would label texts differently.",
    );
  }
  // NB: loaded here, not at import: the model format is needed only once a model is logged.
  const { naturalModel } = require('./flavor') as typeof import('./flavor');
  const inputExample = config.logInputExamples ? exampleRows(classifier, EXAMPLE_ROWS) : undefined;
  const version = context.version;
  session.logModel(naturalModel.flavor, classifier, {
    name: 'model',
    signature: config.logModelSignatures ? textClassifierSignature(predictions) : false,
    ...(inputExample ? { inputExample } : {}),
    ...(config.registeredModelName ? { registeredModelName: config.registeredModelName } : {}),
    stemmer,
    ...(version ? { naturalVersion: version, extraRequirements: { natural: version } } : {}),
  });
}

/** What `train()` logs around the original `call`. */
export function logTrain(context: ModuleContext, call: (...args: unknown[]) => void, classifier: NaturalClassifier, args: unknown[], session: AutologSession): void {
  const cls = classifierClass(classifier);
  const stemmer = stemmerName(context.exports, classifier.stemmer);
  session.fault('log-params');
  void session.logParams(classifierParams(classifier, stemmer), { estimator_name: cls.name, estimator_class: `natural.${cls.name}` });
  call(...args);
  session.fault('log-metrics');
  // NB: what MLflow's scikit-learn autolog does after fit: score the training data.
  const predictions = trainingPredictions(classifier);
  session.logMetrics({ training_accuracy_score: accuracy(classifier, predictions) }, 0);
  logModel(context, session, classifier, predictions, stemmer);
}
