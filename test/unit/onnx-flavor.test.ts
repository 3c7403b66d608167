/**
 * The `onnx` flavor in Node: the graph builder's files run in onnxruntime-node; a saved ONNX model
 * has MLflow's files and blocks and predicts through `js_function` and through `flavor: 'onnx'`;
 * what `predict` takes (rows, inputs by name, records); a model ONNX cannot express is saved
 * without the flavor and one warning; external data outside the model's folder is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import YAML from 'yaml';
import { loadModel } from '../../src/models/model-api';
import type { Flavor } from '../../src/models/flavor';
import { draftModel, saveModelWith } from '../../src/models/save-model';
import { onnxModel } from '../../src/onnx/flavor';
import { OnnxExportError, OnnxGraph } from '../../src/onnx/graph';
import { optionsFromEnv } from '../../src/autolog/options';
import { collectWarnings } from '../conformance/helpers';

const temp = () => mkdtempSync(join(tmpdir(), 'onnx-flavor-'));

/** y = relu(x·W + b) with W 2×3, and a second output z = sigmoid(x·W) (two outputs). */
function denseModel(): Uint8Array {
  const g = new OnnxGraph('dense');
  const x = g.input('x', 'float32', ['N', 2]);
  const w = g.constant('W', { type: 'float32', dims: [2, 3], data: [1, 2, 3, 4, 5, 6] });
  const b = g.constant('b', { type: 'float32', dims: [3], data: [0.5, 0, -1] });
  const xw = g.op('MatMul', [x, w]);
  g.op('Relu', [g.op('Add', [xw, b])], {}, { outputNames: ['y'] });
  g.op('Sigmoid', [xw], {}, { outputNames: ['z'] });
  g.output('y', 'float32', ['N', 3]);
  g.output('z', 'float32', ['N', 3]);
  return g.toBytes();
}

/** out = a * alpha + b (two float64 inputs, for records and inputs by name). */
function twoInputModel(): Uint8Array {
  const g = new OnnxGraph('two');
  const a = g.input('a', 'float64', ['N']);
  const b = g.input('b', 'float64', ['N']);
  const alpha = g.constant('alpha', { type: 'float64', dims: [], data: [2] });
  g.op('Add', [g.op('Mul', [a, alpha]), b], {}, { outputNames: ['out'] });
  g.output('out', 'float64', ['N']);
  return g.toBytes();
}

describe('the onnx flavor', () => {
  test('a graph built here runs in onnxruntime-node and gives the arithmetic it describes', async () => {
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    const model = await loadModel(dir);
    const out = (await model.predict([[1, 1], [-1, 0]])) as { y: number[][]; z: number[][] };
    assert.deepEqual(out.y, [[5.5, 7, 8], [0, 0, 0]]);
    assert.ok(Math.abs(out.z[1]![0]! - 1 / (1 + Math.exp(1))) < 1e-6);
  });

  test('a saved ONNX model has the files and MLmodel blocks mlflow.onnx writes', async () => {
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    for (const file of ['model.onnx', 'requirements.txt', 'python_env.yaml', 'conda.yaml', 'MLmodel']) assert.ok(existsSync(join(dir, file)), file);
    const mlmodel = YAML.parse(readFileSync(join(dir, 'MLmodel'), 'utf8')) as { flavors: Record<string, Record<string, unknown>> };
    assert.deepEqual(Object.keys(mlmodel.flavors).sort(), ['js_function', 'onnx', 'python_function']);
    assert.equal(mlmodel.flavors.python_function!.loader_module, 'mlflow.onnx');
    assert.equal(mlmodel.flavors.python_function!.data, 'model.onnx');
    assert.deepEqual(mlmodel.flavors.python_function!.env, { conda: 'conda.yaml', virtualenv: 'python_env.yaml' });
    assert.equal(mlmodel.flavors.onnx!.data, 'model.onnx');
    assert.match(readFileSync(join(dir, 'requirements.txt'), 'utf8'), /^onnxruntime==/m);
    assert.equal((YAML.parse(readFileSync(join(dir, 'python_env.yaml'), 'utf8')) as { python: unknown }).python, '3.11');
  });

  test('records feed the inputs of the same names, and an object feeds inputs by name', async () => {
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(twoInputModel(), dir);
    const model = await loadModel(dir);
    assert.deepEqual(await model.predict([{ b: 1, a: 3 }, { a: 0.5, b: -1 }]), [7, 0]);
    assert.deepEqual(await model.predict({ a: [1, 2], b: [0, 0] }), [2, 4]);
    await assert.rejects(model.predict({ a: [1] }), /needs the inputs a, b; missing: b/);
    await assert.rejects(model.predict([[1, 2]]), /has 2 inputs \(a, b\): pass an object of them by name/);
  });

  test('ragged rows are refused with the shapes named', async () => {
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    const model = await loadModel(dir);
    await assert.rejects(model.predict([[1, 1], [1]]), /ragged: rows of shape \[2\] and \[1\]/);
  });

  test('loadModel refuses a flavor other than onnx, naming what it takes', async () => {
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    await assert.rejects(loadModel(dir, { flavor: 'tfjs' as 'onnx' }), /takes 'onnx'.*got "tfjs"/);
  });

  test('a model with an onnx flavor and no js_function (one logged from Python) loads through onnxruntime', async () => {
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    const mlmodel = YAML.parse(readFileSync(join(dir, 'MLmodel'), 'utf8')) as { flavors: Record<string, unknown> };
    delete mlmodel.flavors.js_function;
    writeFileSync(join(dir, 'MLmodel'), YAML.stringify(mlmodel));
    const model = await loadModel(dir);
    assert.deepEqual(((await model.predict([[1, 1]])) as { y: number[][] }).y, [[5.5, 7, 8]]);
  });

  test('external data outside the model folder is refused before onnxruntime opens the file', async () => {
    const { onnx } = require('onnx-proto') as typeof import('onnx-proto');
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    const proto = onnx.ModelProto.decode(readFileSync(join(dir, 'model.onnx')));
    const weight = proto.graph!.initializer![0]!;
    weight.rawData = new Uint8Array(0);
    weight.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    weight.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: '../../secret.bin' })];
    writeFileSync(join(dir, 'model.onnx'), onnx.ModelProto.encode(proto).finish());
    await assert.rejects(loadModel(dir), /external data of the ONNX tensor W.*"\.\.\/\.\.\/secret\.bin"/);
  });

  test('external data inside the model folder loads', async () => {
    const { onnx } = require('onnx-proto') as typeof import('onnx-proto');
    const dir = join(temp(), 'model');
    await onnxModel.saveModel(denseModel(), dir);
    const proto = onnx.ModelProto.decode(readFileSync(join(dir, 'model.onnx')));
    const weight = proto.graph!.initializer![0]!;
    writeFileSync(join(dir, 'weights.bin'), weight.rawData!);
    weight.rawData = new Uint8Array(0);
    weight.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    weight.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: 'weights.bin' })];
    writeFileSync(join(dir, 'model.onnx'), onnx.ModelProto.encode(proto).finish());
    const model = await loadModel(dir);
    assert.deepEqual(((await model.predict([[1, 1]])) as { y: number[][] }).y, [[5.5, 7, 8]]);
  });
});

