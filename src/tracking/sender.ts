/**
 * The sender: takes journaled records and delivers them to the store, each exactly once. It
 * serves the live process (behind `logMetric`, autologging and the run's end) and replay (what an
 * earlier process left in its journal) alike.
 *
 * - Per run, up to {@link REQUESTS_PER_RUN} groups of records are on their way at once, in the
 *   order MLflow needs (lanes.ts): the run's creation first, metric points in any order, params,
 *   tags, datasets and files in journal order, its end last. Consecutive batches are coalesced into
 *   as few `log-batch` requests as MLflow's limits allow.
 * - Every send is idempotent: a create whose answer was lost is looked up by the run's token tag
 *   before it is tried again; metrics are keyed by (key, timestamp, step, value) on the server and
 *   params are immutable, so a batch sent twice changes nothing; ends and tags overwrite.
 * - A failure that may pass (no answer, 408/429/5xx or a busy database after the HTTP client's own
 *   retries) stalls the run's records and retries them later with backoff, without a warning per
 *   batch: one warning when the server stops answering, one when it answers again. A server that
 *   sheds load with `Retry-After` is waited out as it asks, without that warning (the verdicts:
 *   retry.ts). A refusal (another 4xx) drops those records with a warning saying how many values
 *   were refused and why.
 * - Memory stays bounded: past a limit, records wait in the journal file only (spill.ts).
 * - Retry timers are unref'd: a silent server never keeps the process alive; the journal keeps
 *   what is left. Only a user who waits (`await endRun()`: a `flush` with `holdProcess`; a
 *   `startRun` that fails fast) keeps the process alive, for as long as they wait.
 */
import { isAlreadyExists, MlflowAutologError } from '../errors';
import type { Journal } from '../journal/journal';
import { recordSize, type ArtifactRecord, type ModelRecord, type RunRecord, type WorkRecord } from '../journal/records';
import type { RunInfo, TrackingStore } from '../store/types';
import { deliverGroup, type DeliveryContext } from './delivery';
import { afterFailure, PATIENCE_FAILURES } from './retry';
import { RunKeys } from './run-keys';
import { JournalSpill } from './spill';
import { drainEstimate, newLane, nextGroups, removeGroup, type Lane } from './lanes';
import { isTestingMode, warn } from '../util/logger';

/** How long a run's records gather before they are sent: a tight logging loop becomes few requests. */
const LINGER_MS = 20;
/**
 * Groups of one run's records on their way at once. NB: a constant, not a setting: four keep a
 * 4-worker MLflow server busy with one run's metrics, and leave most of the HTTP client's ten
 * sockets to other runs.
 */
const REQUESTS_PER_RUN = 4;
/** A request's time until one was measured (loopback to a local server). */
const DEFAULT_REQUEST_MS = 50;

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
  /**
   * Sends a staged artifact or model (idempotently: it may have been sent before); `lookup`: an
   * earlier attempt may have created its logged model or version, to be looked up by token first.
   */
  deliverFiles(record: ArtifactRecord | ModelRecord, runId: string, options: { lookup: boolean }): Promise<void>;
  /**
   * Values kept in memory at most; past that (a server silent for long) records stay only in
   * the journal file and are read back as the queue drains. @default MLFLOW_AUTOLOG_MAX_QUEUED_VALUES, else 100,000
   */
  memoryLimit?: number;
  /** Groups of one run's records on their way at once. @default 4 */
  requestsPerRun?: number;
}

/** Options of {@link Sender.flush}. */
export interface FlushOptions {
  /**
   * Keep the process alive until answered, also through retry waits (the HTTP client's sockets
   * and retry timers do not): only for a user's `await endRun()` / `withRun`, whose script may
   * end with that await. The agent's own flushes (a training call's end) never hold: a process
   * that would otherwise exit must, and its `beforeExit` work must come. @default false
   */
  holdProcess?: boolean;
}

interface Waiter {
  keys: Set<string> | undefined;
  upTo: number;
  hold: boolean;
  resolve(): void;
}

export class Sender {
  private readonly lanes = new Map<string, Lane>();
  private readonly runs = new RunKeys();
  private readonly waiters: Waiter[] = [];
  private reachable = true;
  private stopped = false;
  private readonly requestsPerRun: number;
  /** While someone waits with `hold`: the handle that keeps the process alive. */
  private holder: NodeJS.Timeout | undefined;
  /** A request's time, as measured lately (an average over the last few). */
  private requestMs = DEFAULT_REQUEST_MS;
  /** Ids of records tried and not yet done: a retry of one looks up what the try may have made. */
  private readonly tried = new Set<number>();
  /** Values held in the lanes. */
  private inMemory = 0;
  private readonly spill: JournalSpill;
  /** Testing mode: errors of refused records, for `flush()` to throw. */
  readonly refusals: unknown[] = [];

  /** What delivering a record needs of the sender. */
  private readonly delivery: DeliveryContext;

