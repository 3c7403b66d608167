/**
 * The TensorFlow.js examples, run as their READMEs say (a child process of the built package
 * against the real MLflow server), then read back with MLflow's own Python client. Each must
 * produce one FINISHED run tagged mlflow.autologging=tfjs with Keras-named params, per-epoch
 * metrics, the model summary, a train dataset input, and a model that loads back and predicts
 * what the script's trained model predicted. Under MLFLOW_TEST_TFJS=node (scripts/test-tfjs-node.sh)
 * each script runs with tfjs-node in place of @tensorflow/tfjs (test/fixtures/tfjs-alias.js).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { configure } from '../../src/tracking/fluent';
import { improvements, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { readRun, type ReadBackRun } from '../harness/python';
import { reportedBackend, TFJS_BACKEND, TFJS_CHOICE, tfjsNodeArgs } from '../harness/tfjs';

interface Example {
  title: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

const EXAMPLES: Example[] = [
  { title: 'the CommonJS script preloaded with --require', args: ['--require', 'mlflow-autolog/register', 'examples/tfjs-preload/train.js'] },
  { title: 'the CommonJS script preloaded through NODE_OPTIONS', args: ['examples/tfjs-preload/train.js'], env: { NODE_OPTIONS: '--require mlflow-autolog/register' } },
  { title: 'the ESM script preloaded with --import', args: ['--import', 'mlflow-autolog/register', 'examples/tfjs-esm/train.mjs'] },
  { title: 'the ESM script preloaded through NODE_OPTIONS', args: ['examples/tfjs-esm/train.mjs'], env: { NODE_OPTIONS: '--import mlflow-autolog/register' } },
  { title: 'the ESM script with both --require and --import (one run, not two)', args: ['--require', 'mlflow-autolog/register', '--import', 'mlflow-autolog/register', 'examples/tfjs-esm/train.mjs'] },
  { title: 'autolog() called after require("@tensorflow/tfjs")', args: ['examples/autolog-inline/train.js'] },
  { title: 'autolog() called after import * as tf from "@tensorflow/tfjs"', args: ['examples/autolog-inline/train.mjs'] },
];

/** The example's arguments, with the preload that maps @tensorflow/tfjs to the chosen package before the script. */
function withTfjs(args: string[]): string[] {
  return [...args.slice(0, -1), ...tfjsNodeArgs(), ...args.slice(-1)];
}

/** The script's JSON line: its final loss and the trained model's predictions for 5 rows. */
function scriptOutput(stdout: string): { finalLoss: number; predictions: number[][] } {
  const line = stdout.split('\n').find((l) => l.startsWith('{"finalLoss"'));
  assert.ok(line, `the script printed its result: ${stdout}`);
  return JSON.parse(line) as { finalLoss: number; predictions: number[][] };
}

/** Loads the run's logged model in a fresh process with loadModel and predicts the script's 5 rows. */
async function predictWithLoggedModel(runId: string, env: NodeJS.ProcessEnv): Promise<number[][]> {
  // NB: the same 5 rows the script predicts: the first rows of its deterministic data.
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = Array.from({ length: 5 }, () => [random(), random(), random(), random()]);
  const { code, stdout, stderr } = await runNode(['test/fixtures/predict-logged-model.js', `runs:/${runId}/model`, JSON.stringify(rows)], env);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as number[][];
}

function assertKerasRun(run: ReadBackRun, finalLoss: number): void {
  assert.equal(run.info.status, 'FINISHED');
  assert.equal(run.tags['mlflow.autologging'], 'tfjs');
  const p = run.params;
  assert.deepEqual(
    { epochs: p.epochs, batch_size: p.batch_size, validation_split: p.validation_split, shuffle: p.shuffle, initial_epoch: p.initial_epoch },
    { epochs: '4', batch_size: '16', validation_split: '0.2', shuffle: 'false', initial_epoch: '0' },
  );
  assert.deepEqual(
    { steps_per_epoch: p.steps_per_epoch, validation_steps: p.validation_steps, class_weight: p.class_weight },
    { steps_per_epoch: 'None', validation_steps: 'None', class_weight: 'None' },
  );
  assert.deepEqual(
    { opt_name: p.opt_name, opt_learning_rate: p.opt_learning_rate, opt_beta1: p.opt_beta1, loss: p.loss, metrics: p.metrics },
    { opt_name: 'Adam', opt_learning_rate: '0.05', opt_beta1: '0.9', loss: 'categoricalCrossentropy', metrics: 'accuracy' },
  );
  assert.equal(p.num_layers, '2');
  assert.equal(p.trainable_params, String(4 * 16 + 16 + 16 * 3 + 3));
  for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) {
    assert.deepEqual(run.metrics[key]?.map((m) => m.step).sort(), [0, 1, 2, 3], `${key} at steps 0..3`);
  }
  const lastLoss = run.metrics.loss!.find((m) => m.step === 3)!.value as number;
  assert.ok(Math.abs(lastLoss - finalLoss) < 1e-6, `logged final loss ${lastLoss} is the script's ${finalLoss}`);
  const artifacts = run.artifacts.map((a) => a.path);
  assert.ok(artifacts.includes('model_summary.txt'), artifacts.join(', '));
  assert.equal(run.outputs.length, 1 + improvements(run.metrics.val_loss), 'the logged model and one checkpoint per epoch that improved val_loss, linked as the run outputs');
  const train = run.inputs.filter((i) => i.tags['mlflow.data.context'] === 'train');
  assert.equal(train.length, 1);
  assert.equal(train[0]!.source_type, 'code');
  assert.match(train[0]!.digest, /^[0-9a-f]{8}$/);
  assert.deepEqual(JSON.parse(train[0]!.profile), {
    features_shape: [150, 4],
    features_size: 600,
    features_nbytes: 2400,
    targets_shape: [150, 3],
    targets_size: 450,
    targets_nbytes: 1800,
  });
  const schema = JSON.parse(train[0]!.schema) as { mlflow_tensorspec: { features: string; targets: string } };
  assert.deepEqual(JSON.parse(schema.mlflow_tensorspec.features), [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 4] } }]);
  assert.deepEqual(JSON.parse(schema.mlflow_tensorspec.targets), [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 3] } }]);
}

