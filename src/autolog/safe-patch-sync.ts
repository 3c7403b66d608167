/**
 * `safePatchSync` and `safePatchConstructor`: the error boundary of `safePatch` (safe-patch.ts)
 * for libraries that train synchronously, in a method (`train(X, y)`) or in their constructor
 * (`new KNN(X, y)`).
 *
 * Everything `safePatch` promises holds: the original's value or error passes through as the
 * same object, an agent error is one warning (a throw in testing mode) and the original still
 * runs exactly once, calls get a managed run, `exclusive` and the re-entrancy guard apply, and
 * the core fault points are met. What differs is time: the caller gets the original's result
 * synchronously, so the run is created, flushed and ended (FINISHED / FAILED) in the background.
 * That background work is tracked: `flush()` and the exit hooks wait for it. While the original
 * runs, the agent's signal listeners are off, so a signal acts as it would without the agent.
 */
import type { Span } from '@opentelemetry/api';
import type { RunStatus } from '../store/types';
import { isTestingMode } from '../util/logger';
import { Boundary, callModules, configForCall, type Outcome } from './patch-common';
import type { AutologSession } from './session';
import { isWrapped, wrap } from './shimmer';
import { autologState, type SessionFrame } from './state';
import type { IntegrationConfig } from './types';

/**
 * The agent's side of a synchronous call. `call` runs the original (at most once; the patch may
 * change the arguments) and returns its result; what the caller gets is the original's result or
 * error, whatever the patch does. Work that must wait (uploads) goes to `session.track`.
 * For a constructor, `self` is the class being constructed (`new.target`) and `call` returns the
 * new instance.
 */
export type SyncPatchFunction<Self, Args extends unknown[], Result> = (
  call: (...args: Args) => Result,
  self: Self,
  args: Args,
  session: AutologSession,
) => void;

/** Options of {@link safePatchSync} and {@link safePatchConstructor}. */
export interface SyncPatchOptions {
  /**
   * Calls for which this returns true pass straight through to the original, unlogged (e.g. a
   * library's internal use of another patched class: the trees a random forest trains). Only
   * asked for calls that would otherwise be autologged; a throw counts as false.
   */
  skip?: (self: unknown, args: unknown[]) => boolean;
}

function skipped(options: SyncPatchOptions | undefined, self: unknown, args: unknown[]): boolean {
  if (!options?.skip) return false;
  try {
    return options.skip(self, args);
  } catch {
    return false;
  }
}

/**
 * safePatch for synchronous methods: same error boundary, managed run, exclusive, re-entrancy
 * guard, fault points and testing-mode semantics as safePatch; the original's return value (or
 * throw) passes through unchanged and synchronously; the managed run is ended (FINISHED / FAILED)
 * and flushed in the background, tracked so that `flush()`/beforeExit and the next training call
 * wait for it. The wrapper keeps `this`, the name and length; `unwrap(target, name)` restores it.
 */
export function safePatchSync<Self extends object, Args extends unknown[], Result>(
  integration: string,
  target: object,
  name: string,
  patch: SyncPatchFunction<Self, Args, Result>,
  options?: SyncPatchOptions,
): void {
  wrap(target, name, (original) => {
    const patched = function (this: Self, ...args: Args): unknown {
      const config = configForCall(integration);
      if (!config || skipped(options, this, args)) return original.apply(this, args);
      return runPatchedSync(integration, name, config, (callArgs) => original.apply(this, callArgs), this, args, patch);
    };
    Object.defineProperty(patched, 'name', { value: original.name, configurable: true });
    Object.defineProperty(patched, 'length', { value: original.length, configurable: true });
    return patched;
  });
}

/** Markers on a patched constructor (shimmer's, so `isWrapped` recognizes it), and its patch. */
interface PatchedConstructor extends Function {
  __original: Function;
  __wrapped: true;
  __unwrap: () => void;
  __patch: SyncPatchFunction<object, unknown[], object>;
  __options: SyncPatchOptions | undefined;
}

type Constructor = new (...args: unknown[]) => object;

/** One patched class per original class and integration: patching again reuses it (with the newest patch). */
const patchedClasses = new WeakMap<Function, Map<string, PatchedConstructor>>();
/** One replacement exports object per frozen namespace. */
const replacements = new WeakMap<object, Record<string | symbol, unknown>>();

