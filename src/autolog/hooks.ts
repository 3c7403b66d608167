/**
 * The module hooks: ONE hook on Node's CommonJS loader (./require-hook.ts) and ONE
 * import-in-the-middle hook for every instrumentation (a hook's cost grows with their number,
 * node-internals 1.7), plus a scan of `require.cache` for modules loaded before autologging
 * started (node-internals 1.6). The same hook and scan also watch for module loaders that bypass
 * Node's `require` (jest's), so that the instrumented modules they load reach the engine too.
 */
import { join, sep } from 'node:path';
import { warn } from '../util/logger';
import { applyPendingConfig, modulesOf, onModuleLoaded } from './engine';
import { installLoadHook, isMainFile, packageOf } from './require-hook';
import { autologState } from './state';

/** The modules the instrumentations patch. */
export function watchedModules(): string[] {
  return [...new Set([...autologState.instrumentations.values()].flatMap(modulesOf))].sort();
}

/**
 * Module loaders of test runners that load the application's modules themselves, not through
 * Node's `require`: each is handed to its hook (loaded only when the runner is) when it loads.
 */
const FOREIGN_LOADERS: Readonly<Record<string, () => (moduleExports: unknown) => void>> = {
  'jest-runtime': () => (require('./jest-runtime') as typeof import('./jest-runtime')).hookJestRuntime,
};

function hookedModules(): string[] {
  return [...watchedModules(), ...Object.keys(FOREIGN_LOADERS)].sort();
}

const foreignLoaderFailures = new Set<string>();

function onForeignLoader(name: string, moduleExports: unknown): void {
  try {
    FOREIGN_LOADERS[name]!()(moduleExports);
  } catch (error) {
    // NB: the runner goes on without autologging; its own behaviour is not ours to change. Once:
    // every autolog() call scans the loaded modules again.
    if (!foreignLoaderFailures.has(name)) warn(`autologging could not hook into ${name}: training under it is not logged`, error);
    foreignLoaderFailures.add(name);
  }
}

/**
 * The package a module file is the main file of, among `modules`: the file is in
 * `node_modules/<name>` and is what requiring that package loads (what require-in-the-middle
 * reports with `internals: false`). Undefined for any other file.
 */
export function mainFileOf(filename: string, modules: readonly string[]): { name: string; baseDir: string } | undefined {
  const pkg = packageOf(filename);
  return pkg && modules.includes(pkg.name) && isMainFile(pkg, filename) ? pkg : undefined;
}

