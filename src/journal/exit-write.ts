/**
 * A local store's queue at `exit`. The local store is written in the background, a few
 * milliseconds behind the training (no journal file: there is no network to wait for), so a
 * `process.exit()` right after a synchronous training call would lose what is still queued. The
 * `exit` event allows synchronous work only, so the queue is written to a journal file and a short
 * child process replays it into the store (the same replay that sends a server's journal) before
 * the process ends. Only an exit with data still queued pays for it (a few hundred milliseconds).
 * If the child cannot finish, the file stays for the next start to replay.
 */
import { spawnSync } from 'node:child_process';
import { extname, join } from 'node:path';
import type { Sender } from '../tracking/sender';
import { recordSize, type NewWork } from './records';
import { Journal } from './journal';

/** What was left after the exit's write: values not in the store, and the file that keeps them. */
export interface ExitWrite {
  left: number;
  path?: string;
}

/** Writes what `sender` still holds into the local store at `trackingUri`, synchronously. */
export function writeQueueAtExit(sender: Sender, trackingUri: string, timeoutMs: number): ExitWrite {
  const { records, runIds } = sender.pendingWork();
  const values = records.reduce((n, r) => n + recordSize(r), 0);
  const journal = Journal.forUri(trackingUri);
  for (const [k, runId] of runIds) journal.note({ t: 'rid', k, runId });
  for (const { id: _id, ...work } of records) journal.append(work as NewWork);
  const path = journal.close();
  if (path === undefined) return { left: values };
  const entry = join(__dirname, `replay-file${extname(__filename)}`);
  const env = { ...process.env };
  // NB: the child replays and ends; it must not autolog (or preload) anything itself.
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, [...(extname(__filename) === '.ts' ? ['--import', 'tsx'] : []), entry, trackingUri, path], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  const left = child.status === 0 ? Number(JSON.parse(child.stdout).left) : values;
  return left > 0 ? { left, path } : { left: 0 };
}
