/**
 * The background queue behind the fluent API: `logMetric` and friends return at once, and the
 * queue coalesces what they logged into `log-batch` requests, sent in order, one at a time per
 * run. `flush` resolves when everything queued before it has been sent (or reported as lost).
 */
import { reportAgentError, warn } from '../util/logger';
import type { LogBatch } from '../store/types';
import { splitIntoBatches } from '../store/limits';

/** Where queued data goes: a run whose id may still be on its way from the server. */
export interface QueueTarget {
  /** A stable local key for the run. */
  readonly key: string;
  /** Resolves to the run id once the run exists. */
  resolveRunId(): Promise<string>;
}

interface Lane {
  target: QueueTarget;
  pending: LogBatch;
  sending?: Promise<void>;
  timer?: NodeJS.Timeout;
  failures: unknown[];
  /** Items ever queued, and items handled (sent or reported lost): flush waits on these. */
  queued: number;
  handled: number;
  waiters: { upTo: number; resolve: () => void }[];
}

export class LogQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly send: (runId: string, batch: LogBatch) => Promise<void>,
    /** How long to gather data before sending, in ms: a tight logging loop becomes few requests. */
    private readonly lingerMs = 20,
  ) {}

  /** Queues data (already validated) for `target`. Never throws, never waits. */
  enqueue(target: QueueTarget, data: Partial<LogBatch>): void {
    let lane = this.lanes.get(target.key);
    if (!lane) {
      lane = { target, pending: { metrics: [], params: [], tags: [] }, failures: [], queued: 0, handled: 0, waiters: [] };
      this.lanes.set(target.key, lane);
    }
    lane.queued += (data.metrics?.length ?? 0) + (data.params?.length ?? 0) + (data.tags?.length ?? 0);
    if (data.metrics) for (const m of data.metrics) lane.pending.metrics.push(m);
    if (data.params) for (const p of data.params) lane.pending.params.push(p);
    if (data.tags) for (const t of data.tags) lane.pending.tags.push(t);
    if (!lane.timer && !lane.sending) {
      const scheduled = lane;
      lane.timer = setTimeout(() => {
        scheduled.timer = undefined;
        void this.pump(scheduled);
      }, this.lingerMs);
      // NB: the queue alone never keeps the process alive; beforeExit flushes what is left.
      lane.timer.unref();
    }
  }

  /** Number of queued items not yet sent. */
  get size(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += count(lane.pending);
    return n;
  }

  /**
   * Sends everything queued for `key` (every run when omitted) and resolves when it is done. In
   * testing mode it rejects with the first send failure; otherwise failures were warned already.
   */
  async flush(key?: string): Promise<void> {
    const lanes = key === undefined ? [...this.lanes.values()] : [this.lanes.get(key)].filter((l): l is Lane => !!l);
    // NB: wait for what is queued now only, or a run logging faster than the server answers
    // would keep flush (and the exit hooks) waiting forever.
    await Promise.all(
      lanes.map((lane) => {
        const upTo = lane.queued;
        if (lane.handled >= upTo) return undefined;
        const done = new Promise<void>((resolve) => lane.waiters.push({ upTo, resolve }));
        void this.pump(lane);
        return done;
      }),
    );
    const failures = lanes.flatMap((lane) => lane.failures.splice(0));
    if (failures.length > 0) reportAgentError('logging to MLflow failed', failures[0]);
  }

  private handled(lane: Lane, n: number): void {
    lane.handled += n;
    lane.waiters = lane.waiters.filter((w) => (w.upTo <= lane.handled ? (w.resolve(), false) : true));
  }

  private pump(lane: Lane): Promise<void> {
    if (lane.timer) {
      clearTimeout(lane.timer);
      lane.timer = undefined;
    }
    if (lane.sending) return lane.sending;
    lane.sending = (async () => {
      while (count(lane.pending) > 0) {
        const batch = lane.pending;
        lane.pending = { metrics: [], params: [], tags: [] };
        let runId: string;
        try {
          runId = await lane.target.resolveRunId();
        } catch (error) {
          lane.failures.push(error);
          warn(`dropped ${count(batch)} logged value(s): the run could not be created`, error);
          this.handled(lane, count(batch));
          continue;
        }
        const parts = splitIntoBatches(batch);
        for (let i = 0; i < parts.length; i++) {
          try {
            await this.send(runId, parts[i]!);
            this.handled(lane, count(parts[i]!));
          } catch (error) {
            lane.failures.push(error);
            const lost = parts.slice(i).reduce((n, part) => n + count(part), 0);
            warn(`could not log ${lost} value(s) to run ${runId}; they are lost`, error);
            this.handled(lane, lost);
            break;
          }
        }
      }
    })().finally(() => {
      lane.sending = undefined;
      if (count(lane.pending) === 0 && !lane.timer) this.lanes.delete(lane.target.key);
      else if (!lane.timer) void this.pump(lane);
    });
    return lane.sending;
  }
}

function count(batch: LogBatch): number {
  return batch.metrics.length + batch.params.length + batch.tags.length;
}
