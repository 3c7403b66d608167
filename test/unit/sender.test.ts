/**
 * The sender's bounds, with a store that fails on demand (fault injection only; everything it
 * sends is checked against what was logged): memory stays bounded while the server is silent,
 * everything arrives once and in order when it answers again, and a refused record costs only
 * itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MlflowRestError } from '../../src/errors';
import { Journal } from '../../src/journal/journal';
import type { LogBatch, RunInfo, TrackingStore } from '../../src/store/types';
import { Sender } from '../../src/tracking/sender';

/** A store that keeps what it is sent, and fails while `down` (as a server that does not answer). */
function flakyStore() {
  const batches: LogBatch[] = [];
  const store = {
    down: false,
    refuseParam: undefined as string | undefined,
    batches,
    async createRun(): Promise<RunInfo> {
      if (store.down) throw new MlflowRestError('no answer', 'NETWORK_ERROR', 0);
      return { runId: 'r1' } as RunInfo;
    },
    async searchRuns() {
      return { runs: [] };
    },
    async logBatch(_runId: string, batch: LogBatch) {
      if (store.down) throw new MlflowRestError('no answer', 'NETWORK_ERROR', 0);
      if (batch.params.some((p) => p.key === store.refuseParam)) throw new MlflowRestError('changed param', 'INVALID_PARAMETER_VALUE', 400);
      batches.push(batch);
    },
    async updateRun() {
      return {} as RunInfo;
    },
  };
  return store;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function sender(store: ReturnType<typeof flakyStore>, memoryLimit: number) {
  const journal = Journal.forUri('http://flaky.invalid', mkdtempSync(join(tmpdir(), 'journal-')));
  return new Sender({
    store: store as unknown as TrackingStore,
    journal,
    location: 'flaky',
    resolveExperimentId: async () => '0',
    deliverFiles: async () => undefined,
    memoryLimit,
  });
}

test('while the server is silent memory stays bounded; when it answers, every point arrives once and in order', async () => {
  const store = flakyStore();
  store.down = true;
  const queue = sender(store, 100);
  queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
  let most = 0;
  for (let step = 0; step < 5000; step++) {
    queue.submit({ t: 'batch', k: 'run', m: [['loss', step / 10, 1000 + step, step]] });
    most = Math.max(most, queue.memoryValues);
  }
  assert.ok(most <= 100, `at most 100 values in memory, saw ${most}`);
  assert.equal(queue.pendingValues, 5001);
  store.down = false;
  await until(() => queue.pendingValues === 0);
  const steps = store.batches.flatMap((b) => b.metrics.map((m) => m.step));
  assert.deepEqual(steps, Array.from({ length: 5000 }, (_, i) => i));
  assert.equal(queue.journal.close(), undefined, 'a journal with nothing left is deleted');
});

test('a refused param is dropped alone: the metrics sent with it still arrive', async () => {
  const store = flakyStore();
  store.refuseParam = 'lr';
  const queue = sender(store, 1000);
  queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
  queue.submit({ t: 'batch', k: 'run', m: [['loss', 1, 1, 0]] });
  queue.submit({ t: 'batch', k: 'run', p: [['lr', '0.1']] });
  queue.submit({ t: 'batch', k: 'run', m: [['loss', 0.5, 2, 1]] });
  await queue.flush();
  assert.deepEqual(store.batches.flatMap((b) => b.metrics.map((m) => m.step)), [0, 1]);
  queue.journal.writeNow();
  const acks = readFileSync(queue.journal.path!, 'utf8').split('\n').filter((line) => line.includes('"t":"ack"'));
  assert.equal(acks.length, 4, 'the run, both metrics and the refused param are each acknowledged once');
  assert.equal(queue.pendingValues, 0);
});

test('once a flush that holds the process (await endRun()) is told the server is silent, the retries no longer keep the process alive', async () => {
  const store = flakyStore();
  store.down = true;
  const queue = sender(store, 100);
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
  queue.submit({ t: 'batch', k: 'run', m: [['loss', 0.5, 1000, 0]] });
  // NB: a flush that holds refs the retries while it waits; one that does not never keeps the loop alive.
  await queue.flush(undefined, { holdProcess: true });
  assert.equal(queue.pendingValues, 2, 'the run and its point wait in the journal');
  assert.equal(timers(), before, 'no timer of the sender keeps the event loop alive');
  queue.stop();
});

test('records whose run was never created (an earlier process’s server refused it) are refused at once, not waited on for ever', async () => {
  const store = flakyStore();
  const queue = sender(store, 1000);
  queue.submit({ t: 'batch', k: 'refused-earlier', m: [['loss', 1, 1, 0]] });
  queue.submit({ t: 'end', k: 'refused-earlier', status: 'KILLED', endTime: 2 });
  await queue.flush();
  assert.equal(store.batches.length, 0, 'nothing was sent');
  assert.equal(queue.pendingValues, 0, 'and nothing is left waiting');
});
