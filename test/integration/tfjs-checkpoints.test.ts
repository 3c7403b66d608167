/**
 * Checkpoints during TensorFlow.js training, as MLflow's Keras autolog decides them, each one a
 * logged model (`checkpoint`, at its step) with the step's metrics linked to it, read back with
 * MLflow's Python client (`search_logged_models`) from the real server: by default one per epoch
 * that improved `val_loss`; every epoch without `checkpointSaveBestOnly`; every N batches; another
 * monitor and mode; none when off; and each checkpoint holds the weights of its step.
 */
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { autolog } from '../../src/autolog/autolog';
import type { AutologOptions } from '../../src/autolog/types';
import { lastLoggedModel, loadModel } from '../../src/models/model-api';
import { configure, flush } from '../../src/tracking/fluent';
import { collectWarnings, improvements, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { pythonJson, readRun } from '../harness/python';

const PROBE = [[0.3, -0.2, 0.6]];

function data(n = 40): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const xs = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(i), (i % 5) / 5]);
  const ys = xs.map(([a, b]) => (a! > b! ? [1, 0] : [0, 1]));
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys) };
}

function sequential(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }));
  model.compile({ optimizer: tf.train.sgd(0.2), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

interface LoggedModelRead {
  model_id: string;
  name: string;
  source_run_id: string;
  status: string;
  metrics: { key: string; value: number; step: number; run_id: string }[];
}

/** `MlflowClient.search_logged_models` for the experiment, and the run's outputs with their steps. */
async function readModels(serverUrl: string, experiment: string): Promise<{ models: LoggedModelRead[]; outputs: [string, number][] }> {
  return pythonJson(`
import json, mlflow
c = mlflow.MlflowClient(${JSON.stringify(serverUrl)})
e = c.get_experiment_by_name(${JSON.stringify(experiment)})
models = c.search_logged_models(experiment_ids=[e.experiment_id])
run = c.search_runs([e.experiment_id])[0]
print(json.dumps({
  "models": [{"model_id": m.model_id, "name": m.name, "source_run_id": m.source_run_id, "status": str(m.status),
              "metrics": [{"key": x.key, "value": x.value, "step": x.step, "run_id": x.run_id} for x in (m.metrics or [])]} for m in models],
  "outputs": [[o.model_id, o.step] for o in run.outputs.model_outputs]}))
`);
}

describe('TensorFlow.js checkpoints as logged models', () => {
  let serverUrl: string;
  let experiment: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  beforeEach(() => {
    experiment = uniqueName('tfjs-checkpoints');
    configure({ trackingUri: serverUrl, experimentName: experiment });
  });

  /** Trains with `options`, recording the probe's prediction at each epoch's end (before ours runs). */
  async function train(options: AutologOptions, fit: Partial<tf.ModelFitArgs> = {}): Promise<{ predictions: number[][][]; warnings: string[] }> {
    autolog(options);
    const { x, y } = data();
    const model = sequential();
    const predictions: number[][][] = [];
    const { warnings, error } = await collectWarnings(async () => {
      await model.fit(x, y, {
        epochs: 5,
        batchSize: 8,
        validationSplit: 0.25,
        shuffle: false,
        verbose: 0,
        callbacks: { onEpochEnd: async () => void predictions.push((model.predict(tf.tensor2d(PROBE)) as tf.Tensor).arraySync() as number[][]) },
        ...fit,
      });
      await flush();
    });
    assert.equal(error, undefined);
    return { predictions, warnings };
  }

  test('by default, one checkpoint per epoch that improved val_loss, with that epoch\'s metrics linked, beside the final model', async () => {
    const { warnings } = await train({});
    assert.deepEqual(warnings, []);
    const [summary] = await runsOf(experiment);
    const run = await readRun(serverUrl, summary!.info.runId);
    const { models, outputs } = await readModels(serverUrl, experiment);
    const checkpoints = models.filter((m) => m.name === 'checkpoint');
    assert.equal(checkpoints.length, improvements(run.metrics.val_loss));
    assert.ok(checkpoints.length >= 1);
    assert.deepEqual(models.filter((m) => m.name === 'model').length, 1);
    assert.equal(lastLoggedModel()?.name, 'model', 'the final model stays the last logged model');
    for (const checkpoint of checkpoints) {
      assert.equal(checkpoint.status, 'READY');
      assert.equal(checkpoint.source_run_id, run.info.run_id);
      const step = outputs.find(([id]) => id === checkpoint.model_id)?.[1];
      assert.ok(step !== undefined, 'the checkpoint is an output of the run, at its step');
      assert.deepEqual(checkpoint.metrics.map((m) => m.key).sort(), ['acc', 'loss', 'val_acc', 'val_loss']);
      for (const metric of checkpoint.metrics) {
        assert.equal(metric.step, step);
        assert.equal(metric.run_id, run.info.run_id);
        const logged: { value: unknown } = run.metrics[metric.key]!.find((p) => p.step === step)!;
        assert.equal(metric.value, logged.value, `${metric.key} at step ${step} is the run's own point`);
      }
    }
    // NB: linking a step's metrics to its checkpoint adds no point to the run's history.
    for (const key of ['loss', 'val_loss']) assert.equal(run.metrics[key]!.length, 5, key);
  });

  test('each checkpoint holds the weights of its epoch: it predicts what the model predicted then', async () => {
    const { predictions } = await train({ checkpointSaveBestOnly: false });
    const { models, outputs } = await readModels(serverUrl, experiment);
    const checkpoints = models.filter((m) => m.name === 'checkpoint');
    assert.equal(checkpoints.length, 5, 'one per epoch');
    for (const checkpoint of checkpoints) {
      const step = outputs.find(([id]) => id === checkpoint.model_id)![1];
      const predicted = (await (await loadModel(`models:/${checkpoint.model_id}`)).predict(PROBE)) as number[][];
      for (let i = 0; i < 2; i++) assert.ok(Math.abs(predicted[0]![i]! - predictions[step]![0]![i]!) < 1e-6, `epoch ${step}: ${predicted[0]} vs ${predictions[step]![0]}`);
    }
    const [first, last] = [predictions[0]![0]![0]!, predictions[4]![0]![0]!];
    assert.notEqual(first, last, 'training moved the weights, so the comparison above can tell epochs apart');
  });

  test('checkpointSaveFreq 4 considers a checkpoint every 4 batches, at the global batch step', async () => {
    await train({ checkpointSaveBestOnly: false, checkpointSaveFreq: 4 });
    const { models, outputs } = await readModels(serverUrl, experiment);
    const steps = models.filter((m) => m.name === 'checkpoint').map((m) => outputs.find(([id]) => id === m.model_id)![1]).sort((a, b) => a - b);
    // NB: 30 training rows in batches of 8: 4 batches per epoch, 20 in all.
    assert.deepEqual(steps, [3, 7, 11, 15, 19]);
  });

  test('checkpointMonitor val_acc with mode max keeps the epochs whose accuracy rose', async () => {
    await train({ checkpointMonitor: 'val_acc', checkpointMode: 'max' });
    const [summary] = await runsOf(experiment);
    const run = await readRun(serverUrl, summary!.info.runId);
    const { models } = await readModels(serverUrl, experiment);
    const negated = run.metrics.val_acc!.map((p) => ({ step: p.step, value: -Number(p.value) }));
    assert.equal(models.filter((m) => m.name === 'checkpoint').length, improvements(negated));
  });

  test('checkpoint: false logs the final model only', async () => {
    await train({ checkpoint: false });
    const { models } = await readModels(serverUrl, experiment);
    assert.deepEqual(models.map((m) => m.name), ['model']);
  });

  test('a monitor that is not among the metrics skips checkpoints with one warning naming it and the metrics there are', async () => {
    const { warnings } = await train({ checkpointMonitor: 'val_auc' });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /checkpoints are skipped: the monitored metric val_auc is not among the metrics \(val_loss, val_acc, loss, acc\); set checkpointMonitor to one of them$/);
    const { models } = await readModels(serverUrl, experiment);
    assert.deepEqual(models.map((m) => m.name), ['model']);
  });

  test('without validation data the default monitor is absent: no checkpoints, no warning', async () => {
    const { warnings } = await train({}, { validationSplit: undefined });
    assert.deepEqual(warnings, []);
    const { models } = await readModels(serverUrl, experiment);
    assert.deepEqual(models.map((m) => m.name), ['model']);
  });
});
