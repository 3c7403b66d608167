/**
 * What `safePatch` (async methods) and `safePatchSync` / `safePatchConstructor` (synchronous
 * methods and training constructors) share: the lazily loaded modules a patched call needs, and
 * the decision whether a call is autologged at all.
 */
import { MlflowAutologError } from '../errors';
import { integrationConfig } from './env-options';
import type { AutologSession } from './session';
import { autologState } from './state';
import type { IntegrationConfig } from './types';

/**
 * The modules a patched call needs, loaded at the first autologged call.
 * NB: not at import: the preload (which NODE_OPTIONS may put in every node process) then costs
 * only the hooks and the options, not the HTTP client and stores (~100 ms).
 */
export function callModules() {
  return {
    fluent: require('../tracking/fluent') as typeof import('../tracking/fluent'),
    background: require('../tracking/background') as typeof import('../tracking/background'),
    session: require('./session') as typeof import('./session'),
    tracing: require('./tracing') as typeof import('./tracing'),
  };
}

/** What the original did: returned `value` or threw `error`. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The error boundary both adapters share (`safePatch` for async trainers, `safePatchSync` for
 * synchronous ones): the `call` a patch gets, which runs the original at most once and records
 * what it did, the test of whether an error is the original's own, and the fallback that runs
 * the original when the agent failed before calling it.
 */
export class Boundary<Args extends unknown[], Result> {
  /** What the original did; for a promise, set once it settles. */
  outcome: Outcome | undefined;
  /** Settles when the original's promise does (async trainers). */
  settled: Promise<void> | undefined;
  private called = false;

  constructor(
    private readonly session: AutologSession,
    private readonly method: string,
    private readonly invoke: (args: Args) => unknown,
    /** Async trainers: a promise returned is the result to wait for; a synchronous trainer's value is its result as it is. */
    private readonly awaitsPromise: boolean,
  ) {}

  /** Runs the original (once: a second call is an agent error); its result or throw is the caller's. */
  readonly call = (...args: Args): Result => {
    if (this.called) throw new MlflowAutologError(`${this.session.integration} autologging tried to call ${this.method} twice`);
    this.called = true;
    let returned: unknown;
    try {
      returned = this.invoke(args);
    } catch (error) {
      this.outcome = { ok: false, error };
      throw error;
    }
    if (this.awaitsPromise && isThenable(returned)) {
      this.settled = Promise.resolve(returned).then(
        (value) => void (this.outcome = { ok: true, value }),
        (error: unknown) => void (this.outcome = { ok: false, error }),
      );
    } else {
      this.outcome = { ok: true, value: returned };
    }
    return returned as Result;
  };

  /** Whether the original has been called. */
  get wasCalled(): boolean {
    return this.called;
  }

  /**
   * After the patch: an error from it is the session's one warning unless it is the original's
   * own (which reaches the caller unchanged); if the agent failed before calling the original,
   * the original runs now.
   */
  settle(patchError: { error: unknown } | undefined, args: Args): void {
    if (patchError && !(this.outcome !== undefined && !this.outcome.ok && this.outcome.error === patchError.error)) this.session.fail(patchError.error);
    if (this.called) return;
    try {
      this.call(...args);
    } catch {
      // NB: recorded in `outcome`; the adapter rethrows it as it is.
    }
  }
}

function insideSession(integration: string): boolean {
  for (let frame = autologState.sessions.getStore(); frame; frame = frame.parent) {
    if (frame.integration === integration) return true;
  }
  return false;
}

/**
 * The integration's settings when autologging should handle this call, else undefined: not
 * configured, disabled, nested in a call of the same integration, or (`exclusive`) inside a run
 * the user started.
 */
export function configForCall(integration: string): IntegrationConfig | undefined {
  const { config } = autologState;
  if (!config) return undefined;
  const settings = integrationConfig(config, integration);
  if (settings.disable || insideSession(integration)) return undefined;
  if (settings.exclusive) {
    const run = callModules().fluent.activeRun();
    if (run && run.managedBy === undefined) return undefined;
  }
  return settings;
}
