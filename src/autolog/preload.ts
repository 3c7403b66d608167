/**
 * What the `mlflow-autolog/register` entry points run: autologging configured from the
 * environment before the application loads, with the require hook (`--require`) and, for
 * `--import`, import-in-the-middle's loader in include-only mode as well. Running twice (both
 * flags, or NODE_OPTIONS plus a flag) is harmless: the state is shared and each step runs once.
 *
 * NB: a preload may be in every node process (NODE_OPTIONS), so it does nothing until it has
 * to: it reads MLFLOW_AUTOLOG_DISABLE and installs the hook. The rest of the environment, the
 * version checks and an instrumentation's code load when the first supported library does.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { registerBuiltins } from './builtin';
import { integrationNames, isEnabled } from './engine';
import { disabledByEnv } from './env-options';
import { installImportHook, installRequireHook, packageFilePatterns, patchAlreadyLoaded, watchedModules } from './hooks';
import { autologState } from './state';

/** Configures autologging from the environment (once per process). */
export function preload(): void {
  registerBuiltins();
  if (autologState.preloaded) return;
  autologState.preloaded = true;
  if (autologState.config || disabledByEnv()) return;
  autologState.envConfigPending = true;
  installRequireHook();
  // NB: a library loaded before the preload (the jest setup file runs inside jest's loader,
  // which is then found here too) is configured and patched now.
  patchAlreadyLoaded();
}

/**
 * The `--import` entry: {@link preload}, then import-in-the-middle's loader hook registered with
 * `module.register` in include-only mode (only the instrumented modules are wrapped) and the
 * shared import hook. Resolves once the loader knows which modules to wrap.
 */
export async function preloadEsm(): Promise<void> {
  preload();
  const wanted = autologState.envConfigPending || integrationNames().some(isEnabled);
  if (autologState.esmLoaderRegistered || !wanted) return;
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
