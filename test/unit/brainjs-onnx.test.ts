/**
 * brain.js NeuralNetworks (1.6.1 and, when installed, 2.0.0-beta.24) exported to ONNX predict
 * what the brainjs flavor's Node predict gives, run with onnxruntime-node, within 1e-5; recurrent
 * nets are refused with an OnnxExportError.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { brainjsToOnnx } from '../../instrumentations/brainjs/onnx';
import { networkSignature } from '../../instrumentations/brainjs/utils';
import { OnnxExportError } from '../../src/onnx/graph';
import { assertSameAsNode, brainjsCase, brainjsVersions, brainjsZoo } from '../fixtures/ml-onnx-zoo';

const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');

for (const { version, brain } of brainjsVersions()) {
  describe(`brain.js ${version} NeuralNetworks exported to ONNX`, () => {
    for (const { name, net, rows } of brainjsZoo(brain)) {
      test(`${name} predicts in onnxruntime what it predicts in Node`, async () => {
        await assertSameAsNode(brainjsCase(name, net, rows));
      });
    }

    test('a leaky-relu net exported after its alpha changed predicts with the new alpha, as Node does', async () => {
      const { net, rows } = brainjsZoo(brain).find((z) => z.name.includes('leaky-relu'))!;
      const before = brainjsCase('alpha 0.1', net, rows).expected.output!.data;
      // 1.6.1 keeps the alpha as the net's own property, 2.x in trainOpts.
      if (version === '1.6.1') (net as unknown as { leakyReluAlpha: number }).leakyReluAlpha = 0.5;
      else (net.trainOpts as { leakyReluAlpha: number }).leakyReluAlpha = 0.5;
      const after = brainjsCase('alpha 0.5', net, rows);
      assert.ok(after.expected.output!.data.some((v, i) => Math.abs(v - before[i]!) > 1e-3), 'the alpha changes Node\'s predictions');
      await assertSameAsNode(after);
    });

    test('an object-input net has one ONNX input per key and one output per key, fed by name whatever the order', async () => {
      const { name, net, rows } = brainjsZoo(brain).find((z) => z.name.includes('object rows'))!;
      const c = brainjsCase(name, net, rows);
      const session = await ort.InferenceSession.create(Buffer.from(c.onnx));
      assert.deepEqual([...session.inputNames].sort(), ['age', 'garden', 'rooms']);
      assert.deepEqual([...session.outputNames].sort(), ['price', 'risk']);
      const reversed = Object.fromEntries(Object.keys(c.feeds).reverse().map((k) => [k, new ort.Tensor('float64', Float64Array.from(c.feeds[k]!.data), c.feeds[k]!.dims)]));
      const out = await session.run(reversed);
      assert.deepEqual([...out.price!.dims], [rows.length]);
      c.expected.price!.data.forEach((v, i) => assert.ok(Math.abs(Number(out.price!.data[i]) - v) <= 1e-5));
    });

    test('the signature of an object-input net types its integer-valued columns as double, as the net reads them', () => {
      const { net, rows } = brainjsZoo(brain).find((z) => z.name.includes('object rows'))!;
      const signature = networkSignature(rows.slice(0, 5), rows.slice(0, 5).map((r) => net.run(r)), false);
      const columns = signature!.inputs as { name: string; type: string }[];
      assert.deepEqual(columns.map((c) => [c.name, c.type]).sort(), [['age', 'double'], ['garden', 'double'], ['rooms', 'double']]);
    });

    const recurrent = (brain.recurrent ?? {}) as Record<string, new (options?: object) => never>;
    for (const cls of ['RNN', 'LSTM', 'GRU', 'LSTMTimeStep']) {
      test(`a recurrent ${cls} is refused: recurrent nets stay Node-only`, () => {
        const Net = recurrent[cls];
        assert.ok(Net, `brain.js ${version} has recurrent.${cls}`);
        assert.throws(() => brainjsToOnnx(new Net()), (e: unknown) => e instanceof OnnxExportError && new RegExp(`brain.js ${cls} models: recurrent nets stay Node-only`).test(e.message));
      });
    }

    test('an untrained NeuralNetwork is refused', () => {
      const Net = brain.NeuralNetwork as new () => never;
      assert.throws(() => brainjsToOnnx(new Net()), OnnxExportError);
    });
  });
}