function sameModules(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/**
 * The engine's verdict on a loaded module: the exports to hand out instead, if any. The first
 * one after a preload reads the configuration from the environment (a wrong variable is one
 * warning, a throw in testing mode).
 */
export function safeOnLoad(name: string, moduleExports: unknown, baseDir: string | undefined): unknown {
  if (autologState.envConfigPending) applyPendingConfig();
  try {
    return onModuleLoaded(name, moduleExports, baseDir);
  } catch (error) {
    // NB: a throw here would break the user's require/import of the library.
    warn(`autologging could not inspect ${name}`, error);
    return undefined;
  }
}

/**
 * Puts a patch's replacement exports into an import-in-the-middle namespace (which can change the
 * values of existing exports, not add any): `default` for a CommonJS module, and each named
 * export the replacement changed.
 */
function replaceInNamespace(namespace: Record<string, unknown>, replacement: unknown, cjs: boolean): void {
  if (cjs) namespace.default = replacement;
  if (replacement === null || (typeof replacement !== 'object' && typeof replacement !== 'function')) return;
  for (const key of Object.keys(namespace)) {
    if (key === 'default' && cjs) continue;
    const value = (replacement as Record<string, unknown>)[key];
    if (value !== undefined && value !== namespace[key]) namespace[key] = value;
  }
}

/** Where the require hook sends a watched module: a test runner's loader to its hook, a library to the engine. */
function onRequired(name: string, moduleExports: unknown, baseDir: string): unknown {
  if (Object.hasOwn(FOREIGN_LOADERS, name)) {
    onForeignLoader(name, moduleExports);
    return undefined;
  }
  return safeOnLoad(name, moduleExports, baseDir);
}

/**
 * Installs the shared require hook (once per process), or updates the modules it watches. It
 * sees `require()` and Node's ES module loader loading a CommonJS package, as in
 * `import brain from 'brain.js'` (or by path, as vitest does for the packages it leaves to
 * Node). Prototype patches reach such an importer; replacement exports do from Node 24 (earlier
 * versions build the namespace from the exports the module set itself).
 */
export function installRequireHook(): void {
  const modules = hookedModules();
  if (!autologState.requireHook || !sameModules(autologState.requireHook.modules, modules)) {
    const hook = {
      modules,
      unhook: () => {
        if (autologState.requireHook === hook) autologState.requireHook = undefined;
      },
    };
    autologState.requireHook = hook;
  }
  installLoadHook(onRequired);
}

/**
 * Installs the shared import hook. Only meaningful once import-in-the-middle's loader is
 * registered (the `--import` entry does that), so only that entry calls it.
 */
export function installImportHook(): void {
  const modules = watchedModules();
  if (autologState.importHook && sameModules(autologState.importHook.modules, modules)) return;
  autologState.importHook?.unhook();
  // NB: loaded here: the CommonJS preload never needs it.
  const { Hook: ImportHook } = require('import-in-the-middle') as typeof import('import-in-the-middle');
  // NB: `internals` reports a file of a watched package imported by path or URL as
  // `<package>/<file>`: it is the package itself when it is the package's ES module entry.
  const hook = new ImportHook(modules, { internals: true }, (namespace, reported, baseDir, format) => {
    const name = entryName(reported, baseDir || undefined, modules);
    if (name === undefined) return;
    // NB: for a CommonJS module the namespace's `default` is its module.exports: patch that one
    // object, the same one require() returns, so both hooks agree on what is patched.
    const cjs = format === 'commonjs' || (format === undefined && namespace.default !== undefined && typeof namespace.default === 'object');
    const replacement = safeOnLoad(name, cjs ? namespace.default : namespace, baseDir || undefined);
    if (replacement !== undefined) {
      try {
        replaceInNamespace(namespace as Record<string, unknown>, replacement, cjs);
      } catch (error) {
        warn(`autologging could not patch ${name} for ES module importers`, error);
      }
    }
  });
  autologState.importHook = { unhook: () => hook.unhook(), modules };
}

/**
 * Finds watched modules already in `require.cache` (loaded before autologging started, e.g.
 * `autolog()` called after `require('@tensorflow/tfjs')` or a static ESM import of it) and hands
 * their cached exports to the engine. Prototype patches reach every earlier holder of them. A
 * jest-runtime found there (the jest setup file runs inside one) is hooked.
 */
export function patchAlreadyLoaded(): void {
  const modules = hookedModules();
  for (const [filename, cached] of Object.entries(require.cache)) {
    if (!cached?.loaded) continue;
    const main = mainFileOf(filename, modules);
    if (!main) continue;
    if (Object.hasOwn(FOREIGN_LOADERS, main.name)) onForeignLoader(main.name, cached.exports);
    else safeOnLoad(main.name, cached.exports, main.baseDir);
  }
}

/**
 * For the import loader's include list: a file anywhere in a watched package's own folder (not in
 * a package nested below it), by URL.
 */
export function packageFilePatterns(modules: readonly string[]): RegExp[] {
  return modules.map((name) => new RegExp(`/node_modules/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?!.*/node_modules/)`));
}

/** The package name when import-in-the-middle reports the package itself or its ES module entry. */
function entryName(reported: string, baseDir: string | undefined, modules: readonly string[]): string | undefined {
  if (modules.includes(reported)) return reported;
  const name = modules.find((m) => reported.startsWith(m + sep));
  if (name === undefined || !baseDir) return undefined;
  const { esmEntryOf } = require('./package-entry') as typeof import('./package-entry');
  const entry = esmEntryOf(baseDir);
  return entry !== undefined && join(baseDir, reported.slice(name.length + 1)) === entry ? name : undefined;
}
