/**
 * Autologging under jest. Jest loads a test file's modules itself (jest-runtime, into a vm
 * context per test file), not through Node's `require`, so the require hook never sees
 * `brain.js` there. This hooks jest-runtime's loader: after each fresh load of the main file of
 * a watched package, its exports go to the engine (as require-in-the-middle's would), and the
 * test file's end waits until its runs are complete.
 *
 * The agent stays in the host realm (./host-realm.ts), where jest's loader runs too: the
 * wrappers here call the current agent through a registered symbol, so that a second
 * copy of this package replaces the handler instead of stacking wrappers. A test file that
 * requires this package itself gets the host realm's copy: one agent, one API state.
 */
import { join, sep } from 'node:path';
import { warn } from '../util/logger';
import { forgetModules } from './engine';
import { mainFileOf, safeOnLoad, watchedModules } from './hooks';
import { settleRuns } from './settle';
import { unwrap, wrap } from './shimmer';

// ---- what this needs of jest-runtime (internals, not its public API) ----

/** A module as jest's registry holds it. */
interface JestModule {
  exports: unknown;
  loaded: boolean;
}

interface JestEnvironment {
  teardown?: (...args: unknown[]) => Promise<void>;
}

/**
 * `this` of the loader function: jest 29 – 30.3's `Runtime` (`_loadModule`, `_environment`),
 * or 30.4+'s `CjsLoader` (`loadModule`, `environment`), reached through `runtime.cjsLoader`.
 */
interface JestLoader {
  _environment?: JestEnvironment;
  environment?: JestEnvironment;
  cjsLoader?: object;
}

type LoadModule = (localModule: JestModule, from: string, moduleName: string | undefined, modulePath: string, options?: { isInternalModule?: boolean }) => void;

interface Handler {
  /** True for a file of the agent's own package (dist/), which the host realm serves. */
  owns(modulePath: string): boolean;
  loaded(loader: JestLoader, localModule: JestModule, modulePath: string): void;
}

const HOOKED = Symbol.for('mlflow-autolog.jest-runtime.hooked');
const HANDLER = Symbol.for('mlflow-autolog.jest-runtime.handler');
const holder = globalThis as typeof globalThis & { [HANDLER]?: Handler };
const NODE_MODULES = `${sep}node_modules${sep}`;
/** This package's build (this file is dist/src/autolog/jest-runtime.js; none when run from source). */
const OWN_BUILD = join(__dirname, '..', '..') + sep;
const IS_BUILD = OWN_BUILD.endsWith(`${sep}dist${sep}`);

// ---- installation ----

/**
 * Hooks one copy of jest-runtime (its exports, whose `default` is the `Runtime` class). Safe to
 * call again, from any copy of this package: each prototype is wrapped once.
 */
export function hookJestRuntime(moduleExports: unknown): void {
  holder[HANDLER] = { owns: (modulePath) => IS_BUILD && modulePath.startsWith(OWN_BUILD), loaded };
  const exported = moduleExports as { default?: unknown } | undefined;
  const Runtime = (typeof exported?.default === 'function' ? exported.default : moduleExports) as { prototype?: Record<string, unknown> } | undefined;
  const proto = Runtime?.prototype;
  if (typeof proto?.requireModule !== 'function') throw new Error('this jest-runtime has no Runtime.prototype.requireModule (jest 29 and 30 have it)');
  // NB: jest 29 – 30.3: Runtime.prototype._loadModule(localModule, from, moduleName, modulePath, options, registry),
  // https://github.com/jestjs/jest/blob/v30.3.0/packages/jest-runtime/src/index.ts#L1126
  if (typeof proto._loadModule === 'function') hookOnce(proto, '_loadModule', wrapLoadModule);
  // NB: 30.4+ moved it, same arguments, to CjsLoader.prototype.loadModule; CjsLoader is not
  // exported, so it is hooked through the first runtime that requires a module,
  // https://github.com/jestjs/jest/blob/v30.4.0/packages/jest-runtime/src/internals/CjsLoader.ts
  else hookOnce(proto, 'requireModule', wrapRequireModule);
}

function hookOnce(proto: Record<string | symbol, unknown>, name: string, wrapper: (original: Function) => Function): void {
  if (Object.hasOwn(proto, HOOKED)) return;
  wrap(proto, name, wrapper);
  Object.defineProperty(proto, HOOKED, { value: true, configurable: true });
}

