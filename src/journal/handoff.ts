/**
 * The exit's handoff: when what is still queued at the natural end of a script would take the
 * server longer than the exit should wait, a detached child process sends it from the journal
 * once this process is gone, and the process ends at once. The child is replay (replay.ts) run
 * from `handoff-child.ts`: it claims the journal only after its writer has exited (and written it
 * whole), looks every run and model up by its token first, and leaves what it cannot send for the
 * next start or `mlflow-autolog sync`, as any replay does.
 */
import { spawn } from 'node:child_process';
import { extname, join } from 'node:path';
import type { MlflowClient } from '../tracking/client';
import { journalRoot } from './journal';

/**
 * Starts the detached child that sends `client`'s journals once this process has exited; resolves
 * to its pid, or undefined when it could not start (the journal then waits for the next start).
 */
export function handOffJournal(client: MlflowClient): number | undefined {
  const entry = join(__dirname, `handoff-child${extname(__filename)}`);
  const env: NodeJS.ProcessEnv = { ...process.env, MLFLOW_TRACKING_URI: client.trackingUri, MLFLOW_AUTOLOG_JOURNAL_DIR: journalRoot() };
  // NB: the child sends and ends; it must not autolog (or preload) anything itself.
  delete env.NODE_OPTIONS;
  // NB: credentials given in the tracking URI's user info are not in the URI the child gets.
  const { auth } = client.config.http;
  if (auth.kind === 'basic') Object.assign(env, { MLFLOW_TRACKING_USERNAME: auth.username, MLFLOW_TRACKING_PASSWORD: auth.password });
  else if (auth.kind === 'bearer') env.MLFLOW_TRACKING_TOKEN = auth.token;
  try {
    const child = spawn(process.execPath, [...(extname(__filename) === '.ts' ? ['--import', 'tsx'] : []), entry, String(process.pid)], {
      env,
      // NB: its own process group (a terminal's ^C for the script does not reach it), no console
      // window on Windows, and no stdio: it never prints where the script printed.
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
    });
    child.on('error', () => undefined);
    child.unref();
    return child.pid;
  } catch {
    return undefined;
  }
}
