/**
 * A CNN trained with `fitDataset` (the abalone-node / tfjs-examples way) logs its model with a
 * signature and an input example taken from the dataset's first batch, and the logged model
 * predicts its own test inputs as the trained one does.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { autolog } from '../../src/autolog/autolog';
import { loadModel } from '../../src/models/model-api';
import { configure, flush } from '../../src/tracking/fluent';
import { collectWarnings, finalModelId, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';

/** 8×8 images: a horizontal bar (class 0) or a vertical one (class 1), with a little noise. */
function image(i: number): number[][][] {
  const vertical = i % 2;
  const at = 1 + (i % 6);
  return Array.from({ length: 8 }, (_, r) => Array.from({ length: 8 }, (_, c) => [((vertical ? c : r) === at ? 0.9 : 0) + ((i * 7 + r * 3 + c) % 10) / 100]));
}

describe('fitDataset', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  test('a fitDataset CNN logs its model with the first batch as signature and input example; it predicts its own test inputs', async () => {
    const experiment = uniqueName('tfjs-fitdataset');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autolog({ logInputExamples: true });
    const dataset = tf.data
      .generator(function* () {
        for (let i = 0; i < 32; i++) yield { xs: tf.tensor3d(image(i)), ys: tf.oneHot(i % 2, 2).toFloat() };
      })
      .batch(4);
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const { warnings, error } = await collectWarnings(async () => {
      await model.fitDataset(dataset as unknown as tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>, { epochs: 2, verbose: 0 });
      await flush();
    });
    assert.equal(error, undefined);
    assert.deepEqual(warnings, []);

    const [run] = await runsOf(experiment);
    const logged = await loadModel(`models:/${await finalModelId(run!.outputs.modelOutputs.map((o) => o.modelId))}`);
    assert.deepEqual(JSON.parse(logged.metadata.signature!.inputs!), [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 8, 8, 1] } }]);
    assert.deepEqual(JSON.parse(logged.metadata.signature!.outputs!), [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 2] } }]);
    assert.equal(logged.metadata.savedInputExampleInfo?.type, 'ndarray');

    const tests = [image(101), image(102), image(7)];
    const expected = (model.predict(tf.tensor4d(tests)) as tf.Tensor).arraySync() as number[][];
    const predicted = (await logged.predict(tests)) as number[][];
    predicted.forEach((row, i) => row.forEach((p, j) => assert.ok(Math.abs(p - expected[i]![j]!) < 1e-5, `${p} vs ${expected[i]![j]}`)));
    configure({});
  });

  test("fitDataset leaves tfjs's tensor count as it is without the agent, while training and after: the first batch is copied out of tfjs", async () => {
    const experiment = uniqueName('tfjs-fitdataset-memory');
    const dataset = () =>
      tf.data
        .generator(function* () {
          for (let i = 0; i < 24; i++) yield { xs: tf.tensor3d(image(i)), ys: tf.oneHot(i % 2, 2).toFloat() };
        })
        .batch(4);
    const train = async () => {
      const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 1] }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
      model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
      const before = tf.memory().numTensors;
      // NB: tfjs-layers' own tests count tensors in callbacks too, while training.
      const during: number[] = [];
      const onEpochEnd = async () => {
        during.push(tf.memory().numTensors - before);
      };
      await model.fitDataset(dataset() as unknown as tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>, { epochs: 2, verbose: 0, callbacks: { onEpochEnd } });
      await flush();
      const after = tf.memory().numTensors;
      model.dispose();
      return { during, after: after - before };
    };
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autolog({ disable: true });
    const plain = await train();
    autolog({ logInputExamples: true });
    const { warnings, result } = await collectWarnings(train);
    assert.deepEqual(warnings, []);
    assert.deepEqual(result, plain, 'tensors while training and after it, with the agent and without');
    const [run] = await runsOf(experiment);
    assert.equal(run?.outputs.modelOutputs.length, 1, 'the model was logged (with the signature from the copy)');
    configure({});
  });

  test("fitDataset on a Sequential never compiled fails with tfjs's own error, as without the agent", async () => {
    configure({ trackingUri: serverUrl, experimentName: uniqueName('tfjs-fitdataset-uncompiled') });
    const attempt = async () => {
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
      const data = tf.data.array([{ xs: tf.tensor1d([1, 2]), ys: tf.tensor1d([1]) }]).batch(1);
      return (await model.fitDataset(data as unknown as tf.data.Dataset<{ xs: tf.Tensor; ys: tf.Tensor }>, { epochs: 1 }).catch((e: Error) => e)) as Error;
    };
    autolog({ disable: true });
    const plain = await attempt();
    autolog();
    const withAgent = await attempt();
    assert.ok(plain instanceof Error);
    assert.equal(withAgent.message, plain.message);
    configure({});
  });
});
