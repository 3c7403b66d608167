/**
 * The end of a test file under a test runner that may end its worker processes right after the
 * last file (jest's and vitest's send SIGTERM, then SIGKILL half a second later; `--forceExit`
 * exits at once): too soon for the exit hooks to send what training logged in the background.
 */
import { warn } from '../util/logger';

/**
 * Waits until the runs autologged so far are complete on the server: their background work
 * done, everything they logged sent. At most `MLFLOW_AUTOLOG_EXIT_TIMEOUT` seconds (default 10,
 * as at a natural exit), and not at all once the server does not answer (the sender said so);
 * what is left stays in the journal. Never rejects.
 */
export async function settleRuns(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  try {
    // NB: loaded here, not at the top: a test file that trained nothing loads no tracking code.
    const { waitForBackground } = require('../tracking/background') as typeof import('../tracking/background');
    const { state } = require('../tracking/fluent-state') as typeof import('../tracking/fluent-state');
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, settleTimeoutMs())));
    // NB: waiting for a silent server would add the whole bound to every test file, for nothing.
    const silent = new Promise<void>((resolve) => (poll = setInterval(() => state.sender?.isReachable === false && resolve(), SILENCE_POLL_MS)));
    await Promise.race([waitForBackground().then(() => state.sender?.flush()), bound, silent]);
  } catch (error) {
    warn('autologging could not complete the runs of a test file', error);
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
  }
}

/** How often {@link settleRuns} asks the sender whether the server answers. */
const SILENCE_POLL_MS = 100;

/** How long {@link settleRuns} may take, in ms. */
export function settleTimeoutMs(): number {
  const seconds = Number(process.env.MLFLOW_AUTOLOG_EXIT_TIMEOUT ?? 10);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 10) * 1000;
}
