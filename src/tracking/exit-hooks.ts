/**
 * Ends open runs when the process ends, without changing how it ends.
 * - `beforeExit` (the event loop drained: the agent's own requests never keep it from draining):
 *   end open runs FINISHED and send what is queued, for at most `MLFLOW_AUTOLOG_EXIT_TIMEOUT`
 *   seconds. What is left then, or at once when what is queued should take the server longer
 *   than {@link HANDOFF_AFTER_MS} or that bound (a hundred runs from a loop of small trainings,
 *   say), a detached child sends from the journal once the process is gone (journal/handoff.ts),
 *   and the process ends. While the server does not answer, or with `MLFLOW_AUTOLOG_EXIT_HANDOFF`
 *   off, the agent's requests are aborted at the bound instead, and what is left stays in the
 *   journal for the next process or `mlflow-autolog sync` (the exit line says so).
 * - `exit` (every end that runs JavaScript: a natural end, `process.exit()` anywhere, an uncaught
 *   exception or unhandled rejection): synchronously, open runs are ended in the journal —
 *   FINISHED for exit code 0, FAILED otherwise or after an uncaught error — a local store's queue
 *   is written into it (exit-write.ts), and, if anything is still unsent, one summary says how
 *   much and how to send it.
 * - SIGINT / SIGTERM: open runs end KILLED; the agent sends for at most
 *   `MLFLOW_AUTOLOG_FLUSH_TIMEOUT` seconds, journals the rest and re-raises the signal if no one
 *   else listens for it, so the default behaviour and exit code (130 / 143) stay. During a
 *   synchronous training call the listeners are taken off ({@link suspendSignalHandlers}), so a
 *   signal ends the process at once, as without the agent; the journal has what was logged.
 * Listening to `exit` and `uncaughtExceptionMonitor` changes nothing in Node's own behaviour.
 */
import type { RunStatus } from '../store/types';
import { warn } from '../util/logger';
import { state } from './fluent-state';
import type { Sender } from './sender';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/**
 * How long sending what is queued may be expected to take (see `Sender.estimatedDrainMs`) for the
 * natural exit to wait for it; past that, it hands the journal to a background process. NB: a
 * constant: a run's own chain of requests (create, data, model, end) takes well under it.
 */
const HANDOFF_AFTER_MS = 2000;

function secondsFromEnv(variable: string, fallback: number): number {
  const seconds = Number(process.env[variable] ?? fallback);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback) * 1000;
}

/** What the hooks call: end every open run with `status` and send what is queued, unless `handOff` takes it. */
type EndOpenRuns = (status: 'FINISHED' | 'KILLED', handOff?: (sender: Sender) => boolean) => Promise<void>;

let endOpenRuns: EndOpenRuns = async () => undefined;
let exiting = false;
/** The pid of the background process the exit handed the journal to. */
let handedTo: number | undefined;
let uncaught = false;
let suspended = 0;

/** Installs the hooks once. */
export function installExitHooks(end: EndOpenRuns): void {
  endOpenRuns = end;
  if (state.exitHooksInstalled) return;
  state.exitHooksInstalled = true;
  process.on('beforeExit', onBeforeExit);
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onUncaught);
  if (suspended === 0) for (const signal of SIGNALS) process.once(signal, onSignal);
}

/**
 * Takes the agent's signal listeners off while a synchronous training call blocks the event loop
 * (a JavaScript listener could not run before it returns): a signal then acts as without the
 * agent. Returns the function that puts them back.
 */
export function suspendSignalHandlers(): () => void {
  suspended++;
  if (suspended === 1) for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    suspended--;
    if (suspended === 0 && state.exitHooksInstalled) {
      for (const signal of SIGNALS) if (!process.listeners(signal).includes(onSignal)) process.once(signal, onSignal);
    }
  };
}

function nothingToDo(): boolean {
  return state.open.size === 0 && (state.sender?.pendingValues ?? 0) === 0;
}

/** What was still unsent after the last `beforeExit`: the same again means the server is silent. */
let leftAtLastExit = -1;

