/**
 * The engine: which instrumentations exist, which copies of their modules have loaded, and the
 * decision for each copy (patch, leave, unpatch) from the configuration and the version manifest.
 */
import { isTestingMode, warn } from '../util/logger';
import { type AutologConfig, configFromEnv, integrationConfig } from './env-options';
import { installRequireHook, patchAlreadyLoaded } from './hooks';
import { autologState, type LoadedModule } from './state';
import type { Instrumentation, VersionsManifest } from './types';

/** NB: the version checks (and semver) load with the first watched module, not with the preload. */
function versions(): typeof import('./versions') {
  return require('./versions') as typeof import('./versions');
}

/**
 * Adds an instrumentation (replacing one of the same name: its patches are undone and the loaded
 * modules it had seen are handed to the new one).
 */
export function registerInstrumentation(instrumentation: Instrumentation): void {
  const previous = autologState.instrumentations.get(instrumentation.name);
  if (previous === instrumentation) return;
  autologState.instrumentations.set(instrumentation.name, instrumentation);
  for (const record of autologState.loaded) {
    if (record.instrumentation !== previous) continue;
    if (record.patched) unpatchRecord(record);
    record.instrumentation = instrumentation;
    record.warned = false;
    apply(record);
  }
  if (autologState.requireHook) installRequireHook();
}

/** Every registered instrumentation's name (the per-library option keys). */
export function integrationNames(): string[] {
  return [...autologState.instrumentations.keys()];
}

/** True when autologging is configured and not disabled for `integration`. */
export function isEnabled(integration: string): boolean {
  const { config } = autologState;
  return config !== undefined && !integrationConfig(config, integration).disable;
}

/** Applies a new configuration: installs the hooks when anything is enabled, then (un)patches. */
export function applyConfig(config: AutologConfig): void {
  autologState.config = config;
  autologState.envConfigPending = false;
  const anyEnabled = integrationNames().some(isEnabled);
  if (anyEnabled) {
    installRequireHook();
    patchAlreadyLoaded();
  }
  for (const record of autologState.loaded) apply(record);
}

/**
 * Reads the configuration a preload left to the first watched module, from the environment.
 * A wrong variable turns autologging off with one warning (a throw in testing mode): the user's
 * training goes on without it.
 */
export function applyPendingConfig(): void {
  if (!autologState.envConfigPending) return;
  autologState.envConfigPending = false;
  let config: AutologConfig;
  try {
    config = configFromEnv();
  } catch (error) {
    autologState.requireHook?.unhook();
    if (isTestingMode()) throw error;
    warn('autologging is off', error);
    return;
  }
  applyConfig(config);
}

/**
 * The modules an instrumentation watches. NB: a built-in one names them in `modules` (builtin.ts),
 * so that watching them does not load its versions manifests.
 */
export function modulesOf(instrumentation: Instrumentation): readonly string[] {
  const { modules } = instrumentation as { modules?: readonly string[] };
  return modules ?? manifestsOf(instrumentation).map((m) => m.module);
}

/** Every versions manifest of an instrumentation: its main module's, then its extra modules'. */
export function manifestsOf(instrumentation: Instrumentation): readonly VersionsManifest[] {
  return [instrumentation.versions, ...(instrumentation.extraModules ?? [])];
}

/** The manifest of `module` in `instrumentation` (the main one for records of older copies). */
function manifestOf(instrumentation: Instrumentation, module: string | undefined): VersionsManifest {
  return manifestsOf(instrumentation).find((m) => m.module === module) ?? instrumentation.versions;
}

/**
 * Called by the hooks (and the scan of loaded modules) for each copy of a watched module.
 * Returns what the importer should get instead of `moduleExports` when a patch replaced them.
 */
export function onModuleLoaded(moduleName: string, moduleExports: unknown, baseDir: string | undefined): unknown {
  if (moduleExports === null || (typeof moduleExports !== 'object' && typeof moduleExports !== 'function')) return undefined;
  let replacement: unknown;
  for (const instrumentation of autologState.instrumentations.values()) {
    if (!modulesOf(instrumentation).includes(moduleName)) continue;
    // NB: a hook may see a copy's replacement exports (import-in-the-middle, after the hook on
    // Module._load replaced them for an ES module importer): that copy is already known.
    let record = autologState.loaded.find((r) => (r.exports === moduleExports || r.replacement === moduleExports) && r.instrumentation === instrumentation);
    if (!record) {
      record = { instrumentation, module: moduleName, exports: moduleExports, baseDir, version: versions().readPackageVersion(baseDir), patched: false, warned: false };
      autologState.loaded.push(record);
    }
    // NB: a require of a copy already decided under this configuration (a library's own
    // `require()` inside a function) costs a lookup, not a version check.
    if (record.appliedWith === undefined || record.appliedWith !== autologState.config) apply(record);
    if (record.patched && record.replacement !== undefined) replacement = record.replacement;
  }
  return replacement;
}

/**
 * Forgets the copies of modules whose exports are in `moduleExports`: they go away with the
 * module registry that loaded them (a jest test file's), so nothing is unpatched, and the records
 * must not keep them (and the registry's whole sandbox) alive.
 */
export function forgetModules(moduleExports: ReadonlySet<unknown>): void {
  const { loaded } = autologState;
  for (let i = loaded.length - 1; i >= 0; i--) if (moduleExports.has(loaded[i]!.exports)) loaded.splice(i, 1);
}

function warnOnce(record: LoadedModule, silent: boolean, message: string): void {
  if (record.warned) return;
  record.warned = true;
  if (!silent) warn(message);
}

function apply(record: LoadedModule): void {
  const { instrumentation: inst } = record;
  record.appliedWith = autologState.config;
  const manifest = manifestOf(inst, record.module);
  const config = autologState.config ? integrationConfig(autologState.config, inst.name) : undefined;
  let allowed = false;
  if (config && !config.disable) {
    const { checkVersion, testedRange } = versions();
    const verdict = checkVersion(manifest, record.version);
    const where = `${manifest.module}@${record.version ?? '(unknown version)'}`;
    if (verdict === 'unsupported') {
      warnOnce(
        record,
        config.silent,
        `${inst.name} autologging is off for ${where}: supported versions are ${manifest.supported.join(' || ')}. Install a supported version to autolog it.`,
      );
    } else if (verdict === 'untested') {
      allowed = !config.disableForUnsupportedVersions;
      warnOnce(
        record,
        config.silent,
        `${inst.name} autologging was tested with ${manifest.module} ${testedRange(manifest) ?? '(none)'}, not ${where}; ` +
          (allowed ? 'it may not work (set disableForUnsupportedVersions to skip it).' : 'it is skipped because disableForUnsupportedVersions is set.'),
      );
    } else {
      allowed = true;
    }
  }
  if (allowed && !record.patched) {
    try {
      const replacement = inst.patch(record.exports, record.version, record.baseDir, manifest.module);
      record.patched = true;
      if (replacement !== undefined && replacement !== record.exports) record.replacement = replacement;
    } catch (error) {
      // NB: a half-applied patch is undone, so the library is either fully patched or untouched.
      unpatchRecord(record);
      if (!config?.silent) warn(`could not set up ${inst.name} autologging for ${manifest.module}`, error);
    }
  } else if (!allowed && record.patched) {
    unpatchRecord(record);
  }
}

function unpatchRecord(record: LoadedModule): void {
  try {
    record.instrumentation.unpatch(record.exports, manifestOf(record.instrumentation, record.module).module);
  } catch (error) {
    warn(`could not undo ${record.instrumentation.name} autologging`, error);
  }
  record.patched = false;
}
