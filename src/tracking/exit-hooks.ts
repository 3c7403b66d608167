/**
 * Ends open runs when the process ends, without changing how it ends.
 * - `beforeExit` (the event loop drained): flush, then end open runs FINISHED, as MLflow's
 *   `atexit` handler does.
 * - SIGINT / SIGTERM: flush for a bounded time, end open runs KILLED, then re-raise the signal
 *   if no one else listens for it, so the default behaviour and exit code (130 / 143) stay.
 */
import { state } from './fluent-state';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Seconds the signal handler may spend flushing (MLFLOW_AUTOLOG_FLUSH_TIMEOUT, default 5). */
function flushTimeoutMs(): number {
  const seconds = Number(process.env.MLFLOW_AUTOLOG_FLUSH_TIMEOUT ?? 5);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 5000;
}

let exiting = false;
let endOpenRuns: (status: 'FINISHED' | 'KILLED') => Promise<void> = async () => undefined;

/** Installs the hooks once; `end` flushes and ends every open run with the given status. */
export function installExitHooks(end: (status: 'FINISHED' | 'KILLED') => Promise<void>): void {
  endOpenRuns = end;
  if (state.exitHooksInstalled) return;
  state.exitHooksInstalled = true;
  process.on('beforeExit', onBeforeExit);
  for (const signal of SIGNALS) process.once(signal, onSignal);
}

function onBeforeExit(): void {
  if (exiting || (state.open.size === 0 && (state.queue?.size ?? 0) === 0)) return;
  exiting = true;
  void endOpenRuns('FINISHED').finally(() => {
    exiting = false;
  });
}

function onSignal(signal: NodeJS.Signals): void {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, flushTimeoutMs()).unref());
  void Promise.race([endOpenRuns('KILLED'), timeout]).finally(() => {
    state.exitHooksInstalled = false;
    process.removeListener('beforeExit', onBeforeExit);
    for (const other of SIGNALS) process.removeListener(other, onSignal);
    // NB: a listener removes Node's default action; re-raise it unless the app handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}
