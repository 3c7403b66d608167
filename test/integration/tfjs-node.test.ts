/**
 * @tensorflow/tfjs-node (libtensorflow through its native addon, installed by
 * scripts/install-tfjs-node.sh) against the tfjs flavor, whatever MLFLOW_TEST_TFJS says: a model
 * logged while training on tfjs-node loads back and predicts as the live model; tfjs-node's own
 * `file://` save and our logged `data/` folder are the same layout, each loading the other; and an
 * example trained on @tensorflow/tfjs and on tfjs-node logs models that predict alike.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type * as Tf from '@tensorflow/tfjs';
import { autolog } from '../../src/autolog/autolog';
import { downloadModel, lastLoggedModel, loadModel } from '../../src/models/model-api';
import { configure, flush } from '../../src/tracking/fluent';
import { tfjsModel } from '../../instrumentations/tfjs/flavor';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { pythonJson } from '../harness/python';
import { reportedBackend, tfjsNodeArgs } from '../harness/tfjs';

// NB: this run's own download cache.
process.env.MLFLOW_AUTOLOG_CACHE_DIR = mkdtempSync(join(tmpdir(), 'tfjs-node-models-'));
const tf = require('@tensorflow/tfjs-node') as typeof Tf & { node: unknown };

/** Deterministic rows of 4 features (the examples' generator), and one-hot labels of 3 classes. */
function rows(n: number): number[][] {
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, () => [random(), random(), random(), random()]);
}

function assertClose(actual: number[][], expected: number[][], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((row, i) =>
    row.forEach((v, j) => assert.ok(Math.abs(v - expected[i]![j]!) < 1e-4, `${what} [${i}][${j}]: ${v} vs ${expected[i]![j]}`)),
  );
}

const predict = (model: Tf.LayersModel, x: number[][]) => (model.predict(tf.tensor2d(x)) as Tf.Tensor).arraySync() as number[][];

describe('@tensorflow/tfjs-node and the tfjs flavor', () => {
  let serverUrl: string;
  let live: Tf.Sequential;
  let modelUri: string;
  const sample = rows(5);

  before(async () => {
    serverUrl = (await testServer()).url;
    configure({ trackingUri: serverUrl, experimentName: uniqueName('tfjs-node') });
    autolog();
    const xs = rows(60);
    const ys = xs.map((r) => (r[0]! + 2 * r[1]! - r[2]! < 0.6 ? [1, 0, 0] : r[0]! + 2 * r[1]! - r[2]! < 1.4 ? [0, 1, 0] : [0, 0, 1]));
    live = tf.sequential();
    live.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
    live.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
    live.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    await live.fit(tf.tensor2d(xs), tf.tensor2d(ys), { epochs: 3, batchSize: 10, verbose: 0 });
    await flush();
    const logged = lastLoggedModel();
    assert.ok(logged, 'autologging logged the model trained on tfjs-node');
    modelUri = logged.modelUri;
  });

  test('trains on the tensorflow backend (the addon built against the PyPI libtensorflow)', () => {
    assert.equal(tf.getBackend(), 'tensorflow');
    assert.ok(tf.node, 'the tfjs-node namespace');
    assert.match((tf.backend() as unknown as { binding: { TF_Version: string } }).binding.TF_Version, /^2\.\d+\.\d+/);
  });

  test('the model logged while training loads with loadModel and tfjsModel.loadModel and predicts as the live one', async () => {
    const expected = predict(live, sample);
    assertClose((await (await loadModel(modelUri)).predict(sample)) as number[][], expected, 'loadModel');
    assertClose(predict((await tfjsModel.loadModel(modelUri)) as unknown as Tf.LayersModel, sample), expected, 'tfjsModel.loadModel');
  });

  test("tfjs-node's file:// save is our data/ layout: weights byte for byte, and each side loads the other", async () => {
    const saved = mkdtempSync(join(tmpdir(), 'tfjs-node-save-'));
    await live.save(`file://${saved}`);
    assert.deepEqual(readdirSync(saved).sort(), ['model.json', 'weights.bin']);
    const logged = await downloadModel(modelUri);
    assert.ok(readFileSync(join(saved, 'weights.bin')).equals(readFileSync(join(logged, 'data', 'weights.bin'))), 'the same weights.bin');
    const expected = predict(live, sample);

    // Our loader on tfjs-node's files: the logged model with its data/ replaced by what tfjs-node saved.
    const swapped = mkdtempSync(join(tmpdir(), 'tfjs-node-swapped-'));
    await cp(logged, swapped, { recursive: true });
    for (const file of ['model.json', 'weights.bin']) copyFileSync(join(saved, file), join(swapped, 'data', file));
    assert.deepEqual(readFileSync(join(swapped, 'data', 'model.json')), readFileSync(join(saved, 'model.json')));
    assertClose((await (await loadModel(swapped)).predict(sample)) as number[][], expected, "loadModel on tfjs-node's save");

    // tfjs-node's file:// loader on our files.
    assertClose(predict(await tf.loadLayersModel(`file://${join(logged, 'data', 'model.json')}`), sample), expected, 'tf.loadLayersModel on the logged data/');
  });

  test('an example trained on @tensorflow/tfjs and on tfjs-node logs models that predict alike', async () => {
    const predictions: Record<string, number[][]> = {};
    for (const choice of ['js', 'node'] as const) {
      const experiment = uniqueName(`tfjs-node-example-${choice}`);
      const args = ['--require', 'mlflow-autolog/register', ...tfjsNodeArgs(choice), 'examples/tfjs-preload/train.js'];
      const { code, stderr } = await runNode(args, { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment });
      assert.equal(code, 0, stderr);
      if (choice === 'node') assert.equal(reportedBackend(stderr), 'tensorflow');
      configure({ trackingUri: serverUrl, experimentName: experiment });
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 1);
      predictions[choice] = (await (await loadModel(`runs:/${runs[0]!.info.runId}/model`)).predict(sample)) as number[][];
    }
    assertClose(predictions.node!, predictions.js!, 'tfjs-node vs tfjs');
  });

  test("a tf.node.tensorBoard(dir) callback's folder is logged as the run's tensorboard_logs/", async () => {
    const experiment = uniqueName('tfjs-node-tensorboard');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    const logdir = mkdtempSync(join(tmpdir(), 'tensorboard-'));
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const xs = rows(20);
    const board = (tf.node as { tensorBoard(dir: string): unknown }).tensorBoard(logdir);
    await model.fit(tf.tensor2d(xs), tf.oneHot(tf.tensor1d(xs.map((r) => (r[0]! > 0.5 ? 1 : 0)), 'int32'), 3).toFloat(), {
      epochs: 2,
      validationSplit: 0.25,
      verbose: 0,
      callbacks: [board as Tf.CustomCallback],
    });
    await flush();
    const [run] = await runsOf(experiment);
    const written = readdirSync(logdir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(logdir.length + 1)).sort();
    assert.ok(written.some((f) => f.startsWith('train/')) && written.some((f) => f.startsWith('val/')), written.join(', '));
    const listed = await pythonJson<string[]>(
      `import json, mlflow; c = mlflow.MlflowClient(${JSON.stringify(serverUrl)}); r = ${JSON.stringify(run!.info.runId)}
print(json.dumps(sorted(f.path for d in ("tensorboard_logs/train", "tensorboard_logs/val") for f in c.list_artifacts(r, d))))`,
    );
    assert.deepEqual(listed, written.map((f) => `tensorboard_logs/${f}`));
  });
});
