/**
 * `mlflow-autolog/tfjs`: the TensorFlow.js integration. Autologging itself is switched on with
 * `autolog()` or the `mlflow-autolog/register` preload; this entry exposes the pieces for use
 * by hand.
 */
export { tfjsInstrumentation, TFJS_FAULT_POINTS } from './instrumentation';
export { tfjsModelOptions, type TfjsModelLogContext } from './model-logging';
export type { TfjsAutologOptions } from './types';
export { TFJS_VERSIONS } from './versions';
export { loadJsFunction, tfjsModel, TFJS_FLAVOR_NAME } from './flavor';
