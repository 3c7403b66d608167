/**
 * The sender: takes journaled records and delivers them to the store, in order per run, each
 * exactly once. It serves the live process (behind `logMetric`, autologging and the run's end)
 * and replay (what an earlier process left in its journal) alike.
 *
 * - Per run, records go in order: the run's creation, its data (consecutive batches coalesced into
 *   as few `log-batch` requests as MLflow's limits allow), its end last.
 * - Every send is idempotent: a create whose answer was lost is looked up by the run's token tag
 *   before it is tried again; metrics are keyed by (key, timestamp, step, value) on the server and
 *   params are immutable, so a batch sent twice changes nothing; ends and tags overwrite.
 * - A failure that may pass (no answer, 408/429/5xx after the HTTP client's own retries) stalls
 *   the run's records and retries them later with backoff, without a warning per batch: one
 *   warning when the server stops answering, one when it answers again. A refusal (another 4xx)
 *   drops those records with a warning saying how many values were refused and why.
 * - Retry timers are unref'd: a silent server never keeps the process alive; the journal keeps
 *   what is left.
 */
import { isAlreadyExists, MlflowRestError } from '../errors';
import type { Journal } from '../journal/journal';
import { recordBatch, recordSize, TAG_RUN_TOKEN, type ArtifactRecord, type BatchRecord, type ModelRecord, type RunRecord, type WorkRecord } from '../journal/records';
import { splitIntoBatches } from '../store/limits';
import type { LogBatch, RunInfo, TrackingStore } from '../store/types';
import { isTestingMode, warn } from '../util/logger';

/** How long a run's records gather before they are sent: a tight logging loop becomes few requests. */
const LINGER_MS = 20;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;
/** Failed attempts in a row after which `flush` stops waiting for a lane (about 3.5 s of backoff). */
const PATIENCE_FAILURES = 3;
/** Values coalesced into one pass of `log-batch` requests at most. */
const MAX_COALESCED_VALUES = 10_000;

/** What the sender needs besides the store. */
export interface SenderOptions {
  store: TrackingStore;
  journal: Journal;
  /** The experiment id a run record names (by id, by name, or the configured default). */
  resolveExperimentId(record: RunRecord): Promise<string>;
  /** Where the data goes, for messages. */
  location: string;
  /** Look every run up by its token before creating it (replay: an earlier process may have). */
  lookupFirst?: boolean;
  /** Sends a staged artifact or model (idempotently: it may have been sent before). */
  deliverFiles(record: ArtifactRecord | ModelRecord, runId: string): Promise<void>;
}

interface Deferred {
  promise: Promise<RunInfo>;
  resolve(info: RunInfo): void;
  reject(error: unknown): void;
  info?: RunInfo;
}

interface Lane {
  key: string;
  records: WorkRecord[];
  sending?: Promise<void>;
  timer?: NodeJS.Timeout;
  /** Consecutive failures that may pass; sets the backoff. */
  failures: number;
  stalled: boolean;
  /** Records up to this id are sent one by one (a coalesced group with them was refused). */
  isolateUpTo: number;
}

interface Waiter {
  keys: Set<string> | undefined;
  upTo: number;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: (info: RunInfo) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<RunInfo>((res, rej) => ((resolve = res), (reject = rej)));
  // NB: a run nobody waits for must not become an unhandled rejection.
  promise.catch(() => undefined);
  const d: Deferred = { promise, resolve: (info) => ((d.info = info), resolve(info)), reject };
  return d;
}

