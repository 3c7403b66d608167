/** System metrics: MLflow's names, plausible values, steps from 0, and a timer that never holds the process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { ConfigError } from '../../src/errors';
import { metricPrefix, samplingIntervalMs, startSystemMetrics, SystemMetricsSampler, SYSTEM_METRIC_NAMES } from '../../src/autolog/system-metrics';
import { REPO_ROOT } from '../harness/python';

describe('system metrics', () => {
  test("a sample has every one of MLflow's system metrics with values in range", () => {
    const sampler = new SystemMetricsSampler();
    for (let i = 0; i < 2e6; i++) Math.sqrt(i);
    const sample = sampler.sample();
    assert.deepEqual(Object.keys(sample).sort(), [...SYSTEM_METRIC_NAMES].sort());
    for (const key of ['cpu_utilization_percentage', 'system_memory_usage_percentage', 'disk_usage_percentage']) {
      assert.ok(sample[key]! >= 0 && sample[key]! <= 100, `${key}=${sample[key]}`);
    }
    assert.ok(sample.system_memory_usage_megabytes! > 0);
    assert.ok(sample.disk_available_megabytes! > 0);
    assert.ok(sample.network_receive_megabytes! >= 0);
  });

  test('the monitor logs prefixed samples with steps counting from 0, and one last sample on stop', (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const seen: { step: number; keys: string[] }[] = [];
    const monitor = startSystemMetrics((metrics, step) => seen.push({ step, keys: Object.keys(metrics) }), {
      intervalMs: 20,
      onError: (error) => assert.fail(String(error)),
    });
    t.mock.timers.tick(19);
    assert.equal(seen.length, 0, 'no sample before the first interval');
    t.mock.timers.tick(41);
    assert.equal(seen.length, 3);
    monitor.stop();
    monitor.stop();
    assert.equal(seen.length, 4, 'one last sample on stop, once');
    assert.deepEqual(seen.map((s) => s.step), [0, 1, 2, 3]);
    assert.ok(seen[0]!.keys.includes('system/cpu_utilization_percentage'));
    t.mock.timers.tick(1000);
    assert.equal(seen.length, 4, 'no samples after stop');
  });

  test('an error while logging a sample goes to onError instead of crashing the process', (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const errors: unknown[] = [];
    const monitor = startSystemMetrics(
      () => {
        throw new Error('sink broke');
      },
      { intervalMs: 10, onError: (error) => errors.push(error) },
    );
    t.mock.timers.tick(30);
    monitor.stop();
    assert.equal(errors.length, 4, 'three ticks and the last sample on stop, each reported');
    assert.equal((errors[0] as Error).message, 'sink broke');
  });

  test('the sampling timer does not keep the process alive', () => {
    const script = "require('./src/autolog/system-metrics').startSystemMetrics(() => {}, { intervalMs: 60000, onError() {} }); console.log('started');";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, timeout: 20_000, encoding: 'utf8' });
    assert.equal(child.error, undefined);
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /started/);
  });

  test('the interval and prefix follow MLflow environment variables, and a bad interval is refused by name', () => {
    assert.equal(samplingIntervalMs({}), 10_000);
    assert.equal(samplingIntervalMs({ MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL: '0.5' }), 500);
    assert.equal(metricPrefix({}), 'system/');
    assert.equal(metricPrefix({ MLFLOW_SYSTEM_METRICS_NODE_ID: 'node-1' }), 'system/node-1/');
    assert.throws(
      () => samplingIntervalMs({ MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL: 'fast' }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL' && /"fast" is not valid/.test(error.message),
    );
  });
});