  constructor(private readonly options: SenderOptions) {
    this.spill = new JournalSpill(options.journal, options.memoryLimit);
    this.requestsPerRun = Math.max(1, options.requestsPerRun ?? REQUESTS_PER_RUN);
    this.delivery = { options, runInfo: (key) => this.runToDeliverTo(key), learnRunId: (key, info) => this.learnRunId(key, info) };
  }

  get journal(): Journal {
    return this.options.journal;
  }

  /** Journals a record and queues it for its run. Never throws, never waits. */
  submit(work: Parameters<Journal['append']>[0]): WorkRecord {
    const record = this.options.journal.append(work);
    // NB: memory stays bounded: past the limit, records live in the journal file only (spill.ts).
    if (!this.spill.keep(record, recordSize(record), this.inMemory)) this.enqueue(record);
    return record;
  }

  /** Queues every record of the journal not yet acknowledged (replay), reading it in portions. */
  loadJournal(): void {
    this.spill.readAll();
    this.refill();
  }

  /** Memory has room again: reads back the next records from the journal file. */
  private refill(): void {
    if (this.stopped) return;
    for (const record of this.spill.readBack(this.inMemory)) this.enqueue(record);
  }

  /** Queues a record that is journaled already (replay). */
  enqueue(record: WorkRecord): void {
    let lane = this.lanes.get(record.k);
    if (!lane) this.lanes.set(record.k, (lane = newLane(record.k)));
    lane.records.push(record);
    this.inMemory += recordSize(record);
    if (record.t === 'run' && record.runId) this.learnRunId(record.k, { runId: record.runId } as RunInfo, false);
    // NB: a record that comes while groups are on their way starts when one of them is done.
    if (lane.groups === 0 && !lane.timer) this.schedule(lane, LINGER_MS);
  }

  /** The run info of a run key once the run exists (rejects if the server refused to create it). */
  runInfo(key: string): Promise<RunInfo> {
    return this.runs.info(key);
  }

  /**
   * The run of `key`, to deliver its records (or a child's) to. NB: rejects at once when nothing
   * here will ever create it: its creation is neither known nor queued (an earlier process's
   * server refused it), so its records are refused rather than waited on for ever.
   */
  private runToDeliverTo(key: string): Promise<RunInfo> {
    if (this.runs.known(key) === undefined && !this.lanes.get(key)?.records.some((r) => r.t === 'run')) {
      return Promise.reject(new MlflowAutologError(`the run these records belong to was never created (its key is ${key})`));
    }
    return this.runs.info(key);
  }

  /** The run id of a key, if known now. */
  knownRunId(key: string): string | undefined {
    return this.runs.known(key);
  }

  /** Records the id of a run key (from the journal, or a run adopted by id). */
  learnRunId(key: string, info: RunInfo, journal = true): void {
    if (!this.runs.learn(key, info)) return;
    if (journal) this.options.journal.note({ t: 'rid', k: key, runId: info.runId });
  }

