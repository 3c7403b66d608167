/**
 * The TensorFlow.js instrumentation: patches `fit` and `fitDataset` of `LayersModel` and
 * `Sequential` in `@tensorflow/tfjs-layers` (shared by @tensorflow/tfjs, tfjs-node and
 * tfjs-node-gpu). A Sequential's fit delegates to an inner LayersModel's fit
 * (tfjs-layers models.js:724): the outer call is logged, the inner one passes through
 * (safePatch's re-entrancy guard). tfjs itself is never imported: its exports come in through
 * the hooks.
 */
import type { PatchFunction } from '../../src/autolog/safe-patch';
import { safePatch } from '../../src/autolog/safe-patch';
import { unwrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import type { TfHistory, TfLayersExports, TfLayersModel } from './internal-types';
import type { ModuleContext, TrainingMethod } from './training';
import { TFJS_VERSIONS } from './versions';

export const INTEGRATION = 'tfjs';

/** The instrumentation's own fault-injection points, in the order a training call meets them. */
export const TFJS_FAULT_POINTS = ['log-params', 'log-datasets', 'model-summary', 'epoch-end', 'train-end', 'log-model'] as const;

const METHODS = ['fit', 'fitDataset'] as const;

/** The patch of `fit(x, y, args)` and `fitDataset(dataset, args)`. */
function trainingPatch(context: ModuleContext, method: TrainingMethod): PatchFunction<TfLayersModel, unknown[], Promise<TfHistory>> {
  // NB: what a call logs (callbacks, datasets, checkpoints) loads at the first call, not with tfjs.
  return (call, model, args, session) => (require('./training') as typeof import('./training')).logTraining(context, method, call, model, args, session);
}

function prototypes(moduleExports: TfLayersExports): object[] {
  return [moduleExports.LayersModel?.prototype, moduleExports.Sequential?.prototype].filter((p): p is TfLayersModel => !!p);
}

/** The TensorFlow.js instrumentation. */
export const tfjsInstrumentation: Instrumentation<TfLayersExports> = {
  name: INTEGRATION,
  versions: TFJS_VERSIONS,
  faultPoints: TFJS_FAULT_POINTS,
  patch(moduleExports, _version, baseDir) {
    const context: ModuleContext = { exports: moduleExports, baseDir };
    for (const proto of prototypes(moduleExports)) {
      for (const method of METHODS) {
        // NB: only own methods: Sequential overrides both; wrapping an inherited one would log twice.
        if (Object.hasOwn(proto, method)) safePatch(INTEGRATION, proto, method, trainingPatch(context, method));
      }
    }
  },
  unpatch(moduleExports) {
    for (const proto of prototypes(moduleExports)) for (const method of METHODS) unwrap(proto, method);
  },
};
