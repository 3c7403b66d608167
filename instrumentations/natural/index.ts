/**
 * `mlflow-autolog/natural`: the natural integration. Autologging itself is switched on with
 * `autolog()` or the `mlflow-autolog/register` preload; this entry exposes the flavor (save, log
 * and load classifiers by hand) and the loader `js_function` calls.
 */
export { naturalInstrumentation, NATURAL_FAULT_POINTS } from './instrumentation';
export type { NaturalAutologOptions } from './types';
export { NATURAL_VERSIONS } from './versions';
export { naturalModel, loadJsFunction, NATURAL_FLAVOR_NAME, TEXT_COLUMN, type NaturalSaveOptions } from './flavor';
