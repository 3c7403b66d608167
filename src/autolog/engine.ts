/**
 * The engine: which instrumentations exist, which copies of their modules have loaded, and the
 * decision for each copy (patch, leave, unpatch) from the configuration and the version manifest.
 */
import { warn } from '../util/logger';
import { installRequireHook, patchAlreadyLoaded } from './hooks';
import { integrationConfig, type AutologConfig } from './options';
import { autologState, type LoadedModule } from './state';
import type { Instrumentation } from './types';
import { checkVersion, readPackageVersion, testedRange } from './versions';

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
  const anyEnabled = integrationNames().some(isEnabled);
  if (anyEnabled) {
    installRequireHook();
    patchAlreadyLoaded();
  }
  for (const record of autologState.loaded) apply(record);
}

/** Called by the hooks (and the scan of loaded modules) for each copy of a watched module. */
export function onModuleLoaded(moduleName: string, moduleExports: unknown, baseDir: string | undefined): void {
  if (moduleExports === null || (typeof moduleExports !== 'object' && typeof moduleExports !== 'function')) return;
  for (const instrumentation of autologState.instrumentations.values()) {
    if (instrumentation.versions.module !== moduleName) continue;
    let record = autologState.loaded.find((r) => r.exports === moduleExports && r.instrumentation === instrumentation);
    if (!record) {
      record = { instrumentation, exports: moduleExports, baseDir, version: readPackageVersion(baseDir), patched: false, warned: false };
      autologState.loaded.push(record);
    }
    apply(record);
  }
}

function warnOnce(record: LoadedModule, silent: boolean, message: string): void {
  if (record.warned) return;
  record.warned = true;
  if (!silent) warn(message);
}

function apply(record: LoadedModule): void {
  const { instrumentation: inst } = record;
  const config = autologState.config ? integrationConfig(autologState.config, inst.name) : undefined;
  let allowed = false;
  if (config && !config.disable) {
    const verdict = checkVersion(inst.versions, record.version);
    const where = `${inst.versions.module}@${record.version ?? '(unknown version)'}`;
    if (verdict === 'unsupported') {
      warnOnce(
        record,
        config.silent,
        `${inst.name} autologging is off for ${where}: supported versions are ${inst.versions.supported.join(' || ')}. Install a supported version to autolog it.`,
      );
    } else if (verdict === 'untested') {
      allowed = !config.disableForUnsupportedVersions;
      warnOnce(
        record,
        config.silent,
        `${inst.name} autologging was tested with ${inst.versions.module} ${testedRange(inst.versions) ?? '(none)'}, not ${where}; ` +
          (allowed ? 'it may not work (set disableForUnsupportedVersions to skip it).' : 'it is skipped because disableForUnsupportedVersions is set.'),
      );
    } else {
      allowed = true;
    }
  }
  if (allowed && !record.patched) {
    try {
      inst.patch(record.exports, record.version, record.baseDir);
      record.patched = true;
    } catch (error) {
      // NB: a half-applied patch is undone, so the library is either fully patched or untouched.
      unpatchRecord(record);
      if (!config?.silent) warn(`could not set up ${inst.name} autologging for ${inst.versions.module}`, error);
    }
  } else if (!allowed && record.patched) {
    unpatchRecord(record);
  }
}

function unpatchRecord(record: LoadedModule): void {
  try {
    record.instrumentation.unpatch(record.exports);
  } catch (error) {
    warn(`could not undo ${record.instrumentation.name} autologging`, error);
  }
  record.patched = false;
}
