/**
 * The module hooks: ONE require-in-the-middle hook and ONE import-in-the-middle hook for every
 * instrumentation (a hook's cost grows with their number, node-internals 1.7), plus a scan of
 * `require.cache` for modules loaded before autologging started (node-internals 1.6). The same
 * hook and scan also watch for module loaders that bypass Node's `require` (jest's), so that
 * the instrumented modules they load reach the engine too.
 */
import Module = require('node:module');
import { isAbsolute, join, sep } from 'node:path';
import { Hook as RequireHook } from 'require-in-the-middle';
import { warn } from '../util/logger';
import { esmEntryOf } from './package-entry';
import { manifestsOf, onModuleLoaded } from './engine';
import { autologState } from './state';

/** The modules the instrumentations patch. */
export function watchedModules(): string[] {
  return [...new Set([...autologState.instrumentations.values()].flatMap((i) => manifestsOf(i).map((m) => m.module)))].sort();
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
 * The package a module file is the main file of, among `modules`: `<baseDir>` ends in
 * `node_modules/<name>` and resolving `<baseDir>` gives `filename` (what require-in-the-middle
 * reports with `internals: false`). Undefined for any other file.
 */
export function mainFileOf(filename: string, modules: readonly string[]): { name: string; baseDir: string } | undefined {
  for (const name of modules) {
    const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
    const at = filename.lastIndexOf(marker);
    if (at < 0) continue;
    const baseDir = filename.slice(0, at + marker.length - 1);
    try {
      // NB: resolving the package folder gives its main file, the one RITM would report.
      if (require.resolve(baseDir) === filename) return { name, baseDir };
    } catch {
      // a folder Node cannot resolve: not a main file
    }
  }
  return undefined;
}

function sameModules(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** The engine's verdict on a loaded module: the exports to hand out instead, if any. */
export function safeOnLoad(name: string, moduleExports: unknown, baseDir: string | undefined): unknown {
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

/** Installs (or, when the watched modules changed, replaces) the shared require hook. */
export function installRequireHook(): void {
  const modules = hookedModules();
  if (autologState.requireHook && sameModules(autologState.requireHook.modules, modules)) return;
  autologState.requireHook?.unhook();
  const hook = new RequireHook(modules, { internals: false }, (moduleExports, name, baseDir) => {
    if (Object.hasOwn(FOREIGN_LOADERS, name)) {
      onForeignLoader(name, moduleExports);
      return moduleExports;
    }
    return (safeOnLoad(name, moduleExports, baseDir) ?? moduleExports) as typeof moduleExports;
  });
  autologState.requireHook = { unhook: () => hook.unhook(), modules };
  installEsmEntryHook();
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * Node's ES module loader loads the main file of a CommonJS package through `Module._load` with
 * the file's path and no parent, not through `require`, so require-in-the-middle misses
 * `import brain from 'brain.js'` (node-internals 1.4), and so does import-in-the-middle when
 * the import names the file by path, as vitest does for the packages it leaves to Node. This
 * sees those loads. Prototype patches reach the importer; replacement exports do from Node 24
 * (earlier versions build the namespace from the exports the module set itself). Installed once
 * per process, never removed (like the require hook; the engine decides what is patched).
 */
function installEsmEntryHook(): void {
  if (autologState.esmEntryHook) return;
  autologState.esmEntryHook = true;
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  loader._load = function _load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const moduleExports = original.call(this, request, parent, isMain);
    // NB: `require()` always passes its module as the parent: only those loads are cheap to skip.
    if (parent != null || typeof request !== 'string' || !isAbsolute(request) || !request.includes(`${sep}node_modules${sep}`)) return moduleExports;
    const main = mainFileOf(request, watchedModules());
    return main ? (safeOnLoad(main.name, moduleExports, main.baseDir) ?? moduleExports) : moduleExports;
  };
}

/**
 * Installs the shared import hook. Only meaningful once import-in-the-middle's loader is
 * registered (the `--import` entry does that), so only that entry calls it.
 */
export function installImportHook(): void {
  const modules = watchedModules();
  if (autologState.importHook && sameModules(autologState.importHook.modules, modules)) return;
  autologState.importHook?.unhook();
  // NB: loaded lazily: the CommonJS preload never needs it.
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
  const entry = esmEntryOf(baseDir);
  return entry !== undefined && join(baseDir, reported.slice(name.length + 1)) === entry ? name : undefined;
}
