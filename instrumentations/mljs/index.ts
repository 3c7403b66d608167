/**
 * `mlflow-autolog/mljs`: the ml.js integration. Autologging itself is switched on with
 * `autolog()` or the `mlflow-autolog/register` preload; this entry exposes the flavor (save,
 * log and load ml.js models by hand) and the loader `js_function` uses.
 */
export { mljsInstrumentation, MLJS_FAULT_POINTS } from './instrumentation';
export { loadJsFunction, mljsModel, kmeansModel, MLJS_FLAVOR_NAME, type KMeansModel, type MljsModel, type MljsSaveOptions } from './flavor';
export type { MljsAutologOptions } from './types';
export { MLJS_EXTRA_MODULES, MLJS_VERSIONS } from './versions';
