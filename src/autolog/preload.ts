/**
 * What the `mlflow-autolog/register` entry points run: autologging configured from the
 * environment before the application loads, with the require hook (`--require`) and, for
 * `--import`, import-in-the-middle's loader in include-only mode as well. Running twice (both
 * flags, or NODE_OPTIONS plus a flag) is harmless: the state is shared and each step runs once.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isTestingMode, warn } from '../util/logger';
import { registerBuiltins } from './builtin';
import { applyConfig, integrationNames, isEnabled } from './engine';
import { installImportHook, packageFilePatterns, watchedModules } from './hooks';
import { resolveConfig } from './options';
import { autologState } from './state';

/** Configures autologging from the environment (once per process). */
export function preload(): void {
  registerBuiltins();
  if (autologState.preloaded) return;
  autologState.preloaded = true;
  if (autologState.config) return;
  let config;
  try {
    config = resolveConfig({}, integrationNames());
  } catch (error) {
    // NB: a bad variable must not stop the user's training script; it only turns autologging off.
    if (isTestingMode()) throw error;
    warn('autologging is off', error);
    return;
  }
  applyConfig(config);
}

/**
 * The `--import` entry: {@link preload}, then import-in-the-middle's loader hook registered with
 * `module.register` in include-only mode (only the instrumented modules are wrapped) and the
 * shared import hook. Resolves once the loader knows which modules to wrap.
 */
export async function preloadEsm(): Promise<void> {
  preload();
  if (autologState.esmLoaderRegistered || !integrationNames().some(isEnabled)) return;
  autologState.esmLoaderRegistered = true;
  const { createAddHookMessageChannel } = require('import-in-the-middle') as typeof import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  // NB: the names the hook sends match imports by bare name only; these also match an import that
  // names a file of the package by URL, as vitest does for the packages it leaves to Node.
  registerOptions.data.include = packageFilePatterns(watchedModules());
  register('import-in-the-middle/hook.mjs', pathToFileURL(__filename).href, registerOptions);
  installImportHook();
  await waitForAllMessagesAcknowledged();
}
