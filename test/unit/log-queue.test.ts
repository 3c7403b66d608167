import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogBatch } from '../../src/store/types';
import { LogQueue, type QueueTarget } from '../../src/tracking/log-queue';

const target = (key: string): QueueTarget => ({ key, resolveRunId: async () => `run-${key}` });
const metric = (step: number) => ({ key: 'loss', value: step, timestamp: 1, step });
const within = (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => 'done' as const), new Promise<'stuck'>((r) => setTimeout(() => r('stuck'), ms))]);

describe('the background logging queue', () => {
  test('a tight loop of 5,000 metrics becomes few requests, in order', async () => {
    const sent: LogBatch[] = [];
    const queue = new LogQueue(async (_runId, batch) => void sent.push(batch));
    for (let step = 0; step < 5000; step++) queue.enqueue(target('a'), { metrics: [metric(step)] });
    await queue.flush();
    assert.equal(sent.length, 5);
    assert.deepEqual(sent.flatMap((b) => b.metrics.map((m) => m.step)), Array.from({ length: 5000 }, (_, i) => i));
  });

  test('flush resolves once what was queued before it is sent, even while logging goes on faster than the server answers', async () => {
    const sent: number[] = [];
    const queue = new LogQueue(async (_runId, batch) => {
      await new Promise((r) => setTimeout(r, 30));
      for (const m of batch.metrics) sent.push(m.step);
    });
    let step = 0;
    const producer = setInterval(() => queue.enqueue(target('a'), { metrics: [metric(step++)] }), 1);
    await new Promise((r) => setTimeout(r, 50));
    const before = step;
    const outcome = await within(queue.flush(), 5000);
    clearInterval(producer);
    assert.equal(outcome, 'done', 'flush returned while logging went on');
    for (let s = 0; s < before; s++) assert.ok(sent.includes(s), `step ${s} sent before flush resolved`);
  });

  test('a failed send is reported as lost and does not block later data', async () => {
    let calls = 0;
    const sent: number[] = [];
    const queue = new LogQueue(async (_runId, batch) => {
      if (calls++ === 0) throw new Error('server down');
      for (const m of batch.metrics) sent.push(m.step);
    });
    const stderr = process.stderr.write;
    let warned = '';
    process.stderr.write = ((chunk: string) => ((warned += chunk), true)) as typeof process.stderr.write;
    try {
      queue.enqueue(target('a'), { metrics: [metric(0)] });
      await queue.flush();
      queue.enqueue(target('a'), { metrics: [metric(1)] });
      await queue.flush();
    } finally {
      process.stderr.write = stderr;
    }
    assert.match(warned, /could not log 1 value\(s\) to run run-a; they are lost: server down/);
    assert.deepEqual(sent, [1]);
  });

  test('runs are flushed independently: flushing one does not wait for another', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const queue = new LogQueue(async (runId) => {
      if (runId === 'run-slow') await blocked;
    });
    queue.enqueue(target('slow'), { metrics: [metric(0)] });
    queue.enqueue(target('fast'), { metrics: [metric(0)] });
    assert.equal(await within(queue.flush('fast'), 1000), 'done');
    assert.equal(queue.size, 1, 'the slow run still holds its metric');
    release();
    await queue.flush();
    assert.equal(queue.size, 0);
  });
});