/**
 * The class that stands in for `Original`: `new` on it (or on a subclass of it) constructs an
 * `Original` inside the boundary of {@link safePatchSync}. The same class is returned for the
 * same `Original` and integration, with `patch` as its patch from now on. For modules whose
 * `module.exports` is the class itself (ml-knn, ml-regression-multivariate-linear): the
 * instrumentation returns this class as the module's replacement exports.
 */
export function safePatchClass(integration: string, Original: Function, patch: SyncPatchFunction<object, unknown[], object>, options?: SyncPatchOptions): Function {
  let byIntegration = patchedClasses.get(Original);
  if (!byIntegration) patchedClasses.set(Original, (byIntegration = new Map()));
  let Patched = byIntegration.get(integration);
  if (!Patched) byIntegration.set(integration, (Patched = patchedConstructor(integration, Original as Constructor)));
  Patched.__patch = patch;
  Patched.__options = options;
  return Patched;
}

function patchedConstructor(integration: string, Original: Constructor): PatchedConstructor {
  const Patched = function (this: unknown, ...args: unknown[]): object {
    // NB: called without `new`, behave as the original does (a class throws its own TypeError).
    if (!new.target) return (Original as unknown as Function).apply(this, args) as object;
    const newTarget = (new.target as unknown) === Patched ? Original : new.target;
    const construct = (callArgs: unknown[]) => Reflect.construct(Original, callArgs, newTarget) as object;
    const config = configForCall(integration);
    if (!config || skipped(Patched.__options, newTarget, args)) return construct(args);
    return runPatchedSync(integration, Original.name || 'constructor', config, construct, newTarget as object, args, Patched.__patch) as object;
  } as unknown as PatchedConstructor;
  // NB: the same prototype object and the original as [[Prototype]]: `instanceof` holds both ways
  // (instances of the original are instances of the patched class and vice versa), statics such
  // as `load` are inherited, and instances' `constructor` is still the original.
  Object.defineProperty(Patched, 'prototype', { value: Original.prototype, writable: false });
  Object.setPrototypeOf(Patched, Original);
  Object.defineProperty(Patched, 'name', { value: Original.name, configurable: true });
  Object.defineProperty(Patched, 'length', { value: Original.length, configurable: true });
  const markers: [string, unknown][] = [['__original', Original], ['__wrapped', true], ['__unwrap', () => undefined], ['__patch', undefined], ['__options', undefined]];
  for (const [key, value] of markers) Object.defineProperty(Patched, key, { configurable: true, enumerable: false, writable: true, value });
  return Patched;
}

/**
 * For libraries whose CONSTRUCTOR trains (ml-knn, ml-regression*, ml-pca, MLR): replaces
 * `moduleExports[exportName]` with a class whose construction runs `patch` inside the same
 * boundary as {@link safePatchSync}; `instanceof`, static methods (`load`) and `name` keep
 * working; undo with {@link unwrapConstructor}. Patching twice leaves one layer.
 *
 * When the export cannot be replaced in place (a frozen namespace, e.g. an ES module loaded with
 * `require`, or a getter re-export), returns a replacement exports object (every export copied,
 * this one patched; the same object for every export of the same namespace) for the module hook
 * to hand out instead; otherwise returns undefined.
 */
export function safePatchConstructor(
  integration: string,
  moduleExports: object,
  exportName: string,
  patch: SyncPatchFunction<object, unknown[], object>,
  options?: SyncPatchOptions,
): object | undefined {
  const record = moduleExports as Record<string, unknown>;
  let current = record[exportName];
  if (isWrapped(current)) {
    unwrapConstructor(moduleExports, exportName);
    current = record[exportName];
    if (isWrapped(current)) current = current.__original;
  }
  if (typeof current !== 'function') throw new TypeError(`cannot patch ${exportName}: it is ${typeof current}, not a class`);
  const Patched = safePatchClass(integration, current, patch, options) as PatchedConstructor;
  const descriptor = Object.getOwnPropertyDescriptor(moduleExports, exportName);
  const replaceable = descriptor === undefined ? Object.isExtensible(moduleExports) : descriptor.configurable || (descriptor.writable ?? false);
  if (!replaceable) {
    let copy = replacements.get(moduleExports);
    if (!copy) {
      copy = {};
      for (const key of Reflect.ownKeys(moduleExports)) copy[key] = record[key as string];
      replacements.set(moduleExports, copy);
    }
    copy[exportName] = Patched;
    return copy;
  }
  Patched.__unwrap = () => {
    // NB: restore only if our class is still in place (shimmer's "soft unwrap").
    if (record[exportName] !== Patched) return;
    if (descriptor) Object.defineProperty(moduleExports, exportName, descriptor);
    else delete record[exportName];
  };
  if (descriptor?.configurable === false) record[exportName] = Patched;
  else Object.defineProperty(moduleExports, exportName, { configurable: true, enumerable: descriptor?.enumerable ?? true, writable: true, value: Patched });
  return undefined;
}