describe('the TensorFlow.js examples, run as their READMEs say', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  for (const example of EXAMPLES) {
    test(`${example.title} logs one complete run whose model predicts as the trained one`, async () => {
      const experiment = uniqueName('tfjs-example');
      const { code, stdout, stderr } = await runNode(withTfjs(example.args), {
        ...example.env,
        MLFLOW_TRACKING_URI: serverUrl,
        MLFLOW_EXPERIMENT_NAME: experiment,
      });
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /mlflow-autolog:/, 'no agent warnings');
      if (TFJS_CHOICE === 'node') assert.equal(reportedBackend(stderr), TFJS_BACKEND, 'the script trained on tfjs-node');
      const { finalLoss, predictions } = scriptOutput(stdout);

      configure({ trackingUri: serverUrl, experimentName: experiment });
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 1);
      const runId = runs[0]!.info.runId;
      assertKerasRun(await readRun(serverUrl, runId), finalLoss);

      const loaded = await predictWithLoggedModel(runId, { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_AUTOLOG_CACHE_DIR: mkdtempSync(join(tmpdir(), 'model-cache-')) });
      loaded.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - predictions[i]![j]!) < 1e-6, `prediction [${i}][${j}]`)));
    });
  }

  test('the preload with MLFLOW_AUTOLOG_DISABLE=true trains as usual and creates nothing', async () => {
    const experiment = uniqueName('tfjs-disabled');
    const { code, stdout, stderr } = await runNode(withTfjs(['--require', 'mlflow-autolog/register', 'examples/tfjs-preload/train.js']), {
      MLFLOW_TRACKING_URI: serverUrl,
      MLFLOW_EXPERIMENT_NAME: experiment,
      MLFLOW_AUTOLOG_DISABLE: 'true',
    });
    assert.equal(code, 0, stderr);
    assert.ok(scriptOutput(stdout).predictions.length === 5);
    configure({ trackingUri: serverUrl, experimentName: experiment });
    assert.deepEqual(await runsOf(experiment), []);
  });

  test('the preload with a wrong variable warns once, naming it, and the script still trains', async () => {
    const experiment = uniqueName('tfjs-bad-env');
    const { code, stdout, stderr } = await runNode(withTfjs(['--require', 'mlflow-autolog/register', 'examples/tfjs-preload/train.js']), {
      MLFLOW_TRACKING_URI: serverUrl,
      MLFLOW_EXPERIMENT_NAME: experiment,
      MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS: 'often',
    });
    assert.equal(code, 0, stderr);
    assert.equal(scriptOutput(stdout).predictions.length, 5);
    const warnings = stderr.split('\n').filter((l) => l.startsWith('mlflow-autolog:'));
    assert.deepEqual(warnings, [
      'mlflow-autolog: autologging is off: MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS="often" is not valid: a whole number, at least 1.',
    ]);
    configure({ trackingUri: serverUrl, experimentName: experiment });
    assert.deepEqual(await runsOf(experiment), []);
  });

  test('the preload honours MLFLOW_AUTOLOG_LOG_MODELS=false and MLFLOW_AUTOLOG_EXTRA_TAGS', async () => {
    const experiment = uniqueName('tfjs-env-options');
    const { code, stderr } = await runNode(withTfjs(['--require', 'mlflow-autolog/register', 'examples/tfjs-preload/train.js']), {
      MLFLOW_TRACKING_URI: serverUrl,
      MLFLOW_EXPERIMENT_NAME: experiment,
      MLFLOW_AUTOLOG_LOG_MODELS: 'false',
      MLFLOW_AUTOLOG_EXTRA_TAGS: '{"team":"vision"}',
    });
    assert.equal(code, 0, stderr);
    configure({ trackingUri: serverUrl, experimentName: experiment });
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    const run = await readRun(serverUrl, runs[0]!.info.runId);
    assert.equal(run.tags.team, 'vision');
    assert.equal(run.tags['mlflow.autologging'], 'tfjs');
    const artifacts = run.artifacts.map((a) => a.path);
    assert.ok(artifacts.includes('model_summary.txt'));
    assert.ok(!artifacts.some((p) => p.startsWith('model/') || p === 'model'), artifacts.join(', '));
    assert.deepEqual(run.outputs, [], 'no logged model');
  });
});
