/**
 * TensorFlow.js models exported to ONNX predict in onnxruntime-node what they predict in tfjs.
 * The models (every supported layer and activation) are in test/fixtures/tfjs-onnx-zoo.ts.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { InferenceSession } from 'onnxruntime-node';
import { OnnxExportError, tfjsToOnnx } from '../../instrumentations/tfjs/onnx';
import type { TfLayersModel } from '../../instrumentations/tfjs/internal-types';
import { inputArrays, maxAbsDiff, type NamedArray, predictTfjs, ZOO } from '../fixtures/tfjs-onnx-zoo';

const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
const TOLERANCE = 1e-5;

const exportModel = (model: tf.LayersModel) => tfjsToOnnx(model as unknown as TfLayersModel);

async function runOnnx(bytes: Uint8Array, inputs: Record<string, NamedArray>): Promise<{ session: InferenceSession; outputs: Record<string, NamedArray> }> {
  const session = await ort.InferenceSession.create(Buffer.from(bytes));
  const feeds = Object.fromEntries(Object.entries(inputs).map(([name, a]) => [name, new ort.Tensor('float32', Float32Array.from(a.data), a.shape)]));
  const results = await session.run(feeds);
  const outputs = Object.fromEntries(Object.entries(results).map(([name, t]) => [name, { shape: [...t.dims], data: Array.from(t.data as Float32Array) }]));
  return { session, outputs };
}

function exportError(build: () => tf.LayersModel): OnnxExportError {
  const model = build();
  try {
    exportModel(model);
  } catch (error) {
    assert.ok(error instanceof OnnxExportError, `not an OnnxExportError: ${String(error)}`);
    return error;
  }
  assert.fail('the export did not throw');
}

describe('tfjs models exported to ONNX', () => {
  for (const [name, build] of Object.entries(ZOO)) {
    test(`the ${name} model predicts in onnxruntime what it predicts in tfjs, under the same input and output names`, async () => {
      const zoo = build();
      const expected = predictTfjs(zoo);
      const { session, outputs } = await runOnnx(exportModel(zoo.model), inputArrays(zoo));
      assert.deepEqual([...session.inputNames], zoo.model.inputNames);
      assert.deepEqual([...session.outputNames], zoo.model.outputNames);
      for (const [output, want] of Object.entries(expected)) {
        const diff = maxAbsDiff(want, outputs[output]!);
        assert.ok(diff <= TOLERANCE, `${output}: largest difference ${diff} (shapes ${want.shape} / ${outputs[output]!.shape})`);
      }
    });
  }

  test('the file is IR 8 with opset 13 and a batch dimension named N, and runs on any batch size', async () => {
    const zoo = ZOO['cnn-flatten']!();
    const bytes = exportModel(zoo.model);
    const { onnx } = require('onnx-proto') as typeof import('onnx-proto');
    const decoded = onnx.ModelProto.decode(bytes);
    assert.equal(Number(decoded.irVersion), 8);
    assert.deepEqual(decoded.opsetImport.map((o) => [o.domain, Number(o.version)]), [['', 13]]);
    const dims = decoded.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue));
    assert.deepEqual(dims, ['N', 8, 7, 2]);
    for (const rows of [1, 7]) {
      const x = tf.randomUniform([rows, 8, 7, 2], -1, 1);
      const want = (zoo.model.predict(x) as tf.Tensor).dataSync();
      const { outputs } = await runOnnx(bytes, { [zoo.model.inputNames[0]!]: { shape: x.shape, data: Array.from(x.dataSync()) } });
      const got = outputs[zoo.model.outputNames[0]!]!;
      assert.deepEqual(got.shape, [rows, 3]);
      assert.ok(maxAbsDiff({ shape: got.shape, data: Array.from(want) }, got) <= TOLERANCE);
    }
  });

  test('an int32 input feeding an Embedding stays an int32 input of the graph', async () => {
    const x = tf.input({ shape: [3], dtype: 'int32', name: 'ids' });
    const embedded = tf.layers.embedding({ inputDim: 5, outputDim: 2 }).apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: x, outputs: tf.layers.flatten({ name: 'vectors' }).apply(embedded) as tf.SymbolicTensor });
    const ids = tf.tensor2d([[0, 4, 2], [3, 3, 1]], [2, 3], 'int32');
    const want = model.predict(ids) as tf.Tensor;
    const session = await ort.InferenceSession.create(Buffer.from(exportModel(model)));
    const got = (await session.run({ ids: new ort.Tensor('int32', Int32Array.from(ids.dataSync()), [2, 3]) })).vectors!;
    assert.deepEqual([...got.dims], [2, 6]);
    assert.deepEqual(Array.from(got.data as Float32Array), Array.from(want.dataSync()));
  });

  test('batch normalization on the channels axis of channels-first data broadcasts its statistics along that axis', async () => {
    // NB: against the formula: tfjs's CPU backend applies the statistics of a non-last axis cyclically over the flat data.
    const model = tf.sequential({ layers: [tf.layers.batchNormalization({ axis: 1, epsilon: 0.01, inputShape: [3, 4, 2] })] });
    const [gamma, beta, mean, variance] = [tf.tensor1d([0.5, 2, -1]), tf.tensor1d([0.1, -0.3, 0.7]), tf.tensor1d([1, -2, 0.5]), tf.tensor1d([0.4, 1.5, 3])];
    model.layers[0]!.setWeights([gamma, beta, mean, variance]);
    const x = tf.randomUniform([4, 3, 4, 2], -2, 2);
    const channel = (t: tf.Tensor) => t.reshape([1, 3, 1, 1]);
    const want = x.sub(channel(mean)).mul(channel(gamma)).div(channel(variance).add(0.01).sqrt()).add(channel(beta));
    const { outputs } = await runOnnx(exportModel(model), { [model.inputs[0]!.name]: { shape: x.shape, data: Array.from(x.dataSync()) } });
    const got = Object.values(outputs)[0]!;
    assert.ok(maxAbsDiff({ shape: want.shape, data: Array.from(want.dataSync()) }, got) <= TOLERANCE);
  });

  test('an LSTM layer is refused with an OnnxExportError naming the layer and its class', () => {
    const error = exportError(() => tf.sequential({ layers: [tf.layers.lstm({ units: 3, inputShape: [4, 2], name: 'lstm_1' }), tf.layers.dense({ units: 1 })] }));
    assert.equal(error.message, 'ONNX export does not support the layer lstm_1 (LSTM)');
  });

  test('the first unsupported layer is the one named, also inside a nested model', () => {
    const inner = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.reshape({ targetShape: [2, 2] }), tf.layers.simpleRNN({ units: 2, name: 'rnn' })] });
    const error = exportError(() => tf.sequential({
      layers: [inner, tf.layers.repeatVector({ n: 2 }), tf.layers.conv1d({ filters: 1, kernelSize: 1 }), tf.layers.lstm({ units: 1, name: 'later' })],
    }));
    assert.equal(error.message, 'ONNX export does not support the layer rnn (SimpleRNN)');
  });

  test('a Conv2DTranspose layer is refused by name', () => {
    const error = exportError(() => tf.sequential({ layers: [tf.layers.conv2dTranspose({ filters: 2, kernelSize: 3, inputShape: [4, 4, 1], name: 'up' })] }));
    assert.equal(error.message, 'ONNX export does not support the layer up (Conv2DTranspose)');
  });

  test('a custom layer is refused by its class name', () => {
    class Doubler extends tf.layers.Layer {
      static className = 'Doubler';
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.mul(Array.isArray(inputs) ? inputs[0]! : inputs, 2);
      }
    }
    const error = exportError(() => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] }), new Doubler({ name: 'twice' })] }));
    assert.equal(error.message, 'ONNX export does not support the layer twice (Doubler)');
  });

  test('an activation ONNX export does not know is refused with the activation and the layer named', () => {
    const error = exportError(() => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: 'gelu_new' as 'relu', name: 'd' })] }));
    assert.equal(error.message, 'ONNX export does not support the activation gelu_new of the layer d (Dense)');
  });

  test('the exporter never loads tfjs at run time', async () => {
    for (const file of ['onnx.ts', 'onnx-layers.ts']) {
      const source = await readFile(join(__dirname, '..', '..', 'instrumentations', 'tfjs', file), 'utf8');
      assert.doesNotMatch(source, /(?:^|\n)import (?!type )[^\n]*@tensorflow|require\([^)]*@tensorflow/, file);
    }
  });
});
