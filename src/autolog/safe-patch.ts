/**
 * `safePatch`, MLflow's `safe_patch` (`mlflow/utils/autologging_utils/safety.py`): the one error
 * boundary between a library and the agent.
 *
 * - The library's return value and errors pass through unchanged (the same objects; for an async
 *   function, its promise's value or rejection reason).
 * - An error inside the agent is one warning ("Encountered unexpected error during <integration>
 *   autologging: …") and training goes on as if the agent were absent: if the agent failed
 *   before calling the original, the original still runs — and never twice.
 * - `MLFLOW_AUTOLOG_TESTING=true` turns agent errors into throws.
 * - Runs: with no active run the call gets a managed run (FINISHED, or FAILED when the original
 *   throws); `exclusive` skips calls inside the user's runs; nested calls of the same
 *   integration (Sequential.fit → LayersModel.fit) pass straight through.
 */
import { isTestingMode } from '../util/logger';
import { Boundary, callModules, configForCall } from './patch-common';
import type { AutologSession } from './session';
import { wrap } from './shimmer';
import { autologState, type SessionFrame } from './state';
import type { IntegrationConfig } from './types';

/**
 * The agent's side of a patched call. `call` runs the original (at most once; the patch may
 * change the arguments); its result or error is what the caller gets, whatever the patch does.
 */
export type PatchFunction<Self, Args extends unknown[], Result> = (
  call: (...args: Args) => Result,
  self: Self,
  args: Args,
  session: AutologSession,
) => Promise<void>;

/**
 * Wraps the async method `target[name]` with `patch` inside the error boundary described above.
 * The wrapper keeps `this`, the method's name and length; `unwrap(target, name)` restores it.
 *
 * Only for methods that return a promise: an autologged call returns a native promise of the
 * original's value (settling after training, plus at most `runEndTimeout` seconds for the agent to
 * complete the run; the rest goes on in the background). Synchronous trainers
 * use `safePatchSync` (safe-patch-sync.ts), which ends its run in the background.
 */
export function safePatch<Self, Args extends unknown[], Result>(
  integration: string,
  target: object,
  name: string,
  patch: PatchFunction<Self, Args, Result>,
): void {
  wrap(target, name, (original) => {
    const patched = function (this: Self, ...args: Args): unknown {
      const config = configForCall(integration);
      if (!config) return original.apply(this, args);
      return runPatched(integration, name, config, original, this, args, patch);
    };
    Object.defineProperty(patched, 'name', { value: original.name, configurable: true });
    Object.defineProperty(patched, 'length', { value: original.length, configurable: true });
    return patched;
  });
}

async function runPatched<Self, Args extends unknown[], Result>(
  integration: string,
  method: string,
  config: IntegrationConfig,
  original: Function,
  self: Self,
  args: Args,
  patch: PatchFunction<Self, Args, Result>,
): Promise<unknown> {
  const { session: sessionModule, tracing } = callModules();
  const frame: SessionFrame = { integration, parent: autologState.sessions.getStore() };
  return autologState.sessions.run(frame, () =>
    tracing.inSpan(`mlflow-autolog ${integration}.${method}`, { [tracing.ATTR_INTEGRATION]: integration }, async (span) => {
      const session: AutologSession = new sessionModule.AutologSession(integration, config, span);
      const boundary = new Boundary<Args, Result>(session, method, (callArgs) => original.apply(self, callArgs), true);

      // NB: never waits for the server: the run is created in the background.
      try {
        session.begin(true);
      } catch (error) {
        session.fail(error);
      }
      await session.inContext(async () => {
        let patchError: { error: unknown } | undefined;
        if (!session.failed && session.run) {
          try {
            session.fault('before-original');
            await patch(boundary.call, self, args, session);
            if (boundary.wasCalled) session.fault('after-original');
          } catch (error) {
            patchError = { error };
          }
        }
        boundary.settle(patchError, args);
        await boundary.settled;
      });
      const result = boundary.outcome!;
      const status = result.ok && !(isTestingMode() && session.agentError !== undefined) ? 'FINISHED' : 'FAILED';
      await endWithin(session, status, config.runEndTimeout * 1000);
      if (isTestingMode() && session.agentError !== undefined) throw session.agentError;
      if (!result.ok) throw result.error;
      return result.value;
    }),
  );
}

/**
 * Ends the session, waiting at most `ms` for it: past that the end goes on in the background
 * (tracked, so `flush()` and the exit hooks wait for it), and the training call returns.
 */
async function endWithin(session: AutologSession, status: 'FINISHED' | 'FAILED', ms: number): Promise<void> {
  const ending = session.end(status);
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([ending.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)))]);
  clearTimeout(timer);
  if (done) return;
  const errorBefore = session.agentError;
  callModules().background.startBackgroundTask().finish(async () => {
    await ending;
    return isTestingMode() && errorBefore === undefined ? session.agentError : undefined;
  });
}