function onBeforeExit(): void {
  if (exiting || nothingToDo()) return;
  // NB: beforeExit comes again once our own work drains; nothing new since: stop, let it exit.
  const pending = state.sender?.pendingValues ?? 0;
  if (pending === leftAtLastExit && state.open.size === 0) return;
  exiting = true;
  const boundMs = secondsFromEnv('MLFLOW_AUTOLOG_EXIT_TIMEOUT', 10);
  // NB: this timer keeps the process alive while the exit sends (the agent's sockets do not), and
  // ends the sending: what is left goes to a background process, or waits in the journal.
  const bound = setTimeout(() => {
    if (state.sender && handOff(state.sender)) return;
    state.client?.abortBackground();
  }, boundMs);
  const handOffIfSlow = (sender: Sender) => handedTo !== undefined || (sender.estimatedDrainMs() > Math.min(HANDOFF_AFTER_MS, boundMs) && handOff(sender));
  void endOpenRuns('FINISHED', handOffIfSlow).finally(() => {
    clearTimeout(bound);
    // NB: a server that does not answer must not keep the process: the journal has the rest.
    if (!nothingToDo()) state.client?.abortBackground();
    leftAtLastExit = state.sender?.pendingValues ?? 0;
    exiting = false;
  });
}

/**
 * Hands what is queued to a background process (journal/handoff.ts) and stops sending here; only
 * while the server answers: a silent one gets the journal and the exit line, as before.
 */
function handOff(sender: Sender): boolean {
  const client = state.client;
  if (handedTo !== undefined) return true;
  if (!client?.hasServer || sender.journal.path === undefined || !sender.isReachable || sender.pendingValues === 0) return false;
  const { exitHandOffByEnv } = require('../autolog/env-options') as typeof import('../autolog/env-options');
  if (!exitHandOffByEnv()) return false;
  const { handOffJournal } = require('../journal/handoff') as typeof import('../journal/handoff');
  handedTo = handOffJournal(client);
  if (handedTo === undefined) return false;
  // NB: the child sends from the journal once this process is gone; nothing here sends any more.
  sender.stop();
  client.abortBackground();
  return true;
}

function onUncaught(): void {
  uncaught = true;
}

function onExit(code: number): void {
  closeJournal(uncaught || code !== 0 ? 'FAILED' : 'FINISHED');
}

function onSignal(signal: NodeJS.Signals): void {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, secondsFromEnv('MLFLOW_AUTOLOG_FLUSH_TIMEOUT', 5)).unref());
  void Promise.race([endOpenRuns('KILLED'), timeout]).finally(() => {
    state.client?.abortBackground();
    closeJournal('KILLED');
    state.exitHooksInstalled = false;
    process.removeListener('beforeExit', onBeforeExit);
    process.removeListener('exit', onExit);
    process.removeListener('uncaughtExceptionMonitor', onUncaught);
    for (const other of SIGNALS) process.removeListener(other, onSignal);
    // NB: a listener removes Node's default action; re-raise it unless the app handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/**
 * Synchronously: ends the open runs in the journal with `status`, writes the journal and closes
 * it, and tells what is still unsent and how to send it.
 */
function closeJournal(status: RunStatus): void {
  const sender = state.sender;
  if (!sender) return;
  const endTime = Date.now();
  for (const run of [...state.open]) {
    run.ended = true;
    state.open.delete(run);
    sender.submit({ t: 'end', k: run.key, status: run.finalStatus ?? status, endTime });
  }
  sender.stop();
  let values = sender.pendingValues;
  const runs = sender.pendingRuns;
  let left = sender.journal.close();
  const client = state.client;
  if (values > 0 && sender.journal.path === undefined && client && !client.hasServer) {
    const { writeQueueAtExit } = require('../journal/exit-write') as typeof import('../journal/exit-write');
    ({ left: values, path: left } = writeQueueAtExit(sender, client.trackingUri, secondsFromEnv('MLFLOW_AUTOLOG_EXIT_TIMEOUT', 10)));
  }
  // NB: a model is saved asynchronously after training; an exit right after training ends it first.
  const unsaved = state.savingModels;
  if (unsaved > 0) warn(`${unsaved} autologged training call(s) had not saved their model when the process exited: those models are not logged (let the process end on its own, or await flush() before process.exit())`);
  if (values === 0) return;
  if (handedTo !== undefined && left) {
    warn(`${values} logged value(s) of ${runs} run(s) are still on their way to ${client?.trackingUri ?? 'the tracking server'}: a background process (pid ${handedTo}) sends them from ${left} now that this one has ended (or the next start does, or: npx mlflow-autolog sync)`);
    return;
  }
  const where = left
    ? `they are kept in ${left} and go in ${client?.hasServer ? 'at the next start, or now with: npx mlflow-autolog sync' : 'the next time this store is logged to'}`
    : 'they are lost (the journal could not be written)';
  warn(`${values} logged value(s) of ${runs} run(s) did not reach ${client?.trackingUri ?? 'the tracking server'}; those runs are incomplete there until then: ${where}`);
}
