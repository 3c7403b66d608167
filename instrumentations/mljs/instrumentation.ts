/**
 * The ml.js instrumentation: one integration (`mljs`) over the family's packages, each its own
 * module in the shared hooks (versions.ts). Estimators that train in a method (`train(X, y)`)
 * are patched on their prototype; those whose constructor trains (ml-knn, the ml-regression
 * classes, MLR, PCA) are replaced by a patched class; `kmeans` (an ES module's function) by a
 * wrapper in a replacement of the module's exports. The libraries are never imported here:
 * their exports come in through the hooks.
 */
import { safePatchClass, safePatchConstructor, safePatchSync, unwrapConstructor, type SyncPatchFunction, type SyncPatchOptions } from '../../src/autolog/safe-patch-sync';
import { unwrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import { ESTIMATORS, estimatorsOf, FAMILY_PACKAGES, type EstimatorSpec } from './estimators';
import type { MlClass, MlModuleExports } from './internal-types';
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

/** The patch of one estimator's training call. NB: what a call logs loads at the first call, not with the package. */
function trainingPatch(spec: EstimatorSpec): SyncPatchFunction<object, unknown[], unknown> {
  return (call, self, args, session) => (require('./training') as typeof import('./training')).logTraining(spec, call, self, args, session);
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
