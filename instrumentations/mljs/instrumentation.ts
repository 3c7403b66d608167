/**
 * The ml.js instrumentation: one integration (`mljs`) over the family's packages, each its own
 * module in the shared hooks (versions.ts). Estimators that train in a method (`train(X, y)`)
 * are patched on their prototype; those whose constructor trains (ml-knn, the ml-regression
 * classes, MLR, PCA) are replaced by a patched class; `kmeans` (an ES module's function) by a
 * wrapper in a replacement of the module's exports. The libraries are never imported here:
 * their exports come in through the hooks.
 */
import { safePatchClass, safePatchConstructor, safePatchSync, unwrapConstructor, type SyncPatchFunction, type SyncPatchOptions } from '../../src/autolog/safe-patch-sync';
import type { AutologSession } from '../../src/autolog/session';
import { unwrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import { ESTIMATORS, estimatorsOf, FAMILY_PACKAGES, type EstimatorSpec } from './estimators';
import type { MljsModel } from './flavor';
import type { KMeansOptions, MlClass, MlModuleExports } from './internal-types';
import { exampleCandidates, explainedVariance, paramsText, trainingDataset, trainingMetrics } from './utils';
import { MLJS_EXTRA_MODULES, MLJS_VERSIONS } from './versions';

export const INTEGRATION = 'mljs';

/** The instrumentation's own fault-injection points, in the order a training call meets them. */
export const MLJS_FAULT_POINTS = ['log-params', 'log-datasets', 'training-metrics', 'log-model'] as const;

const FAMILY_FRAME = new RegExp(`[\\\\/]node_modules[\\\\/](${FAMILY_PACKAGES.join('|')})[\\\\/]`);

/**
 * True when the call comes from inside an ml.js package: the trees of a random forest, the
 * polynomial fit inside a power regression. Those are part of the outer model's training (logged
 * as one run when the outer class is patched, not at all when it is not), never runs of their own.
 */
function calledFromFamily(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 12;
  try {
    return FAMILY_FRAME.test(new Error().stack ?? '');
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const OPTIONS: SyncPatchOptions = { skip: calledFromFamily };

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

/** The patch of one estimator's training call (method, constructor or function). */
function trainingPatch(spec: EstimatorSpec): SyncPatchFunction<object, unknown[], unknown> {
  return (call, self, args, session) => {
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
  };
}

/** Which module of the family these exports are, when the hooks did not say. */
function moduleOf(moduleExports: MlModuleExports): string | undefined {
  const found = ESTIMATORS.find((spec) => {
    if (spec.exportName === undefined) return typeof moduleExports === 'function' && moduleExports.name === spec.className;
    return typeof (moduleExports as Record<string, unknown>)[spec.exportName] === 'function';
  });
  return found?.module;
}

/** One replacement exports object per module namespace that cannot be changed in place. */
const copies = new WeakMap<object, Record<string, unknown>>();

function copyOf(moduleExports: object): Record<string, unknown> {
  let copy = copies.get(moduleExports);
  if (!copy) {
    copy = {};
    for (const key of Reflect.ownKeys(moduleExports)) if (typeof key === 'string') copy[key] = (moduleExports as Record<string, unknown>)[key];
    copies.set(moduleExports, copy);
  }
  return copy;
}

function classOf(spec: EstimatorSpec, moduleExports: MlModuleExports): MlClass | undefined {
  const value = spec.exportName === undefined ? moduleExports : (moduleExports as Record<string, unknown>)[spec.exportName];
  return typeof value === 'function' ? (value as MlClass) : undefined;
}

/** The ml.js instrumentation. */
export const mljsInstrumentation: Instrumentation<MlModuleExports> = {
  name: INTEGRATION,
  versions: MLJS_VERSIONS,
  extraModules: MLJS_EXTRA_MODULES,
  faultPoints: MLJS_FAULT_POINTS,
  patch(moduleExports, _version, _baseDir, module) {
    const name = module ?? moduleOf(moduleExports);
    let replacement: MlModuleExports | undefined;
    for (const spec of name ? estimatorsOf(name) : []) {
      const patch = trainingPatch(spec) as SyncPatchFunction<object, unknown[], object>;
      if (spec.kind === 'method') {
        const Class = classOf(spec, moduleExports);
        if (Class) safePatchSync(INTEGRATION, Class.prototype, 'train', patch, OPTIONS);
      } else if (spec.kind === 'constructor' && spec.exportName === undefined) {
        // NB: module.exports is the class itself: only a replacement reaches the importer.
        replacement = safePatchClass(INTEGRATION, moduleExports as MlClass, patch, OPTIONS) as MlClass;
      } else if (spec.kind === 'constructor') {
        const copy = safePatchConstructor(INTEGRATION, replacement ?? moduleExports, spec.exportName!, patch, OPTIONS);
        if (copy) replacement = copy as MlModuleExports;
      } else {
        // NB: an ES module namespace cannot be changed: wrap the function in a copy of it.
        const copy = copyOf(moduleExports);
        safePatchSync(INTEGRATION, copy, spec.exportName!, patch, OPTIONS);
        replacement = copy;
      }
    }
    return replacement;
  },
  unpatch(moduleExports, module) {
    const name = module ?? moduleOf(moduleExports);
    for (const spec of name ? estimatorsOf(name) : []) {
      if (spec.kind === 'method') {
        const Class = classOf(spec, moduleExports);
        if (Class) unwrap(Class.prototype, 'train');
      } else if (spec.kind === 'constructor' && spec.exportName !== undefined) {
        unwrapConstructor(moduleExports, spec.exportName);
      } else if (spec.kind === 'function') {
        unwrap(copyOf(moduleExports), spec.exportName!);
      }
      // NB: a class that is module.exports stays replaced for whoever required it; it passes
      // calls straight through while mljs autologging is disabled.
    }
  },
};
