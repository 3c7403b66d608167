/**
 * Autologging's process-wide state, on `globalThis` under a registered symbol so that the
 * `--require` and `--import` entry points, `autolog()` and any second copy of this package share
 * one configuration, one set of hooks and one record of patched modules.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AutologConfig } from './env-options';
import type { Instrumentation } from './types';

/** A copy of an instrumented module that the hooks have seen. */
export interface LoadedModule {
  instrumentation: Instrumentation;
  /** The module's name (one of the instrumentation's manifests); absent in records of older copies. */
  module?: string;
  /** The module's CommonJS exports (for an ESM namespace of a CJS module, its `default`). */
  exports: unknown;
  /** What `patch` returned to hand out instead of `exports`, if anything. */
  replacement?: unknown;
  version: string | undefined;
  baseDir: string | undefined;
  patched: boolean;
  /** Set once the version warning was printed for this copy. */
  warned: boolean;
  /** The configuration the engine last decided this copy with: loading it again under that one changes nothing. */
  appliedWith?: AutologConfig;
}

/** A training call being autologged; nested calls of the same integration pass straight through. */
export interface SessionFrame {
  integration: string;
  parent: SessionFrame | undefined;
}

export interface AutologState {
  /** Undefined until `autolog()` or a preload configured autologging. */
  config?: AutologConfig;
  /**
   * Set by a preload that left reading the environment to the first watched module (engine.ts
   * `applyPendingConfig`); cleared once a configuration is applied.
   */
  envConfigPending?: boolean;
  instrumentations: Map<string, Instrumentation>;
  loaded: LoadedModule[];
  /** The modules the require hook watches (require-hook.ts); unset, it watches none. */
  requireHook?: { unhook(): void; modules: string[] };
  importHook?: { unhook(): void; modules: string[] };
  /** Set once `Module._load` is wrapped (require-hook.ts). */
  loadHook?: boolean;
  /** Set when the ESM entry registered import-in-the-middle's loader. */
  esmLoaderRegistered: boolean;
  /** Set when a preload entry ran. */
  preloaded: boolean;
  sessions: AsyncLocalStorage<SessionFrame>;
}

const KEY = Symbol.for('mlflow-autolog.autolog-state');
const holder = globalThis as typeof globalThis & { [KEY]?: AutologState };

export const autologState: AutologState = (holder[KEY] ??= {
  instrumentations: new Map(),
  loaded: [],
  esmLoaderRegistered: false,
  preloaded: false,
  sessions: new AsyncLocalStorage<SessionFrame>(),
});
