/** The metric buffer of frequent training callbacks: the same points, in fewer records. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricBuffer } from '../../src/autolog/metric-buffer';
import type { Metric } from '../../src/store/types';

test('points are queued in batches of at most 1000, each with its own step, and the rest when flushed', () => {
  const batches: Metric[][] = [];
  const buffer = new MetricBuffer((points) => batches.push(points));
  for (let step = 1; step <= 2500; step++) buffer.add('training_error', 1 / step, step);
  buffer.flush();
  buffer.flush();
  const points = batches.flat();
  assert.ok(batches.length >= 3 && batches.every((b) => b.length > 0 && b.length <= 1000), batches.map((b) => b.length).join(', '));
  assert.deepEqual(points.map((p) => p.step), Array.from({ length: 2500 }, (_, i) => i + 1));
  assert.ok(points.every((p) => p.key === 'training_error' && p.value === 1 / p.step && Number.isInteger(p.timestamp)));
});

test('a flush with nothing buffered queues nothing', () => {
  let calls = 0;
  new MetricBuffer(() => calls++).flush();
  assert.equal(calls, 0);
});
