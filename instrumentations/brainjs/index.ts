/**
 * `mlflow-autolog/brainjs`: the brain.js integration. Autologging itself is switched on with
 * `autolog()` or the `mlflow-autolog/register` preload; this entry exposes the flavor (save, log
 * and load networks by hand) and the loader `js_function` calls.
 */
export { brainjsInstrumentation, BRAINJS_FAULT_POINTS } from './instrumentation';
export type { BrainjsAutologOptions } from './types';
export { BRAINJS_VERSIONS } from './versions';
export { brainjsModel, loadJsFunction, BRAINJS_FLAVOR_NAME, type BrainjsSaveOptions } from './flavor';
