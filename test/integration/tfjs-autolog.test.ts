/**
 * TensorFlow.js autologging in-process with `autolog()`, against the real MLflow server: what
 * each kind of training call logs, how many runs calls make, and the options that change it.
 * Trains with @tensorflow/tfjs, or with @tensorflow/tfjs-node under MLFLOW_TEST_TFJS=node
 * (test/harness/tfjs.ts; scripts/test-tfjs-node.sh).
 */
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import type * as Tf from '@tensorflow/tfjs';
import { autolog } from '../../src/autolog/autolog';
import { activeRun, configure, endRun, startRun, withRun } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { readRun } from '../harness/python';
import { loadTfjs, TFJS_BACKEND, TFJS_PACKAGE } from '../harness/tfjs';

const tf = loadTfjs();

function data(n = 32): { x: Tf.Tensor2D; y: Tf.Tensor2D } {
  const xs = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(i), (i % 5) / 5]);
  const ys = xs.map(([a, b]) => (a! > b! ? [1, 0] : [0, 1]));
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys) };
}

function sequential(): Tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const steps = (points: { step: number }[] | undefined) => (points ?? []).map((p) => p.step).sort((a, b) => a - b);

describe('TensorFlow.js autologging in-process', () => {
  let serverUrl: string;
  let experiment: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  beforeEach(() => {
    experiment = uniqueName('tfjs-autolog');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autolog();
  });

  test(`trains on ${TFJS_PACKAGE}, whose backend is ${TFJS_BACKEND}`, async () => {
    const { x, y } = data(8);
    await sequential().fit(x, y, { epochs: 1, verbose: 0 });
    assert.equal(tf.getBackend(), TFJS_BACKEND);
    assert.equal((await onlyRun()).info.status, 'FINISHED');
  });

  async function onlyRun() {
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    return readRun(serverUrl, runs[0]!.info.runId);
  }

  test('fitDataset logs its params, per-epoch metrics, the summary and a train dataset input in a FINISHED run', async () => {
    const { x, y } = data(24);
    const dataset = tf.data.zip({ xs: tf.data.array(x.arraySync()), ys: tf.data.array(y.arraySync()) }).batch(6).repeat();
    const model = sequential();
    const history = await model.fitDataset(dataset as unknown as Tf.data.Dataset<{ xs: Tf.Tensor; ys: Tf.Tensor }>, { epochs: 3, batchesPerEpoch: 4, verbose: 0 });
    assert.equal(history.epoch.length, 3);
    const run = await onlyRun();
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'tfjs');
    assert.deepEqual(
      { epochs: run.params.epochs, steps_per_epoch: run.params.steps_per_epoch, initial_epoch: run.params.initial_epoch, opt_name: run.params.opt_name },
      { epochs: '3', steps_per_epoch: '4', initial_epoch: '0', opt_name: 'SGD' },
    );
    assert.deepEqual(steps(run.metrics.loss), [0, 1, 2]);
    assert.deepEqual(steps(run.metrics.acc), [0, 1, 2]);
    assert.ok(run.artifacts.some((a) => a.path === 'model_summary.txt'));
    assert.equal(run.outputs.length, 1, 'the model is logged as the run output');
    const [input] = run.inputs;
    assert.equal(run.inputs.length, 1);
    assert.equal(input!.tags['mlflow.data.context'], 'train');
    const schema = JSON.parse(input!.schema) as { mlflow_tensorspec: { features: string } };
    assert.deepEqual(JSON.parse(schema.mlflow_tensorspec.features), [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 3] } }]);
  });

  test('three fit calls with no active run give three runs; inside withRun they give one', async () => {
    const { x, y } = data();
    for (let i = 0; i < 3; i++) await sequential().fit(x, y, { epochs: 2, verbose: 0 });
    const three = await runsOf(experiment);
    assert.equal(three.length, 3);
    assert.ok(three.every((r) => r.info.status === 'FINISHED'));

    experiment = uniqueName('tfjs-autolog-withrun');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    const runId = await withRun(async (run) => {
      for (let i = 0; i < 3; i++) await sequential().fit(x, y, { epochs: 2, verbose: 0 });
      return run.runId;
    });
    const one = await onlyRun();
    assert.equal(one.info.run_id, runId);
    assert.equal(one.tags['mlflow.autologging'], undefined);
    assert.equal(one.metrics.loss?.length, 6, 'two epochs from each of the three calls');
  });

  test('a run the user started is used by fit and left RUNNING until the user ends it', async () => {
    const { x, y } = data();
    const run = await startRun({ runName: 'mine' });
    await sequential().fit(x, y, { epochs: 2, verbose: 0 });
    assert.equal(activeRun(), run);
    let readBack = await readRun(serverUrl, run.runId!);
    assert.equal(readBack.info.status, 'RUNNING');
    assert.deepEqual(steps(readBack.metrics.loss), [0, 1], 'fit flushed its metrics before returning');
    await endRun();
    readBack = await readRun(serverUrl, run.runId!);
    assert.equal(readBack.info.status, 'FINISHED');
  });

  test('early stopping settings are params, and stopped_epoch is logged when it ended training', async () => {
    const { x, y } = data();
    const model = sequential();
    const stopper = tf.callbacks.earlyStopping({ monitor: 'loss', patience: 1, minDelta: 10 });
    const history = await model.fit(x, y, { epochs: 10, verbose: 0, callbacks: [stopper] });
    assert.equal(history.epoch.length, 2, 'no epoch improves loss by 10, so training stops after the second');
    const run = await onlyRun();
    assert.deepEqual(
      { monitor: run.params.monitor, min_delta: run.params.min_delta, patience: run.params.patience, baseline: run.params.baseline, mode: run.params.mode },
      { monitor: 'loss', min_delta: '10', patience: '1', baseline: 'None', mode: 'auto' },
    );
    assert.deepEqual(run.metrics.stopped_epoch?.map((m) => m.value), [1]);
    assert.deepEqual(steps(run.metrics.loss), [0, 1]);
  });

  test('initialEpoch shifts the metric steps to the absolute epoch numbers', async () => {
    const { x, y } = data();
    await sequential().fit(x, y, { epochs: 5, initialEpoch: 2, verbose: 0 });
    const run = await onlyRun();
    assert.equal(run.params.initial_epoch, '2');
    assert.deepEqual(steps(run.metrics.loss), [2, 3, 4]);
  });

  test('logEveryNSteps also logs the batch metrics every N global batches', async () => {
    autolog({ tfjs: { logEveryNSteps: 3 } });
    const { x, y } = data(32);
    // 32 samples / batch 8 = 4 batches per epoch, 2 epochs = global batches 0..7: logged at 0, 3, 6.
    await sequential().fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    const run = await onlyRun();
    assert.deepEqual(steps(run.metrics.loss), [0, 0, 1, 3, 6], 'epoch points at 0, 1 and batch points at 0, 3, 6');
    assert.equal(run.metrics.batch, undefined);
    assert.equal(run.metrics.size, undefined);
  });

  test('explicit validationData is logged as a second dataset input with context eval', async () => {
    const train = data(32);
    const validation = data(8);
    await sequential().fit(train.x, train.y, { epochs: 1, verbose: 0, validationData: [validation.x, validation.y] });
    const run = await onlyRun();
    const contexts = run.inputs.map((i) => i.tags['mlflow.data.context']).sort();
    assert.deepEqual(contexts, ['eval', 'train']);
    const evalInput = run.inputs.find((i) => i.tags['mlflow.data.context'] === 'eval')!;
    assert.deepEqual(JSON.parse(evalInput.profile).features_shape, [8, 3]);
    assert.deepEqual(steps(run.metrics.val_loss), [0]);
  });

  test('logDatasets and logModels off leave out the dataset inputs and the model', async () => {
    autolog({ logDatasets: false, tfjs: { logModels: false } });
    const { x, y } = data();
    await sequential().fit(x, y, { epochs: 1, verbose: 0 });
    const run = await onlyRun();
    assert.deepEqual(run.inputs, []);
    assert.deepEqual(run.artifacts.map((a) => a.path), ['model_summary.txt']);
  });

  test('a functional tf.model is autologged like a Sequential', async () => {
    const input = tf.input({ shape: [3] });
    const output = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(tf.layers.dense({ units: 4 }).apply(input)) as Tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const { x, y } = data();
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const run = await onlyRun();
    assert.equal(run.params.opt_name, 'Adam');
    assert.equal(run.params.num_layers, '3', 'the input layer and two dense layers');
    assert.deepEqual(steps(run.metrics.loss), [0, 1]);
  });

  test('logSystemMetrics samples system/* metrics with steps from 0 into the managed run', async () => {
    process.env.MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL = '0.05';
    try {
      autolog({ logSystemMetrics: true });
      const { x, y } = data(64);
      await sequential().fit(x, y, { epochs: 20, batchSize: 4, verbose: 0 });
    } finally {
      delete process.env.MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL;
    }
    const run = await onlyRun();
    for (const name of [
      'cpu_utilization_percentage',
      'system_memory_usage_megabytes',
      'system_memory_usage_percentage',
      'disk_usage_percentage',
      'disk_usage_megabytes',
      'disk_available_megabytes',
      'network_receive_megabytes',
      'network_transmit_megabytes',
    ]) {
      const points = run.metrics[`system/${name}`];
      assert.ok(points && points.length >= 1, `system/${name} logged`);
      assert.equal(steps(points)[0], 0);
    }
    const cpuSteps = steps(run.metrics['system/cpu_utilization_percentage']);
    assert.deepEqual(cpuSteps, cpuSteps.map((_, i) => i), 'consecutive steps');
  });
});
