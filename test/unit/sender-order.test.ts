/**
 * What the sender sends at once for one run, and in which order, with a store that records each
 * call and holds it until the test lets it go (fault injection only): metric points and dataset
 * inputs go a few at a time and pass what is still on its way; params, tags and files go in
 * journal order; the run's creation goes first and its end last, each alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MlflowRestError } from '../../src/errors';
import { Journal } from '../../src/journal/journal';
import type { NewWork, WorkRecord } from '../../src/journal/records';
import type { LogBatch, RunInfo, TrackingStore } from '../../src/store/types';
import { drainEstimate, newLane, type Lane } from '../../src/tracking/lanes';
import { Sender } from '../../src/tracking/sender';

interface Call {
  what: string;
  /** Calls not yet answered when this one started. */
  during: string[];
  release(): void;
}

/** A store that records every call and answers it when `release` is called (or at once, if `auto` says so). */
function recordingStore(auto: (what: string) => boolean) {
  const calls: Call[] = [];
  const pending = new Set<Call>();
  const events: string[] = [];
  let most = 0;
  const call = (what: string) =>
    new Promise<void>((resolve) => {
      const entry: Call = {
        what,
        during: [...pending].map((c) => c.what),
        release: () => {
          pending.delete(entry);
          events.push(`end ${what}`);
          resolve();
        },
      };
      calls.push(entry);
      pending.add(entry);
      events.push(`start ${what}`);
      most = Math.max(most, pending.size);
      if (auto(what)) entry.release();
    });
  const describeBatch = (batch: LogBatch) =>
    [
      ...batch.params.map((p) => `param ${p.key}=${p.value}`),
      ...batch.tags.map((t) => `tag ${t.key}=${t.value}`),
      ...(batch.metrics.length ? [`metrics ${batch.metrics[0]!.key}`] : []),
    ].join(', ');
  const store = {
    async createRun(): Promise<RunInfo> {
      await call('create');
      return { runId: 'r1' } as RunInfo;
    },
    async searchRuns() {
      return { runs: [] };
    },
    logBatch: (_runId: string, batch: LogBatch) => call(describeBatch(batch)),
    logInputs: () => call('inputs'),
    async updateRun(): Promise<RunInfo> {
      await call('end');
      return {} as RunInfo;
    },
  };
  return { store: store as unknown as TrackingStore, deliverFiles: () => call('artifact'), calls, pending, events, most: () => most };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function sender(recording: ReturnType<typeof recordingStore>) {
  return senderOver(recording.store, 'recording', recording.deliverFiles);
}

/** A sender over `store`, journaling into a fresh folder. */
function senderOver(store: unknown, location: string, deliverFiles: () => Promise<void> = async () => undefined): Sender {
  return new Sender({
    store: store as TrackingStore,
    journal: Journal.forUri(`http://${location}.invalid`, mkdtempSync(join(tmpdir(), 'journal-'))),
    location,
    resolveExperimentId: async () => '0',
    deliverFiles,
  });
}

/** `points` metric points of `key`, as one journal record. */
function metrics(key: string, points: number, from = 0): NewWork {
  return { t: 'batch', k: 'run', m: Array.from({ length: points }, (_, i) => [key, i, 1000 + from + i, from + i] as [string, number, number, number]) };
}

describe('one run’s requests', () => {
  test('metric points go four groups at a time, never more, each point once', { timeout: 20_000 }, async () => {
    const recording = recordingStore((what) => !what.startsWith('metrics'));
    const queue = sender(recording);
    queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
    for (let i = 0; i < 10; i++) queue.submit(metrics('loss', 1000, i * 1000));
    const flushed = queue.flush();
    let released = 0;
    while (released < 10) {
      await until(() => recording.pending.size >= Math.min(4, 10 - released));
      const oldest = [...recording.pending][0]!;
      oldest.release();
      released++;
    }
    await flushed;
    assert.equal(recording.most(), 4, 'four groups of metrics were on their way at once, never more');
    assert.equal(recording.calls.filter((c) => c.what === 'metrics loss').length, 10, 'each group of a thousand points once');
    assert.equal(queue.pendingValues, 0);
  });

  test('params, tags and files go in journal order after what came before them; metrics and datasets pass them; the run is created first and ended last, alone', { timeout: 20_000 }, async () => {
    let metricsHeld = 0;
    const recording = recordingStore((what) => !what.startsWith('metrics'));
    const queue = sender(recording);
    queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
    queue.submit(metrics('m1', 1000));
    queue.submit({ t: 'batch', k: 'run', p: [['lr', '0.1']] });
    queue.submit(metrics('m2', 1000));
    queue.submit({ t: 'artifact', k: 'run', file: '/nowhere/config.json' });
    queue.submit({ t: 'batch', k: 'run', g: [['phase', 'warm-up']] });
    queue.submit({ t: 'inputs', k: 'run', datasets: [] });
    queue.submit(metrics('m3', 1000));
    queue.submit({ t: 'artifact', k: 'run', file: '/nowhere/summary.txt' });
    queue.submit({ t: 'batch', k: 'run', g: [['phase', 'done']] });
    queue.submit({ t: 'end', k: 'run', status: 'FINISHED', endTime: 2 });
    const flushed = queue.flush();
    // NB: the three groups of metrics are all free to go once the run exists; they are held until all three are on their way.
    await until(() => (metricsHeld = recording.calls.filter((c) => c.what.startsWith('metrics')).length) === 3);
    for (const call of [...recording.pending]) call.release();
    await flushed;
    assert.equal(metricsHeld, 3);
    const starts = recording.events.filter((e) => e.startsWith('start ')).map((e) => e.slice(6));
    assert.deepEqual(
      starts.filter((what) => !what.startsWith('metrics')),
      ['create', 'inputs', 'param lr=0.1', 'artifact', 'tag phase=warm-up', 'artifact', 'tag phase=done', 'end'],
      'params, tags and files in journal order',
    );
    assert.deepEqual(new Set(starts.slice(1, 5)), new Set(['metrics m1', 'metrics m2', 'inputs', 'metrics m3']), 'the metrics and the dataset went before the param that came before them');
    const byName = new Map(recording.calls.map((c) => [c.what, c]));
    assert.deepEqual(byName.get('create')!.during, [], 'the run is created alone');
    assert.deepEqual(byName.get('param lr=0.1')!.during, [], 'the param went once every record before it was done');
    assert.deepEqual(byName.get('end')!.during, [], 'the end goes alone, last');
    assert.equal(starts[starts.length - 1], 'end');
    assert.equal(queue.pendingValues, 0);
  });
});

describe('a run throttled with Retry-After', () => {
  test('four groups refused together are one round of throttling: eight rounds (32 refusals) are waited out without the server taken for silent', { timeout: 30_000 }, async () => {
    const refusals = 32;
    let refused = 0;
    let most = 0;
    let pending = 0;
    const reachable: boolean[] = [];
    const delivered: number[] = [];
    let queue: Sender;
    const store = {
      async createRun(): Promise<RunInfo> {
        return { runId: 'r1' } as RunInfo;
      },
      async searchRuns() {
        return { runs: [] };
      },
      async logBatch(_runId: string, batch: LogBatch) {
        pending++;
        most = Math.max(most, pending);
        // NB: let every group of the round reach the store before any answer.
        await new Promise((resolve) => setImmediate(resolve));
        pending--;
        if (refused < refusals) {
          refused++;
          reachable.push(queue.isReachable);
          throw new MlflowRestError('busy', 'RESOURCE_EXHAUSTED', 429, { retryAfterMs: 1 });
        }
        delivered.push(...batch.metrics.map((m) => m.step));
      },
      async updateRun(): Promise<RunInfo> {
        return {} as RunInfo;
      },
    };
    queue = senderOver(store, 'throttling');
    queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
    for (let i = 0; i < 4; i++) queue.submit(metrics('loss', 1000, i * 1000));
    queue.submit({ t: 'end', k: 'run', status: 'FINISHED', endTime: 2 });
    await queue.flush(undefined, { holdProcess: true });
    assert.equal(most, 4, 'the four groups went together');
    assert.equal(refused, refusals);
    assert.ok(reachable.every(Boolean), 'throttling never counted as a server that does not answer');
    assert.equal(delivered.length, 4000, 'every point arrived once the server let it');
    assert.equal(queue.pendingValues, 0, 'the flush waited for all of it');
  });
});

describe('a run whose server’s database is busy', () => {
  test('a busy database (MLflow’s 400 for a pool timeout) is backed off without the server taken for silent, one group at a time until one passes, then four again', { timeout: 30_000 }, async () => {
    let busy = 4;
    let pending = 0;
    const reachable: boolean[] = [];
    /** For each log-batch: how many were on their way when it started, and whether it was refused. */
    const starts: { during: number; refused: boolean }[] = [];
    let queue: Sender;
    const store = {
      async createRun(): Promise<RunInfo> {
        return { runId: 'r1' } as RunInfo;
      },
      async searchRuns() {
        return { runs: [] };
      },
      async logBatch() {
        const start = { during: pending, refused: false };
        starts.push(start);
        pending++;
        // NB: let every group of the round reach the store before any answer.
        await new Promise((resolve) => setImmediate(resolve));
        pending--;
        if (busy > 0) {
          busy--;
          start.refused = true;
          reachable.push(queue.isReachable);
          throw new MlflowRestError('BAD_REQUEST: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00', 'BAD_REQUEST', 400);
        }
      },
    };
    queue = senderOver(store, 'busy');
    queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
    for (let i = 0; i < 12; i++) queue.submit(metrics('loss', 1000, i * 1000));
    await queue.flush(undefined, { holdProcess: true });
    assert.ok(reachable.every(Boolean), 'a busy database never counted as a server that does not answer');
    assert.deepEqual(
      starts.slice(0, 4).map((s) => s.refused),
      [true, true, true, true],
      'the first round of four was refused',
    );
    assert.deepEqual(
      starts.slice(4, 6).map((s) => s.during),
      [0, 0],
      'then one group at a time, until one passed',
    );
    assert.ok(Math.max(...starts.slice(6).map((s) => s.during)) >= 2, 'then several at a time again');
    assert.equal(starts.length, 16, 'each of the twelve groups passed once');
    assert.equal(queue.pendingValues, 0, 'every point arrived');
  });
});

describe('what the exit expects sending to take', () => {
  /** A lane holding what a small autologged training leaves at its end. */
  function trainingEnd(key: string): Lane {
    const lane = newLane(key);
    const records: WorkRecord[] = [
      { t: 'run', id: 1, k: key, tags: {}, startTime: 1 },
      { t: 'batch', id: 2, k: key, p: [['depth', '3']], g: [['estimator_name', 'cart']] },
      { t: 'inputs', id: 3, k: key, datasets: [] },
      { t: 'batch', id: 4, k: key, m: [['accuracy', 1, 1, 0]] },
      { t: 'model', id: 5, k: key, dir: '/staged', name: 'model', flavor: 'mljs', token: key },
      { t: 'end', id: 6, k: key, status: 'FINISHED', endTime: 2 },
    ];
    lane.records.push(...records);
    return lane;
  }

  test('one run’s end is a chain of a few requests; a hundred runs’ ends, many more than the exit waits for at 50 ms a request', () => {
    const one = drainEstimate([trainingEnd('a')], 0, 4);
    const hundred = drainEstimate(Array.from({ length: 100 }, (_, i) => trainingEnd(`run-${i}`)), 0, 4);
    assert.ok(one * 50 <= 2000, `one run: ${one} requests one after another`);
    assert.ok(hundred * 50 > 2000, `a hundred runs: ${hundred} request times`);
    assert.ok(drainEstimate([], 100_000, 4) * 50 > 2000, 'a hundred thousand points only in the journal file');
  });
});
