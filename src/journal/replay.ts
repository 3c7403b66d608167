/**
 * Replay: sends what earlier processes left in their journals for a tracking store, and closes
 * the runs they left open. Run by the next agent start (in the background), by
 * `mlflow-autolog sync` (waiting, with a summary), and for a local store by the exiting process
 * itself (exit-write.ts).
 *
 * A journal belongs to the process named by its file (`<pid>-…`); it is replayed only once that
 * process is gone, by whoever renames it first to `…​.replay-<own pid>` (a rename is atomic, so two
 * replaying processes never take the same file; a replayer that dies leaves a file the next one
 * takes). Runs with no end in the journal end KILLED (an end that ran JavaScript would have been
 * journaled: the process was killed), at the last time the journal knew of them. Every record is
 * sent through the same {@link Sender} the live process uses, looking runs up by their token
 * first, so a record sent before the crash but not acknowledged changes nothing the second time.
 */
import { readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { MlflowClient } from '../tracking/client';
import { Sender } from '../tracking/sender';
import type { RunInfo } from '../store/types';
import { warn } from '../util/logger';
import { deliverFiles } from './deliver';
import { Journal, journalDir, journalRoot } from './journal';
import { parseRecord, recordSize, type EndRecord, type JournalRecord } from './records';

/** What a replay did. */
export interface ReplaySummary {
  journals: number;
  /** Values sent (or found on the server already). */
  sent: number;
  /** Values still journaled because the server did not answer. */
  left: number;
  /** Runs the replay ended (KILLED) because their process had not. */
  closed: number;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The journals in `dir` whose writer (or replayer) is gone, claimed for this process. */
export function claimJournals(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const claimed: string[] = [];
  for (const name of names) {
    const match = /^(\d+)-[^.]+\.jsonl(?:\.replay-(\d+))?$/.exec(name);
    if (!match) continue;
    const owner = Number(match[2] ?? match[1]);
    if (isAlive(owner)) continue;
    const base = name.replace(/\.replay-\d+$/, '');
    const target = join(dir, `${base}.replay-${process.pid}`);
    try {
      renameSync(join(dir, name), target);
      claimed.push(target);
    } catch {
      // NB: another process claimed it first.
    }
  }
  return claimed;
}

/** The ends to add for the runs a journal left open (KILLED, at the last time it knew of them), and the run ids it learned. */
export function openRuns(records: JournalRecord[]): { ends: Omit<EndRecord, 'id'>[]; runIds: Map<string, string> } {
  const runIds = new Map<string, string>();
  const ended = new Set<string>();
  const started: { key: string; id: number }[] = [];
  const lastSeen = new Map<string, number>();
  const acked = new Set(records.flatMap((r) => (r.t === 'ack' ? r.ids : [])));
  const seen = (key: string, time: number) => lastSeen.set(key, Math.max(lastSeen.get(key) ?? 0, time));
  for (const r of records) {
    if (r.t === 'rid') runIds.set(r.k, r.runId);
    else if (r.t === 'run') {
      started.push({ key: r.k, id: r.id });
      // NB: a resumed run's id is in its record (no `rid` note is written for it).
      if (r.runId) runIds.set(r.k, r.runId);
      seen(r.k, r.startTime);
    } else if (r.t === 'end') ended.add(r.k);
    else if (r.t === 'batch') for (const m of r.m ?? []) seen(r.k, m[2]);
  }
  // NB: a run whose creation was acknowledged without an id was refused: there is nothing to end.
  const ends = started
    .filter(({ key, id }) => !ended.has(key) && (runIds.has(key) || !acked.has(id)))
    .map(({ key }) => ({ t: 'end' as const, k: key, status: 'KILLED' as const, endTime: lastSeen.get(key) ?? Date.now() }));
  return { ends, runIds };
}

/** Replays one claimed journal file; resolves once it is sent, or stalled on a silent server. */
export async function replayFile(client: MlflowClient, path: string, resolveExperimentId: (record: { experimentId?: string; experimentName?: string }) => Promise<string>): Promise<ReplaySummary> {
  const records = readFileSync(path, 'utf8').split('\n').map(parseRecord).filter((r): r is JournalRecord => r !== undefined);
  const { ends, runIds } = openRuns(records);
  const journal = Journal.adopt(path, records);
  for (const end of ends) journal.append(end);
  const sender = new Sender({
    store: client.background().store,
    journal,
    location: client.trackingUri,
    resolveExperimentId,
    lookupFirst: true,
    deliverFiles: (record, runId, options) => deliverFiles(client.background(), record, runId, options),
  });
  for (const [key, runId] of runIds) sender.learnRunId(key, { runId } as RunInfo, false);
  const acked = new Set(records.flatMap((r) => (r.t === 'ack' ? r.ids : [])));
  const total = records.reduce((n, r) => (r.t === 'ack' || r.t === 'rid' || acked.has(r.id) ? n : n + recordSize(r)), ends.length);
  sender.loadJournal();
  await sender.flush();
  const left = sender.pendingValues;
  sender.stop();
  if (journal.close() === undefined) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  return { journals: 1, sent: total - left, left, closed: ends.length };
}

/** Replays every journal for the client's server left by processes that are gone. */
export async function replayAll(client: MlflowClient, resolveExperimentId: Parameters<typeof replayFile>[2], root = journalRoot()): Promise<ReplaySummary & { paths: string[] }> {
  const summary = { journals: 0, sent: 0, left: 0, closed: 0, paths: [] as string[] };
  for (const path of claimJournals(journalDir(client.trackingUri, root))) {
    const one = await replayFile(client, path, resolveExperimentId);
    summary.journals++;
    summary.sent += one.sent;
    summary.left += one.left;
    summary.closed += one.closed;
    if (one.left > 0) summary.paths.push(path);
  }
  return summary;
}

/** The experiment of a journaled run: its own id or name, else the client's configured one. */
export function journaledExperiment(client: MlflowClient): Parameters<typeof replayFile>[2] {
  const background = client.background();
  return async (record) =>
    record.experimentId ?? (record.experimentName !== undefined ? background.getOrCreateExperimentId(record.experimentName) : (client.config.experimentId ?? '0'));
}

/** The next agent start: replays in the background. */
export function replayInBackground(client: MlflowClient): void {
  // NB: quiet when it works: the process that left the journal said so at its exit already.
  void replayAll(client, journaledExperiment(client)).catch((error: unknown) => warn('replaying the journal of an earlier process failed', error));
}