  /** Values not yet delivered (journaled, queued or in flight). */
  get pendingValues(): number {
    return this.inMemory + this.spill.values;
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
    return { records, runIds: this.runs.knownIds() };
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
   * How long sending what is queued should take, in ms, at the request time measured lately:
   * each run's records that must go one after another, and all of them spread over the requests
   * that go at once. An estimate for the exit to decide whether to wait (see exit-hooks.ts).
   */
  estimatedDrainMs(): number {
    return drainEstimate([...this.lanes.values()], this.spill.values, this.requestsPerRun) * this.requestMs;
  }

  /**
   * Resolves once every record submitted so far for `keys` (every run when omitted) has been
   * delivered or refused, or has failed {@link PATIENCE_FAILURES} times in a row because the
   * server does not answer (it stays journaled and is retried in the background).
   */
  flush(keys?: string[], options: FlushOptions = {}): Promise<void> {
    const upTo = this.options.journal.lastId;
    const hold = options.holdProcess ?? false;
    const waiter: Waiter = { keys: keys ? new Set(keys) : undefined, upTo, hold, resolve: () => undefined };
    const done = new Promise<void>((resolve) => (waiter.resolve = resolve));
    this.waiters.push(waiter);
    for (const lane of this.lanes.values()) {
      if (!waiter.keys || waiter.keys.has(lane.key)) {
        if (lane.timer && !lane.stalled) this.pump(lane);
        // NB: someone waits for this lane now: its retry may keep the process alive (not once
        // the waiter is told at once that the lane waits for a silent server).
        else if (hold && lane.failures < PATIENCE_FAILURES) lane.timer?.ref();
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

  /**
   * Sends the lane after `ms`. The short linger keeps the process alive (someone may be waiting
   * for the run); a retry's backoff does not: the journal keeps what a stalled lane holds.
   */
  private schedule(lane: Lane, ms: number, retry = false): void {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      lane.stalled = false;
      this.pump(lane);
    }, ms);
    if (retry && !this.awaited(lane)) lane.timer.unref();
  }

  /** A user awaiting startRun, or a flush, keeps the process alive; a silent server alone does not. */
  private awaited(lane: Lane): boolean {
    return this.waiters.some((w) => w.hold && (!w.keys || w.keys.has(lane.key))) || (lane.records[0]?.t === 'run' && lane.records[0].failFast === true);
  }

  /** Starts what the lane may send now (the linger, if any, is over). */
  private pump(lane: Lane): void {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
    if (this.stopped || lane.stalled) return;
    // NB: a lane the server throttles sends one group at a time until one passes (then four again).
    const limit = lane.throttled > 0 ? 1 : this.requestsPerRun;
    for (const group of nextGroups(lane, limit - lane.groups)) this.start(lane, group);
  }

  /** Sends one group; when it is done, the lane goes on (or is let go, once empty). */
  private start(lane: Lane, group: WorkRecord[]): void {
    for (const record of group) lane.inFlight.add(record);
    lane.groups++;
    void this.send(lane, group).finally(() => {
      lane.groups--;
      if (lane.records.length === 0 && lane.groups === 0 && !lane.timer) this.lanes.delete(lane.key);
      else if (!lane.timer && !lane.stalled) this.pump(lane);
      this.checkWaiters();
    });
  }

  private async send(lane: Lane, group: WorkRecord[]): Promise<void> {
    const head = group[0]!;
    // NB: a user awaiting startRun keeps the process alive while its run is on the way (the
    // client's own retry waits do not): the await settles, it does not vanish at exit.
    const hold = head.t === 'run' && head.failFast ? setInterval(() => undefined, 1 << 30) : undefined;
    const started = Date.now();
    // NB: per record, not per run: another group of the run may have succeeded since this one failed.
    const retrying = group.some((record) => this.tried.has(record.id));
    for (const record of group) this.tried.add(record.id);
    try {
      await deliverGroup(this.delivery, lane.key, group, retrying);
      this.measure(Date.now() - started, group);
      lane.failures = 0;
      lane.throttled = 0;
      if (!this.reachable) {
        this.reachable = true;
        warn(`MLflow at ${this.options.location} answers again; sending what was kept in the journal`);
      }
      this.done(lane, group);
    } catch (error) {
      for (const record of group) lane.inFlight.delete(record);
      // NB: stopped at exit: what is left is journaled, and the exit line said so.
      if (this.stopped) return;
      const verdict = afterFailure(lane, head, error);
      if (verdict.retry === 'silent' && this.reachable) {
        this.reachable = false;
        const where = this.options.journal.path ? `in the journal ${this.options.journal.path}` : 'in memory';
        warn(`MLflow at ${this.options.location} does not answer; what is logged is kept ${where} and sent when it answers again`, error);
      }
      if (verdict.retry) {
        this.schedule(lane, verdict.afterMs, true);
        return;
      }
      // NB: which record was refused (a changed param value, say) is told by sending them alone.
      if (group.length > 1) lane.isolateUpTo = Math.max(lane.isolateUpTo, group[group.length - 1]!.id);
      else this.refuse(lane, group, error);
    } finally {
      if (hold) clearInterval(hold);
    }
  }

  /** Keeps {@link requestMs} current: a moving average of the time per request. */
  private measure(ms: number, group: WorkRecord[]): void {
    // NB: a model is a few requests; a group of batches about one.
    const requests = group[0]!.t === 'model' ? 4 : 1;
    this.requestMs = this.requestMs * 0.8 + (ms / requests) * 0.2;
  }

  private done(lane: Lane, group: WorkRecord[]): void {
    for (const record of group) this.tried.delete(record.id);
    this.inMemory -= removeGroup(lane, group);
    this.options.journal.ack(group.map((r) => r.id));
    this.refill();
  }

  /** The server refused records for good: they are dropped (and acknowledged) with one warning. */
  private refuse(lane: Lane, group: WorkRecord[], error: unknown): void {
    const head = group[0]!;
    if (head.t === 'run') {
      // NB: without its run nothing of the lane can be sent.
      const lost = lane.records.reduce((n, r) => n + (r.t === 'run' ? 0 : recordSize(r)), 0);
      const ids = lane.records.map((r) => r.id);
      for (const id of ids) this.tried.delete(id);
      for (const record of lane.records.splice(0)) this.inMemory -= recordSize(record);
      this.options.journal.ack(ids);
      this.refill();
      this.runs.refuse(lane.key, error);
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
      if (this.spill.holdsUpTo(waiter.upTo) && this.reachable && !this.stopped) open = true;
      if (!open) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
    // NB: the HTTP client's sockets keep nothing alive: a waiter that holds does, until it is told.
    const holding = this.waiters.some((w) => w.hold);
    if (holding && !this.holder) this.holder = setInterval(() => undefined, 1 << 30);
    if (!holding && this.holder) {
      clearInterval(this.holder);
      this.holder = undefined;
    }
    // NB: a retry scheduled while someone waited was kept alive for them; once they are told, a
    // silent server alone must not keep the process (a jest or vitest worker past its last file).
    for (const lane of this.lanes.values()) if (lane.stalled && lane.timer && !this.awaited(lane)) lane.timer.unref();
  }
}
