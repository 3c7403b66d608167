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
import { isAlreadyExists, isTransient, MlflowRestError } from '../errors';
import type { Journal } from '../journal/journal';
import { recordSize, type ArtifactRecord, type BatchRecord, type ModelRecord, type RunRecord, type WorkRecord } from '../journal/records';
import type { RunInfo, TrackingStore } from '../store/types';
import { deliverGroup, type DeliveryContext } from './delivery';
import { isTestingMode, warn } from '../util/logger';

/** How long a run's records gather before they are sent: a tight logging loop becomes few requests. */
const LINGER_MS = 20;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;
/** Failed attempts in a row after which `flush` stops waiting for a lane (about 3.5 s of backoff). */
const PATIENCE_FAILURES = 3;
/**
 * Refusals in a row with `Retry-After` (a server or gateway shedding load) that a lane waits out
 * before it counts as not answering: the server answers, it asks for time.
 */
const THROTTLE_PATIENCE = 30;
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
  /**
   * Values kept in memory at most; past that (a server silent for long) records stay only in
   * the journal file and are read back as the queue drains. @default MLFLOW_AUTOLOG_MAX_QUEUED_VALUES, else 100,000
   */
  memoryLimit?: number;
}

function memoryLimitFromEnv(): number {
  const value = Number(process.env.MLFLOW_AUTOLOG_MAX_QUEUED_VALUES);
  return Number.isInteger(value) && value > 0 ? value : 100_000;
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
  /** Consecutive refusals with `Retry-After`, each waited out as asked. */
  throttled: number;
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
  const promise = new Promise<RunInfo>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // NB: a run nobody waits for must not become an unhandled rejection.
  promise.catch(() => undefined);
  const d: Deferred = {
    promise,
    resolve: (info) => {
      d.info = info;
      resolve(info);
    },
    reject,
  };
  return d;
}

export class Sender {
  private readonly lanes = new Map<string, Lane>();
  private readonly runs = new Map<string, Deferred>();
  private readonly waiters: Waiter[] = [];
  private reachable = true;
  private stopped = false;
  private readonly memoryLimit: number;
  /** Values held in the lanes. */
  private inMemory = 0;
  /** While set: records from this id on are only in the journal file (memory is full). */
  private spilledFrom: number | undefined;
  private spilledValues = 0;
  /** Testing mode: errors of refused records, for `flush()` to throw. */
  readonly refusals: unknown[] = [];

  /** What delivering a record needs of the sender. */
  private readonly delivery: DeliveryContext;

  constructor(private readonly options: SenderOptions) {
    this.memoryLimit = options.memoryLimit ?? memoryLimitFromEnv();
    this.delivery = { options, runInfo: (key) => this.runInfo(key), learnRunId: (key, info) => this.learnRunId(key, info) };
  }

  get journal(): Journal {
    return this.options.journal;
  }

  /** Journals a record and queues it for its run. Never throws, never waits. */
  submit(work: Parameters<Journal['append']>[0]): WorkRecord {
    const record = this.options.journal.append(work);
    const size = recordSize(record);
    // NB: memory stays bounded: past the limit, records live in the journal file only (in order:
    // once one is there, every later one is too, until the queue drains and reads them back).
    if (this.options.journal.path !== undefined && (this.spilledFrom !== undefined || this.inMemory + size > this.memoryLimit)) {
      this.spilledFrom ??= record.id;
      this.spilledValues += size;
    } else {
      this.enqueue(record);
    }
    return record;
  }

  /** Queues every record of the journal not yet acknowledged (replay), reading it in portions. */
  loadJournal(): void {
    this.spilledFrom = 0;
    this.spilledValues = 0;
    this.refill();
  }

  /** Memory has room again: reads back the next records from the journal file. */
  private refill(): void {
    if (this.spilledFrom === undefined || this.stopped || this.inMemory > this.memoryLimit / 2) return;
    const { records, next } = this.options.journal.readUnacked(this.spilledFrom, this.memoryLimit - this.inMemory);
    this.spilledFrom = next;
    for (const record of records) {
      this.spilledValues = Math.max(0, this.spilledValues - recordSize(record));
      this.enqueue(record);
    }
    if (next === undefined) this.spilledValues = 0;
  }

  /** Queues a record that is journaled already (replay). */
  enqueue(record: WorkRecord): void {
    let lane = this.lanes.get(record.k);
    if (!lane) this.lanes.set(record.k, (lane = { key: record.k, records: [], failures: 0, throttled: 0, stalled: false, isolateUpTo: 0 }));
    lane.records.push(record);
    this.inMemory += recordSize(record);
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
    return this.inMemory + this.spilledValues;
  }

