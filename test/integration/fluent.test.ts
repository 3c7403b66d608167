/**
 * The fluent API against the real server: run lifecycle, nesting, resuming, experiments, and the
 * errors a user sees for configuration the server refutes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ConfigError,
  MlflowClient,
  ValidationError,
  activeRun,
  configure,
  endRun,
  flush,
  getClient,
  logDict,
  logMetric,
  logParam,
  logText,
  setTag,
  startRun,
  withRun,
} from '../../src/index';
import { testServer } from '../harness/mlflow-server';
import { readRun } from '../harness/python';

describe('the fluent tracking API on a real server', () => {
  let url: string;
  before(async () => {
    url = (await testServer()).url;
    configure({ trackingUri: url, experimentName: 'fluent-api' });
  });
  after(() => configure({}));

  test('an unknown MLFLOW_EXPERIMENT_ID is one clear error naming the variable', async () => {
    process.env.MLFLOW_EXPERIMENT_ID = '987654321';
    try {
      configure({ trackingUri: url });
      await assert.rejects(startRun(), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, 'MLFLOW_EXPERIMENT_ID');
        assert.match(error.message, /MLFLOW_EXPERIMENT_ID="987654321" does not exist on http/);
        return true;
      });
      assert.equal(activeRun(), undefined);
    } finally {
      delete process.env.MLFLOW_EXPERIMENT_ID;
      configure({ trackingUri: url, experimentName: 'fluent-api' });
    }
  });

  test('an experiment name is created on first use and reused after', async () => {
    const name = `created-${randomUUID()}`;
    const first = await startRun({ experimentName: name });
    await endRun();
    const second = await startRun({ experimentName: name });
    await endRun();
    assert.equal(first.info!.experimentId, second.info!.experimentId);
    const experiment = await getClient().getExperimentByName(name);
    assert.equal(experiment?.experimentId, first.info!.experimentId);
  });

  test('withRun ends the run FAILED and rethrows the very same error', async () => {
    const boom = new Error('training diverged');
    let runId = '';
    await assert.rejects(
      withRun(async (run) => {
        runId = run.runId!;
        logMetric('loss', Infinity);
        throw boom;
      }),
      (error: unknown) => error === boom,
    );
    const run = await readRun(url, runId);
    assert.equal(run.info.status, 'FAILED');
    assert.equal(run.metrics.loss?.length, 1);
  });

  test('concurrent withRun calls each log to their own run, and a nested one links its parent', async () => {
    const ids = await Promise.all(
      [0, 1].map((i) =>
        withRun(async (run) => {
          logParam('worker', i);
          // NB: the two calls interleave: each awaits while the other runs.
          await new Promise((r) => setImmediate(r));
          const child = await withRun(async (c) => {
            logMetric('fold', i);
            return c.runId!;
          }, { nested: true });
          assert.equal(activeRun(), run);
          return { parent: run.runId!, child };
        }),
      ),
    );
    for (const [i, { parent, child }] of ids.entries()) {
      const p = await readRun(url, parent);
      const c = await readRun(url, child);
      assert.equal(p.params.worker, String(i));
      assert.equal(c.tags['mlflow.parentRunId'], parent);
      assert.deepEqual(c.metrics.fold?.map((m) => m.value), [i]);
    }
  });

  test('starting a second top-level run while one is active is refused with what to do instead', async () => {
    await startRun();
    try {
      await assert.rejects(startRun(), (e: unknown) => e instanceof ValidationError && /nested: true/.test(e.message));
    } finally {
      await endRun();
    }
  });

  test('logging with no active run starts one, as MLflow does', async () => {
    assert.equal(activeRun(), undefined);
    logMetric('auto', 1);
    const run = activeRun();
    assert.ok(run);
    await endRun();
    const readBack = await readRun(url, run.runId!);
    assert.equal(readBack.info.status, 'FINISHED');
    assert.deepEqual(readBack.metrics.auto?.map((m) => m.value), [1]);
  });

  test('MLFLOW_RUN_ID resumes that run instead of creating one', async () => {
    const first = await startRun({ runName: 'resumable' });
    logParam('phase', 'one');
    await endRun();
    process.env.MLFLOW_RUN_ID = first.runId!;
    try {
      configure({ trackingUri: url, experimentName: 'fluent-api' });
      const resumed = await startRun();
      assert.equal(resumed.runId, first.runId);
      setTag('resumed', true);
      await endRun();
    } finally {
      delete process.env.MLFLOW_RUN_ID;
      configure({ trackingUri: url, experimentName: 'fluent-api' });
    }
    const run = await readRun(url, first.runId!);
    assert.equal(run.params.phase, 'one');
    assert.equal(run.tags.resumed, 'true');
    assert.equal(run.info.status, 'FINISHED');
  });

  test('logText and logDict store files the Python client lists with their sizes', async () => {
    const run = await startRun();
    await logText('hello\n', 'notes/hello.txt');
    await logDict({ a: 1, b: [true, null] }, 'config.yaml');
    await logDict({ a: 1 }, 'config.json');
    await endRun();
    const readBack = await readRun(url, run.runId!);
    const files = Object.fromEntries(readBack.artifacts.filter((a) => !a.is_dir).map((a) => [a.path, a.file_size]));
    assert.equal(files['notes/hello.txt'], 6);
    assert.equal(files['config.json'], Buffer.byteLength(JSON.stringify({ a: 1 }, null, 2)));
    assert.ok(files['config.yaml']! > 0);
  });

  test('a bad metric key or value is refused at the call, before anything is queued', async () => {
    await withRun(async () => {
      assert.throws(() => logMetric('bad key!', 1), ValidationError);
      assert.throws(() => logMetric('loss', '0.5' as unknown as number), /must be a number/);
      await flush();
    });
  });

  test('datasets logged through the client are what the run shows', async () => {
    const client = new MlflowClient({ trackingUri: url });
    const experimentId = await client.getOrCreateExperimentId('fluent-api');
    const info = await client.createRun({ experimentId, runName: 'with-dataset' });
    await client.logInputs(info.runId, [
      {
        dataset: { name: 'iris', digest: 'abc12345', sourceType: 'code', source: '{"tags": {}}', schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 150}' },
        tags: [{ key: 'mlflow.data.context', value: 'train' }],
      },
    ]);
    await client.setTerminated(info.runId);
    const run = await readRun(url, info.runId);
    assert.equal(run.inputs.length, 1);
    assert.deepEqual(
      { name: run.inputs[0]!.name, digest: run.inputs[0]!.digest, context: run.inputs[0]!.tags['mlflow.data.context'] },
      { name: 'iris', digest: 'abc12345', context: 'train' },
    );
  });
});
