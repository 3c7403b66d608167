/**
 * The detached child of the exit's handoff (handoff.ts): `node handoff-child.js <writer pid>`
 * waits for the writer to exit, then replays every journal of `MLFLOW_TRACKING_URI` whose writer
 * is gone, and ends. Its output goes nowhere (its stdio is ignored): a failure is one line in
 * `handoff.log` beside the journals, and what it cannot send stays journaled for the next start
 * or `mlflow-autolog sync`, as any replay leaves it.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { MlflowClient } from '../tracking/client';
import { journalRoot } from './journal';
import { journaledExperiment, replayAll } from './replay';

/** How often the writer is looked for, and for how long at most (a writer that lives on keeps its journal). */
const POLL_MS = 20;
const WAIT_MAX_MS = 10 * 60_000;
/**
 * How long the child lives at most, whatever the server does: a replay gives up on a silent server
 * after a few seconds, and one throttling it for longer than this leaves the rest journaled.
 */
const LIFE_MAX_MS = 20 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function main(): Promise<void> {
  const writer = Number(process.argv[2]);
  const deadline = Date.now() + WAIT_MAX_MS;
  while (alive(writer)) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const client = new MlflowClient({ trackingUri: process.env.MLFLOW_TRACKING_URI });
  await replayAll(client, journaledExperiment(client));
}

// NB: the agent's sockets and retry waits never keep a process alive (they serve a host's
// training); sending is this process's whole job, so it lives until the replay is over.
const life = setInterval(() => undefined, 1 << 30);
setTimeout(() => process.exit(2), LIFE_MAX_MS).unref();
main().then(
  () => process.exit(0),
  (error: unknown) => {
    clearInterval(life);
    try {
      appendFileSync(join(journalRoot(), 'handoff.log'), `${new Date().toISOString()} pid ${process.pid}: ${(error as Error)?.stack ?? String(error)}\n`);
    } catch {
      // NB: nowhere to say it: the journal keeps what was not sent.
    }
    process.exit(1);
  },
);
