/**
 * Metrics a library reports many times a second (brain.js's training callback: every 10
 * iterations by default, each a fraction of a millisecond), gathered and queued as one record
 * per batch of points instead of one record per report. A record costs tens of microseconds (a
 * journal line, a place in the send queue), which at that rate was about a tenth of training;
 * a point in the buffer costs an array push. Each point keeps its own step and timestamp, so the
 * run gets the same metrics. NB: points wait at most {@link MAX_AGE_MS} before they are queued
 * (and journaled), about as long as the journal itself waits before it writes.
 */
import type { Metric } from '../store/types';

/** How long a point may wait in the buffer, in milliseconds. */
const MAX_AGE_MS = 100;
/** Points per record at most (MLflow's limit of metrics in one `log-batch`). */
const MAX_POINTS = 1000;

/** The metric points of one training call, queued in batches through `sink`. */
export class MetricBuffer {
  private points: Metric[] = [];
  private oldest = 0;

  constructor(private readonly sink: (points: Metric[]) => void) {}

  /** Adds a point, stamped now; queues the buffer once it is full or its oldest point is old enough. */
  add(key: string, value: number, step: number): void {
    const timestamp = Date.now();
    if (this.points.length === 0) this.oldest = timestamp;
    this.points.push({ key, value, step, timestamp });
    if (this.points.length >= MAX_POINTS || timestamp - this.oldest >= MAX_AGE_MS) this.flush();
  }

  /** Queues what is buffered (call when training ends, whatever its outcome). */
  flush(): void {
    if (this.points.length === 0) return;
    const points = this.points;
    this.points = [];
    this.sink(points);
  }
}