/** Restores the class {@link safePatchConstructor} replaced in place; does nothing if it is not ours. */
export function unwrapConstructor(moduleExports: object, exportName: string): void {
  const current = (moduleExports as Record<string, unknown>)[exportName];
  if (isWrapped(current)) current.__unwrap();
}

/** The one synchronous training call: the boundary, then the run's end in the background. */
function runPatchedSync<Self, Args extends unknown[], Result>(
  integration: string,
  method: string,
  config: IntegrationConfig,
  invoke: (args: Args) => unknown,
  self: Self,
  args: Args,
  patch: SyncPatchFunction<Self, Args, Result>,
): unknown {
  const { background, tracing } = callModules();
  // NB: loaded at the first training call, as callModules(): patching a library loads neither.
  const { context, trace } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { suspendSignalHandlers } = require('../tracking/exit-hooks') as typeof import('../tracking/exit-hooks');
  // NB: a JavaScript signal listener cannot run while training blocks the event loop: without
  // ours, a signal ends the process at once, as it would without the agent (the journal has
  // what was logged so far).
  const resumeSignals = suspendSignalHandlers();
  const task = background.startBackgroundTask();
  const frame: SessionFrame = { integration, parent: autologState.sessions.getStore() };
  const span = trace.getTracer('mlflow-autolog').startSpan(`mlflow-autolog ${integration}.${method}`, { attributes: { [tracing.ATTR_INTEGRATION]: integration } });
  let session: AutologSession | undefined;
  let outcome: Outcome | undefined;
  try {
    return task.within(() =>
      autologState.sessions.run(frame, () =>
        context.with(trace.setSpan(context.active(), span), () => {
          session = new (callModules().session.AutologSession)(integration, config, span);
          outcome = boundary(session, invoke, self, args, patch, method);
          if (isTestingMode() && session.agentError !== undefined) throw session.agentError;
          if (!outcome.ok) throw outcome.error;
          return outcome.value;
        }),
      ),
    );
  } finally {
    resumeSignals();
    const agentThrows = isTestingMode() && session?.agentError !== undefined;
    const status: RunStatus = outcome?.ok && !agentThrows ? 'FINISHED' : 'FAILED';
    task.finish(() => endInBackground(session, status, span));
  }
}

/** Runs the patch and the original (exactly once) synchronously; returns what the original did. */
function boundary<Self, Args extends unknown[], Result>(
  session: AutologSession,
  invoke: (args: Args) => unknown,
  self: Self,
  args: Args,
  patch: SyncPatchFunction<Self, Args, Result>,
  method: string,
): Outcome {
  const core = new Boundary<Args, Result>(session, method, invoke, false);
  try {
    // NB: no system metrics sampler: a synchronous trainer blocks the event loop it would run on.
    session.begin(false);
  } catch (error) {
    session.fail(error);
  }
  session.inContext(() => {
    let patchError: { error: unknown } | undefined;
    if (!session.failed && session.run) {
      try {
        session.fault('before-original');
        patch(core.call, self, args, session);
        if (core.wasCalled) session.fault('after-original');
      } catch (error) {
        patchError = { error };
      }
    }
    core.settle(patchError, args);
  });
  return core.outcome!;
}

/**
 * After the call: `session.end` (agent work, then the managed run's end, journaled). Resolves to
 * the agent error to throw from `flush()` in testing mode, if one happened in the background.
 */
async function endInBackground(session: AutologSession | undefined, status: RunStatus, span: Span): Promise<unknown> {
  const errorBefore = session?.agentError;
  try {
    if (!session) return undefined;
    await session.end(status);
    return isTestingMode() && errorBefore === undefined ? session.agentError : undefined;
  } finally {
    span.end();
  }
}