  /** Values held in memory now (at most about the memory limit). */
  get memoryValues(): number {
    return this.inMemory;
  }

  /**
   * What is not yet delivered, in journal order, and the run ids learned so far: what the exit
   * hands to a journal file when the journal is in memory (a local store).
   */
  pendingWork(): { records: WorkRecord[]; runIds: Map<string, string> } {
    const records = [...this.lanes.values()].flatMap((lane) => lane.records).sort((a, b) => a.id - b.id);
    const runIds = new Map<string, string>();
    for (const [key, entry] of this.runs) if (entry.info) runIds.set(key, entry.info.runId);
    return { records, runIds };
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
  flush(keys?: string[], options: { holdProcess?: boolean } = {}): Promise<void> {
    const upTo = this.options.journal.lastId;
    const waiter: Waiter = { keys: keys ? new Set(keys) : undefined, upTo, resolve: () => undefined };
    // NB: a user awaiting endRun() keeps the process alive until answered, also through the HTTP
    // client's retry waits, which are unref'd: without it, `await endRun()` as a script's last step
    // ended the process mid-retry. Only there: the agent's own flushes (a training call's end) must
    // never keep a process that would otherwise exit, or hold off its beforeExit work.
    const hold = options.holdProcess ? setInterval(() => undefined, 1 << 30) : undefined;
    const done = new Promise<void>((resolve) => {
      waiter.resolve = () => {
        if (hold) clearInterval(hold);
        resolve();
      };
    });
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
    if (retry && !this.awaited(lane)) lane.timer.unref();
  }

  /** A user awaiting startRun, or a flush, keeps the process alive; a silent server alone does not. */
  private awaited(lane: Lane): boolean {
    return this.waiters.some((w) => !w.keys || w.keys.has(lane.key)) || (lane.records[0]?.t === 'run' && lane.records[0].failFast === true);
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
      // NB: a user awaiting startRun keeps the process alive while its run is on the way (the
      // client's own retry waits do not): the await settles, it does not vanish at exit.
      const hold = head.t === 'run' && head.failFast ? setInterval(() => undefined, 1 << 30) : undefined;
      try {
        await deliverGroup(this.delivery, lane.key, group, lane.failures > 0 || lane.throttled > 0);
        lane.failures = 0;
        lane.throttled = 0;
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
        // NB: a server shedding load answers: wait as long as it asks, not as for a silent one.
        if (error instanceof MlflowRestError && error.retryAfterMs !== undefined && lane.throttled < THROTTLE_PATIENCE) {
          lane.throttled++;
          lane.stalled = true;
          this.schedule(lane, Math.max(error.retryAfterMs, RETRY_FIRST_MS), true);
          return;
        }
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
      } finally {
        if (hold) clearInterval(hold);
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

  private done(lane: Lane, group: WorkRecord[]): void {
    this.drop(lane, group.length);
    this.options.journal.ack(group.map((r) => r.id));
  }

  /** Takes the lane's first `n` records out of memory. */
  private drop(lane: Lane, n: number): void {
    for (const record of lane.records.splice(0, n)) this.inMemory -= recordSize(record);
    this.refill();
  }

  /** The server refused records for good: they are dropped (and acknowledged) with one warning. */
  private refuse(lane: Lane, group: WorkRecord[], error: unknown): void {
    const head = group[0]!;
    if (head.t === 'run') {
      // NB: without its run nothing of the lane can be sent.
      const lost = lane.records.reduce((n, r) => n + (r.t === 'run' ? 0 : recordSize(r)), 0);
      const ids = lane.records.map((r) => r.id);
      this.drop(lane, lane.records.length);
      this.options.journal.ack(ids);
      this.deferredFor(lane.key).reject(error);
      // NB: a user awaiting the run gets the error itself; a warning too would say it twice.
      if (lost > 0 || (!isAlreadyExists(error) && !head.failFast)) warn(`the run could not be created on ${this.options.location}; ${lost} logged value(s) are dropped`, error);
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
      // NB: records only in the file are on their way while the server answers.
      if (this.spilledFrom !== undefined && this.spilledFrom <= waiter.upTo && this.reachable && !this.stopped) open = true;
      if (!open) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
    // NB: a retry scheduled while someone waited was kept alive for them; once they are told, a
    // silent server alone must not keep the process (a jest or vitest worker past its last file).
    for (const lane of this.lanes.values()) if (lane.stalled && lane.timer && !this.awaited(lane)) lane.timer.unref();
  }
}
