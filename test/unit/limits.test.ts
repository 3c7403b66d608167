import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/errors';
import { LIMITS, splitIntoBatches, truncateValue, validateKey } from '../../src/store/limits';
import type { Metric } from '../../src/store/types';

const metric = (i: number): Metric => ({ key: `m${i % 3}`, value: i, timestamp: 1, step: i });

describe('batching within the server limits', () => {
  test('5,000 metrics split into batches of at most 1,000, keeping their order', () => {
    const metrics = Array.from({ length: 5000 }, (_, i) => metric(i));
    const batches = splitIntoBatches({ metrics, params: [], tags: [] });
    assert.equal(batches.length, 5);
    assert.ok(batches.every((b) => b.metrics.length <= LIMITS.metricsPerBatch));
    assert.deepEqual(batches.flatMap((b) => b.metrics.map((m) => m.step)), metrics.map((m) => m.step));
  });

  test('params and tags go at most 100 per batch and 1,000 entities in all', () => {
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: 'v' }));
    const tags = Array.from({ length: 150 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
    const metrics = Array.from({ length: 1900 }, (_, i) => metric(i));
    const batches = splitIntoBatches({ metrics, params, tags });
    for (const b of batches) {
      assert.ok(b.params.length <= 100 && b.tags.length <= 100 && b.metrics.length <= 1000);
      assert.ok(b.params.length + b.tags.length + b.metrics.length <= 1000);
    }
    assert.equal(batches.reduce((n, b) => n + b.params.length, 0), 250);
    assert.equal(batches.reduce((n, b) => n + b.tags.length, 0), 150);
    assert.equal(batches.reduce((n, b) => n + b.metrics.length, 0), 1900);
  });

  test('large values are split so that no request body passes 1 MB', () => {
    const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'x'.repeat(8000) }));
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'é'.repeat(6000) }));
    const batches = splitIntoBatches({ metrics: [], params, tags });
    assert.ok(batches.length > 1);
    for (const b of batches) {
      const body = JSON.stringify({ run_id: 'x'.repeat(32), ...b });
      assert.ok(Buffer.byteLength(body) < 1_000_000, `body of ${Buffer.byteLength(body)} bytes`);
    }
  });

  test('the same param key twice never lands in one batch', () => {
    const batches = splitIntoBatches({ metrics: [], params: [{ key: 'a', value: '1' }, { key: 'a', value: '1' }], tags: [] });
    assert.equal(batches.length, 2);
  });

  test('over-long param and tag values are truncated to 6,000 and 8,000 characters', () => {
    assert.equal(truncateValue('param', 'p', 'x'.repeat(7000)).length, 6000);
    assert.equal(truncateValue('tag', 't', 'x'.repeat(9000)).length, 8000);
    assert.equal(truncateValue('tag', 't', 'short'), 'short');
  });

  test('keys longer than 250 characters or with forbidden characters are refused by name', () => {
    assert.throws(() => validateKey('metric', 'k'.repeat(251)), (e: unknown) => e instanceof ValidationError && /at most 250/.test(e.message));
    assert.throws(() => validateKey('param', 'a/../b'), ValidationError);
    assert.throws(() => validateKey('tag', 'bad!key'), /bad!key/);
    assert.doesNotThrow(() => validateKey('metric', 'val/loss: epoch-1.x'));
  });
});