describe('onnx: true on another flavor', () => {
  /** A toy flavor whose models are `{ scale }`: predicts x·scale; exports to ONNX unless scale is 0. */
  const toy: Flavor<{ scale: number }> = {
    name: 'toy',
    loaderModule: 'mlflow-autolog/toy-not-installed',
    requirements: () => [],
    snapshot: (model) => ({ files: { 'toy.json': JSON.stringify(model) }, config: { data: 'toy.json' } }),
    async save(model, dir) {
      writeFileSync(join(dir, 'toy.json'), JSON.stringify(model));
      return { config: { data: 'toy.json' } };
    },
    exportOnnx(model) {
      if (model.scale === 0) throw new OnnxExportError('ONNX export does not support the toy layer zero (Zero)');
      const g = new OnnxGraph('toy');
      const x = g.input('input', 'float32', ['N', 1]);
      g.op('Mul', [x, g.constant('scale', { type: 'float32', dims: [], data: [model.scale] })], {}, { outputNames: ['output'] });
      g.output('output', 'float32', ['N', 1]);
      return g.toBytes();
    },
    async load(dir) {
      return JSON.parse(readFileSync(join(dir, 'toy.json'), 'utf8')) as { scale: number };
    },
    predictor: (model) => ({ predict: (rows) => (rows as number[][]).map((r) => [r[0]! * model.scale]) }),
  };

  test('adds the onnx and python_function flavors beside the flavor and js_function; flavor: onnx predicts through them', async () => {
    const dir = join(temp(), 'model');
    const spec = await saveModelWith(toy, { scale: 3 }, dir, { onnx: true });
    assert.deepEqual(Object.keys(spec.flavors).sort(), ['js_function', 'onnx', 'python_function', 'toy']);
    const model = await loadModel(dir, { flavor: 'onnx' });
    assert.deepEqual(await model.predict([[2], [0.5]]), [[6], [1.5]]);
  });

  test('a model the flavor cannot export is saved without them, with one warning naming the part', async () => {
    const dir = join(temp(), 'model');
    const { result: spec, warnings } = await collectWarnings(() => saveModelWith(toy, { scale: 0 }, dir, { onnx: true }));
    assert.deepEqual(Object.keys(spec!.flavors).sort(), ['js_function', 'toy']);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /saved without the onnx and python_function flavors: ONNX export does not support the toy layer zero \(Zero\)/);
    assert.equal(existsSync(join(dir, 'model.onnx')), false);
  });

  test('a flavor with no exporter says so once and saves the model without them', async () => {
    const { exportOnnx: _none, ...plain } = toy;
    const dir = join(temp(), 'model');
    const { warnings } = await collectWarnings(() => saveModelWith(plain, { scale: 2 }, dir, { onnx: true }));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /^mlflow-autolog: toy models cannot be exported to ONNX/);
  });

  test('the journaled draft carries model.onnx as bytes, the same bytes the export made', () => {
    const files = draftModel(toy, { scale: 3 }, { onnx: true, signature: false })!;
    assert.ok(files['model.onnx'] instanceof Uint8Array);
    assert.deepEqual(Buffer.from(files['model.onnx']), Buffer.from(toy.exportOnnx!({ scale: 3 }, {})));
    const mlmodel = YAML.parse(files.MLmodel as string) as { flavors: Record<string, unknown> };
    assert.deepEqual(Object.keys(mlmodel.flavors).sort(), ['js_function', 'onnx', 'python_function', 'toy']);
  });
});

describe('the logOnnx option', () => {
  test('MLFLOW_AUTOLOG_LOG_ONNX takes true/false/1/0 and names itself when wrong', () => {
    assert.equal(optionsFromEnv({ MLFLOW_AUTOLOG_LOG_ONNX: '1' }).logOnnx, true);
    assert.equal(optionsFromEnv({ MLFLOW_AUTOLOG_LOG_ONNX: 'false' }).logOnnx, false);
    assert.throws(() => optionsFromEnv({ MLFLOW_AUTOLOG_LOG_ONNX: 'yes' }), /MLFLOW_AUTOLOG_LOG_ONNX="yes" is not valid: true, false, 1 or 0/);
  });
});