function wrapRequireModule(original: Function): Function {
  let warned = false;
  return function requireModule(this: JestLoader, ...args: unknown[]): unknown {
    const cjsLoader = this.cjsLoader as Record<string | symbol, unknown> | undefined;
    const proto = cjsLoader && (Object.getPrototypeOf(cjsLoader) as Record<string | symbol, unknown>);
    if (typeof proto?.loadModule === 'function') {
      if (!Object.hasOwn(proto, HOOKED)) guarded(() => hookOnce(proto, 'loadModule', wrapLoadModule));
    } else if (!warned) {
      warned = true;
      warn('autologging does not know this jest version (no module loader found in jest-runtime): training in its tests is not logged');
    }
    return original.apply(this, args);
  };
}

function wrapLoadModule(original: Function): Function {
  return function loadModule(this: JestLoader, ...args: Parameters<LoadModule>): unknown {
    const [localModule, , , modulePath, options] = args;
    const handler = holder[HANDLER];
    if (handler && typeof modulePath === 'string' && handler.owns(modulePath) && !options?.isInternalModule) {
      // NB: as jest leaves its end state: the exports, loaded (the registry entry is made already).
      localModule.exports = require(modulePath) as unknown;
      localModule.loaded = true;
      return undefined;
    }
    const result: unknown = original.apply(this, args);
    // NB: jest's own modules (the test framework) load as internal modules: never ours.
    if (handler && typeof modulePath === 'string' && modulePath.includes(NODE_MODULES) && !options?.isInternalModule) {
      guarded(() => handler.loaded(this, localModule, modulePath));
    }
    return result;
  };
}

let failed = false;

function guarded(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    // NB: a throw here would fail the user's require in the test, not the agent; and one warning
    // is enough, though the loader calls this for every module.
    if (!failed) warn('autologging under jest failed', error);
    failed = true;
  }
}

// ---- one test file ----

/** The exports each test file's environment loaded (the engine's records of them go with it). */
const loadedIn = new WeakMap<JestEnvironment, Set<unknown>>();

function loaded(loader: JestLoader, localModule: JestModule, modulePath: string): void {
  if (!localModule.loaded) return;
  const main = mainFileOf(modulePath, watchedModules());
  if (!main) return;
  const moduleExports = localModule.exports;
  const replacement = safeOnLoad(main.name, moduleExports, main.baseDir);
  if (replacement !== undefined) localModule.exports = replacement;
  const environment = loader._environment ?? loader.environment;
  if (environment) track(environment, moduleExports);
}

/**
 * Remembers `moduleExports` as loaded in `environment`, and (once per environment) makes its
 * teardown, which jest awaits before it reports the test file, wait for the file's runs first.
 */
function track(environment: JestEnvironment, moduleExports: unknown): void {
  let seen = loadedIn.get(environment);
  if (seen) {
    seen.add(moduleExports);
    return;
  }
  seen = new Set([moduleExports]);
  loadedIn.set(environment, seen);
  if (typeof environment.teardown !== 'function') return;
  const exports = seen;
  wrap(environment, 'teardown', (original) => {
    return async function teardown(this: JestEnvironment, ...args: unknown[]): Promise<void> {
      unwrap(environment, 'teardown');
      await settleRuns();
      forgetModules(exports);
      return (original as NonNullable<JestEnvironment['teardown']>).apply(this, args);
    };
  });
}

// ---- autolog() called by a copy of this package inside a test file ----

/**
 * Hands the watched modules a test file loaded before it called `autolog()` (its sandbox's
 * `require.cache`, as `[filename, exports]`) to the engine, and returns the function that, at the
 * file's end, waits for its runs and forgets those copies.
 */
export function adoptLoaded(entries: readonly (readonly [string, unknown])[]): () => Promise<void> {
  const adopted = new Set<unknown>();
  const modules = watchedModules();
  for (const [filename, moduleExports] of entries) {
    const main = mainFileOf(filename, modules);
    if (!main) continue;
    safeOnLoad(main.name, moduleExports, main.baseDir);
    adopted.add(moduleExports);
  }
  return async () => {
    await settleRuns();
    forgetModules(adopted);
  };
}
