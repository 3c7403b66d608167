/**
 * The natural instrumentation: patches `train()` (synchronous) of `BayesClassifier` and
 * `LogisticRegressionClassifier`, and wraps their `addDocument()` to keep each document's text
 * for the input example (natural keeps only its stemmed tokens). Each call logs the classifier's settings and the size of its
 * training set as params, `training_accuracy_score` on the training documents, and the trained
 * classifier as a `natural` model. natural is never imported (its exports come in through the
 * hooks), and the agent writes nothing to stdout: natural's own dotenv lines stay the only ones.
 */
import type { SyncPatchFunction } from '../../src/autolog/safe-patch-sync';
import { MlflowAutologError } from '../../src/errors';
import { safePatchSync } from '../../src/autolog/safe-patch-sync';
import type { AutologSession } from '../../src/autolog/session';
import { unwrap, wrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import type { NaturalClassifier, NaturalClassifierClass, NaturalExports } from './internal-types';
import { CLASSIFIER_CLASSES } from './internal-types';
import { accuracy, classifierClass, classifierParams, exampleRows, rememberRawText, stemmerName, textClassifierSignature, trainingPredictions } from './utils';
import { NATURAL_VERSIONS } from './versions';

export const INTEGRATION = 'natural';

/** The instrumentation's own fault-injection points, in the order a training call meets them. */
export const NATURAL_FAULT_POINTS = ['log-params', 'log-metrics', 'log-model'] as const;

/** How many documents make the input example (MLflow: 5 rows). */
const EXAMPLE_ROWS = 5;

/** What the patches know about the module copy they patched. */
interface ModuleContext {
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

/** The patch of `train()`. */
function trainPatch(context: ModuleContext): SyncPatchFunction<NaturalClassifier, unknown[], void> {
  return (call, classifier, args, session) => {
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
  };
}

/**
 * The wrapper of `addDocument`: natural stores only a document's stemmed tokens, so the text it
 * was given is remembered for the input example. Never starts a run, never fails the call.
 */
function addDocumentWrapper(original: Function): Function {
  return function addDocument(this: NaturalClassifier, ...args: unknown[]): unknown {
    const before = Array.isArray(this?.docs) ? this.docs.length : -1;
    const result: unknown = original.apply(this, args);
    if (before >= 0 && this.docs.length === before + 1) rememberRawText(this.docs[before], args[0]);
    return result;
  };
}

function classes(moduleExports: NaturalExports): NaturalClassifierClass[] {
  return CLASSIFIER_CLASSES.map((name) => moduleExports[name]).filter((cls): cls is NaturalClassifierClass => typeof cls === 'function');
}

/** The natural instrumentation. */
export const naturalInstrumentation: Instrumentation<NaturalExports> = {
  name: INTEGRATION,
  versions: NATURAL_VERSIONS,
  faultPoints: NATURAL_FAULT_POINTS,
  patch(moduleExports, version) {
    const context: ModuleContext = { exports: moduleExports, version };
    // NB: BayesClassifier inherits train from the base Classifier, which natural does not export:
    // the wrapper goes on BayesClassifier.prototype itself (unwrap deletes it again), so the base
    // and LogisticRegressionClassifier's `super.train()` stay untouched.
    for (const cls of classes(moduleExports)) {
      safePatchSync(INTEGRATION, cls.prototype, 'train', trainPatch(context));
      if (typeof cls.prototype.addDocument === 'function') wrap(cls.prototype, 'addDocument', addDocumentWrapper);
    }
  },
  unpatch(moduleExports) {
    for (const cls of classes(moduleExports)) {
      unwrap(cls.prototype, 'train');
      unwrap(cls.prototype, 'addDocument');
    }
  },
};