/** True for a failure that may pass: no answer, a timeout, throttling or a server error. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof MlflowRestError)) return false;
  const status = error.httpStatus;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export class Sender {
  private readonly lanes = new Map<string, Lane>();
  private readonly runs = new Map<string, Deferred>();
  private readonly waiters: Waiter[] = [];
  private reachable = true;
  private stopped = false;
  /** Testing mode: errors of refused records, for `flush()` to throw. */
  readonly refusals: unknown[] = [];

  constructor(private readonly options: SenderOptions) {}

  get journal(): Journal {
    return this.options.journal;
  }

  /** Journals a record and queues it for its run. Never throws, never waits. */
  submit(work: Parameters<Journal['append']>[0]): WorkRecord {
    const record = this.options.journal.append(work);
    this.enqueue(record);
    return record;
  }

  /** Queues a record that is journaled already (replay). */
  enqueue(record: WorkRecord): void {
    let lane = this.lanes.get(record.k);
    if (!lane) this.lanes.set(record.k, (lane = { key: record.k, records: [], failures: 0, stalled: false, isolateUpTo: 0 }));
    lane.records.push(record);
    if (record.t === 'run' && record.runId) this.learnRunId(record.k, { runId: record.runId } as RunInfo, false);
    if (!lane.sending && !lane.timer) this.schedule(lane, LINGER_MS);
  }

  /** The run info of a run key once the run exists (rejects if the server refused to create it). */
  runInfo(key: string): Promise<RunInfo> {
    return this.deferredFor(key).promise;
  }

  /** The run id of a key, if known now. */
  knownRunId(key: string): string | undefined {
    return this.runs.get(key)?.info?.runId;
  }

  /** Records the id of a run key (from the journal, or a run adopted by id). */
  learnRunId(key: string, info: RunInfo, journal = true): void {
    const entry = this.deferredFor(key);
    if (entry.info) return;
    entry.resolve(info);
    if (journal) this.options.journal.note({ t: 'rid', k: key, runId: info.runId });
  }

  /** Values not yet delivered (journaled, queued or in flight). */
  get pendingValues(): number {
    let n = 0;
    for (const lane of this.lanes.values()) for (const r of lane.records) n += recordSize(r);
    return n;
  }

  /** Runs with records not yet delivered. */
  get pendingRuns(): number {
    let n = 0;
    for (const lane of this.lanes.values()) if (lane.records.length > 0) n++;
    return n;
  }

  /** True while the server answers (false after a failure that may pass, until a success). */
  get isReachable(): boolean {
    return this.reachable;
  }

  /**
   * Resolves once every record submitted so far for `keys` (every run when omitted) has been
   * delivered or refused, or has failed {@link PATIENCE_FAILURES} times in a row because the
   * server does not answer (it stays journaled and is retried in the background).
   */
  flush(keys?: string[]): Promise<void> {
    const upTo = this.lastId();
    const waiter: Waiter = { keys: keys ? new Set(keys) : undefined, upTo, resolve: () => undefined };
    const done = new Promise<void>((resolve) => (waiter.resolve = resolve));
    this.waiters.push(waiter);
    for (const lane of this.lanes.values()) {
      if (!waiter.keys || waiter.keys.has(lane.key)) {
        if (lane.timer && !lane.stalled) this.pump(lane);
        // NB: someone waits for this lane now: its retry may keep the process alive (not once
        // the waiter is told at once that the lane waits for a silent server).
        else if (lane.failures < PATIENCE_FAILURES) lane.timer?.ref();
      }
    }
    this.checkWaiters();
    return done;
  }

  /** Drops every timer (the records stay journaled); the sender is not used afterwards. */
  stop(): void {
    this.stopped = true;
    for (const lane of this.lanes.values()) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = undefined;
      lane.stalled = true;
      lane.failures = Math.max(lane.failures, PATIENCE_FAILURES);
    }
    this.checkWaiters();
  }

  private lastId(): number {
    let max = 0;
    for (const lane of this.lanes.values()) for (const r of lane.records) max = Math.max(max, r.id);
    return max;
  }

  private deferredFor(key: string): Deferred {
    let entry = this.runs.get(key);
    if (!entry) this.runs.set(key, (entry = deferred()));
    return entry;
  }

  /**
   * Sends the lane after `ms`. The short linger keeps the process alive (someone may be waiting
   * for the run); a retry's backoff does not: the journal keeps what a stalled lane holds.
   */
  private schedule(lane: Lane, ms: number, retry = false): void {
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      lane.stalled = false;
      this.pump(lane);
    }, ms);
    // NB: a user awaiting startRun, or a flush, keeps the process alive; a silent server alone does not.
    const awaited = this.waiters.some((w) => !w.keys || w.keys.has(lane.key)) || (lane.records[0]?.t === 'run' && lane.records[0].failFast);
    if (retry && !awaited) lane.timer.unref();
  }

  private pump(lane: Lane): void {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
    if (lane.sending) return;
    lane.sending = this.drain(lane).finally(() => {
      lane.sending = undefined;
      if (lane.records.length === 0 && !lane.timer) this.lanes.delete(lane.key);
      // NB: records that came while the last request was on its way: the loop had ended.
      else if (!lane.timer && !lane.stalled) this.pump(lane);
      this.checkWaiters();
    });
  }

  private async drain(lane: Lane): Promise<void> {
    while (lane.records.length > 0) {
      const head = lane.records[0]!;
      const group = head.t === 'batch' ? this.batchGroup(lane) : [head];
      try {
        await this.deliver(lane, group);
        lane.failures = 0;
        if (!this.reachable) {
          this.reachable = true;
          warn(`MLflow at ${this.options.location} answers again; sending what was kept in the journal`);
        }
        this.done(lane, group);
      } catch (error) {
        // NB: stopped at exit: what is left is journaled, and the exit line said so.
        if (this.stopped) return;
        // NB: a user waiting for startRun gets an error once the server has been silent a while;
        // the retries before that look the run up first, so a lost answer creates no orphan.
        const givingUp = head.t === 'run' && head.failFast && lane.failures + 1 >= PATIENCE_FAILURES;
        if (isTransient(error) && !givingUp) {
          if (this.reachable) {
            this.reachable = false;
            const where = this.options.journal.path ? `in the journal ${this.options.journal.path}` : 'in memory';
            warn(`MLflow at ${this.options.location} does not answer; what is logged is kept ${where} and sent when it answers again`, error);
          }
          lane.failures++;
          lane.stalled = true;
          this.schedule(lane, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (lane.failures - 1)), true);
          return;
        }
        if (group.length > 1) {
          // NB: which record was refused (a changed param value, say) is told by sending them alone.
          lane.isolateUpTo = group[group.length - 1]!.id;
          continue;
        }
        this.refuse(lane, group, error);
      }
      this.checkWaiters();
    }
  }

  /** The lane's leading batch records, up to {@link MAX_COALESCED_VALUES} values. */
  private batchGroup(lane: Lane): BatchRecord[] {
    const group: BatchRecord[] = [];
    let values = 0;
    for (const record of lane.records) {
      if (record.t !== 'batch' || (group.length > 0 && values + recordSize(record) > MAX_COALESCED_VALUES)) break;
      // NB: after a refusal, each record goes alone, so that only the refused one is dropped.
      const isolated = record.id <= lane.isolateUpTo;
      if (isolated && group.length > 0) break;
      group.push(record);
      if (isolated) break;
      values += recordSize(record);
    }
    return group;
  }

  private async deliver(lane: Lane, group: WorkRecord[]): Promise<void> {
    const head = group[0]!;
    if (head.t === 'run') {
      await this.createRun(head, lane.failures > 0);
      return;
    }
    const { runId } = await this.runInfo(lane.key);
    const { store } = this.options;
    if (head.t === 'batch') {
      const merged: LogBatch = { metrics: [], params: [], tags: [] };
      for (const record of group as BatchRecord[]) {
        const batch = recordBatch(record);
        merged.metrics.push(...batch.metrics);
        merged.params.push(...batch.params);
        merged.tags.push(...batch.tags);
      }
      for (const part of splitIntoBatches(merged)) await store.logBatch(runId, part);
    } else if (head.t === 'inputs') {
      await store.logInputs(runId, head.datasets);
    } else if (head.t === 'artifact' || head.t === 'model') {
      await this.options.deliverFiles(head, runId);
    } else if (head.t === 'end') {
      await store.updateRun(runId, { status: head.status, endTime: head.endTime });
    }
  }

  /**
   * Creates the run the record describes, or adopts the one an earlier attempt created: when an
   * attempt may have reached the server (a retry, or replay), the run's token is looked up first.
   */
  private async createRun(record: RunRecord, retrying: boolean): Promise<void> {
    if (record.runId) {
      this.learnRunId(record.k, { runId: record.runId } as RunInfo);
      return;
    }
    const { store } = this.options;
    const experimentId = await this.options.resolveExperimentId(record);
    if (retrying || this.options.lookupFirst) {
      const found = await store.searchRuns({
        experimentIds: [experimentId],
        filter: `tags.\`${TAG_RUN_TOKEN}\` = '${record.k}'`,
        maxResults: 1,
      });
      const existing = found.runs[0];
      if (existing) {
        this.learnRunId(record.k, existing.info);
        return;
      }
    }
    let parentRunId = record.parentRunId;
    if (record.parent) parentRunId = (await this.runInfo(record.parent)).runId;
    const tags: Record<string, string> = { ...record.tags, [TAG_RUN_TOKEN]: record.k };
    if (parentRunId) tags['mlflow.parentRunId'] = parentRunId;
    const info = await store.createRun({
      experimentId,
      userId: record.userId ?? record.tags['mlflow.user'] ?? 'unknown',
      runName: record.runName,
      startTime: record.startTime,
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    this.learnRunId(record.k, info);
  }

  private done(lane: Lane, group: WorkRecord[]): void {
    lane.records.splice(0, group.length);
    this.options.journal.ack(group.map((r) => r.id));
  }

  /** The server refused records for good: they are dropped (and acknowledged) with one warning. */
  private refuse(lane: Lane, group: WorkRecord[], error: unknown): void {
    const head = group[0]!;
    if (head.t === 'run') {
      // NB: without its run nothing of the lane can be sent.
      const lost = lane.records.reduce((n, r) => n + (r.t === 'run' ? 0 : recordSize(r)), 0);
      const ids = lane.records.map((r) => r.id);
      lane.records.length = 0;
      this.options.journal.ack(ids);
      this.deferredFor(lane.key).reject(error);
      if (lost > 0 || !isAlreadyExists(error)) warn(`the run could not be created on ${this.options.location}; ${lost} logged value(s) are dropped`, error);
    } else {
      const lost = group.reduce((n, r) => n + recordSize(r), 0);
      this.done(lane, group);
      warn(`MLflow at ${this.options.location} refused ${lost} value(s) (${head.t}) of run ${this.knownRunId(lane.key) ?? lane.key}`, error);
    }
    if (isTestingMode()) this.refusals.push(error);
  }

  private checkWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      let open = false;
      for (const lane of this.lanes.values()) {
        if (waiter.keys && !waiter.keys.has(lane.key)) continue;
        // NB: a lane that failed a few times in a row waits for a server that does not answer:
        // what it holds is journaled, and the waiter is told so rather than kept waiting.
        if (lane.stalled && lane.failures >= PATIENCE_FAILURES) continue;
        if (lane.records.some((r) => r.id <= waiter.upTo)) open = true;
      }
      if (!open) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
