/**
 * The natural instrumentation: patches `train()` (synchronous) of `BayesClassifier` and
 * `LogisticRegressionClassifier`, and wraps their `addDocument()` to keep each document's text
 * for the input example (natural keeps only its stemmed tokens). Each call logs the classifier's settings and the size of its
 * training set as params, `training_accuracy_score` on the training documents, and the trained
 * classifier as a `natural` model. natural is never imported (its exports come in through the
 * hooks), and the agent writes nothing to stdout: natural's own dotenv lines stay the only ones.
 */
import type { SyncPatchFunction } from '../../src/autolog/safe-patch-sync';
import { safePatchSync } from '../../src/autolog/safe-patch-sync';
import { unwrap, wrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import { rememberRawText } from './documents';
import type { NaturalClassifier, NaturalClassifierClass, NaturalExports } from './internal-types';
import { CLASSIFIER_CLASSES } from './internal-types';
import type { ModuleContext } from './training';
import { NATURAL_VERSIONS } from './versions';

export const INTEGRATION = 'natural';

/** The instrumentation's own fault-injection points, in the order a training call meets them. */
export const NATURAL_FAULT_POINTS = ['log-params', 'log-metrics', 'log-model'] as const;

/** The patch of `train()`. NB: what a call logs loads at the first call, not with natural. */
function trainPatch(context: ModuleContext): SyncPatchFunction<NaturalClassifier, unknown[], void> {
  return (call, classifier, args, session) => (require('./training') as typeof import('./training')).logTrain(context, call, classifier, args, session);
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
