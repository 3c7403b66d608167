/**
 * `autolog()`: turns autologging on (or reconfigures or disables it) from code, the counterpart
 * of `mlflow.autolog()`. Libraries already imported are patched too.
 */
import { registerBuiltins } from './builtin';
import { applyConfig, integrationNames } from './engine';
import { inJestSandbox } from './host-realm';
import { resolveConfig } from './options';
import type { AutologOptions } from './types';

/**
 * Enables autologging for every supported library (TensorFlow.js), or reconfigures it: each call
 * replaces the previous options. Options not given come from the `MLFLOW_AUTOLOG_*` environment
 * variables, then MLflow's defaults. `autolog({ disable: true })` unpatches everything.
 *
 * Throws a `ConfigError` naming the option, the value and what is accepted when an option is wrong.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { autolog } from 'mlflow-autolog';
 * autolog({ logModels: false, tfjs: { logEveryNSteps: 10 } });
 */
export function autolog(options: AutologOptions = {}): void {
  // NB: a copy of this package that jest loaded into a test file's sandbox hands over.
  if (inJestSandbox()) {
    (require('./jest-sandbox') as typeof import('./jest-sandbox')).autologInJestSandbox(options, require.cache);
    return;
  }
  registerBuiltins();
  applyConfig(resolveConfig(options, integrationNames()));
}
