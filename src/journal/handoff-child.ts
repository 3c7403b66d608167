/**
 * The detached child of the exit's handoff (handoff.ts): `node handoff-child.js <writer pid>`
 * waits for the writer to exit, then replays every journal of `MLFLOW_TRACKING_URI` whose writer
 * is gone, and ends. Its output goes nowhere: what it cannot send stays journaled.
 */
import { MlflowClient } from '../tracking/client';
import { journaledExperiment, replayAll } from './replay';

/** How often the writer is looked for, and for how long at most (a writer that lives on keeps its journal). */
const POLL_MS = 20;
const WAIT_MAX_MS = 10 * 60_000;

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

main().then(
  () => process.exit(0),
  () => process.exit(1),
);
