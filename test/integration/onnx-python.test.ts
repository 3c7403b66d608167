/**
 * Python MLflow loads and serves models trained in Node, through the `onnx` flavor: the tfjs
 * examples (the MLP of tfjs-preload and the CNN of examples/onnx), the ml.js random forest and
 * the brain.js network are run as their READMEs say with `logOnnx` on and a registered model name,
 * against the real MLflow server. Then, for each:
 * - the pinned MLflow's `mlflow.pyfunc.load_model("models:/<name>/1")` (with onnxruntime from
 *   PyPI) predicts on the input example what the model predicts in Node, within 1e-5, and
 *   `onnx.checker.check_model(full_check=True)` passes on its model.onnx;
 * - `loadModel(uri, { flavor: 'onnx' })` predicts the same through onnxruntime-node;
 * - `mlflow models serve --env-manager local` answers its serving_input_example.json with it.
 * And a model saved here has the files and MLmodel blocks `mlflow.onnx.save_model` writes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import YAML from 'yaml';
import { loadInputExample, type InputExampleInfo } from '../../src/models/input-example';
import { downloadModel, loadModel } from '../../src/models/model-api';
import { onnxModel } from '../../src/onnx/flavor';
import { OnnxGraph } from '../../src/onnx/graph';
import { configure } from '../../src/tracking/fluent';
import { uniqueName } from '../conformance/helpers';
import { cli } from '../harness/cli';
import { testServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { REPO_ROOT, runPython } from '../harness/python';
import { invoke, startMlflowModelsServe } from '../harness/scoring-server';

const REGISTER = join(REPO_ROOT, 'dist', 'src', 'register.js');
const example = (path: string) => join(REPO_ROOT, 'examples', path);
const TOLERANCE = 1e-5;

/** The examples, each run with ONNX export on and its model registered under `name`. */
const EXAMPLES = [
  { label: 'the tfjs MLP', args: (_name: string) => ['--require', REGISTER, example('tfjs-preload/train.js')] },
  { label: 'the tfjs CNN', args: (_name: string) => [example('onnx/train-cnn.js')] },
  { label: 'the ml.js random forest', args: (_name: string) => ['--require', REGISTER, example('mljs/train-forest.js')] },
  { label: 'the brain.js network', args: (_name: string) => ['--require', REGISTER, example('brainjs/train.js')] },
];

interface Logged {
  label: string;
  uri: string;
  dir: string;
  input: unknown;
  servingText: string;
  /** What the model's own flavor predicts in Node on the input example. */
  expected: unknown;
}

/** Asserts two predictions have the same structure and numbers within {@link TOLERANCE}. */
function assertClose(actual: unknown, expected: unknown, path = 'predictions'): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${path}: ${JSON.stringify(actual)} is not a number`);
    assert.ok(Math.abs((actual as number) - expected) <= TOLERANCE, `${path}: ${actual as number} differs from ${expected} by more than ${TOLERANCE}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: ${JSON.stringify(actual)} is not a list`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => assertClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  assert.deepEqual(actual, expected, path);
}

/** A single prediction output unwrapped, as the Python side does. */
function single(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const values = Object.values(value);
    return values.length === 1 ? values[0] : value;
  }
  return value;
}

describe('Python MLflow loads and serves models trained in Node, through ONNX', () => {
  let trackingUri: string;
  const logged: Logged[] = [];

  before(async () => {
    trackingUri = (await testServer()).url;
    configure({ trackingUri });
    const work = mkdtempSync(join(tmpdir(), 'onnx-python-'));
    for (const { label, args } of EXAMPLES) {
      const name = uniqueName('onnx');
      const env = {
        MLFLOW_TRACKING_URI: trackingUri,
        MLFLOW_AUTOLOG_LOG_ONNX: 'true',
        MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true',
        MLFLOW_AUTOLOG_REGISTERED_MODEL_NAME: name,
        MODEL_NAME: name,
      };
      const { code, stderr } = await runNode(args(name), env, work);
      assert.equal(code, 0, `${label}: ${stderr}`);
      assert.doesNotMatch(stderr, /mlflow-autolog:/, `${label} ran without agent warnings`);
      const uri = `models:/${name}/1`;
      const dir = await downloadModel(uri);
      const model = await loadModel(uri);
      const info = model.metadata.savedInputExampleInfo as InputExampleInfo;
      const input = await loadInputExample(dir, info, { schema: model.signature?.inputs });
      logged.push({ label, uri, dir, input, servingText: readFileSync(join(dir, info.serving_input_path!), 'utf8'), expected: await model.predict(input) });
    }
  });

  for (const { label } of EXAMPLES) {
    const of = () => logged.find((l) => l.label === label)!;

    test(`${label}: mlflow.pyfunc.load_model("models:/<name>/1") predicts what the model predicts in Node, and onnx.checker passes`, async () => {
      const { uri, expected } = of();
      const stdout = await runPython([join(REPO_ROOT, 'test', 'python', 'onnx_pyfunc.py'), uri], { MLFLOW_TRACKING_URI: trackingUri });
      const out = JSON.parse(stdout.trim().split('\n').pop()!) as { flavors: string[]; loader_module: string; predictions: unknown };
      assert.ok(out.flavors.includes('onnx') && out.flavors.includes('python_function') && out.flavors.includes('js_function'), out.flavors.join(', '));
      assert.equal(out.loader_module, 'mlflow.onnx');
      assertClose(out.predictions, single(expected));
    });

    test(`${label}: loadModel(uri, { flavor: 'onnx' }) predicts the same through onnxruntime-node`, async () => {
      const { uri, input, expected } = of();
      const viaOnnx = await loadModel(uri, { flavor: 'onnx' });
      assertClose(single(await viaOnnx.predict(input)), single(expected));
    });

    test(`${label}: mlflow-autolog models predict --flavor onnx answers its serving_input_example.json with the same predictions`, async () => {
      const { uri, servingText, expected } = of();
      const input = join(mkdtempSync(join(tmpdir(), 'onnx-predict-')), 'input.json');
      writeFileSync(input, servingText);
      const { code, stdout, stderr } = await cli(['models', 'predict', '-m', uri, '--flavor', 'onnx', '-i', input], { MLFLOW_TRACKING_URI: trackingUri });
      assert.equal(code, 0, stderr);
      assertClose(single((JSON.parse(stdout) as { predictions: unknown }).predictions), single(expected));
    });

    test(`${label}: mlflow models serve --env-manager local answers its serving_input_example.json with the same predictions`, async () => {
      const { uri, servingText, expected } = of();
      const server = await startMlflowModelsServe(uri, 240_000, { MLFLOW_TRACKING_URI: trackingUri });
      try {
        const answer = await invoke(server.url, servingText);
        assert.equal(answer.status, 200, answer.text);
        assertClose(single((answer.json as { predictions: unknown }).predictions), single(expected));
      } finally {
        await server.stop();
      }
    });
  }

  after(() => configure({}));
});

describe('an ONNX model saved here is laid out as mlflow.onnx.save_model lays it out', () => {
  test('the same files, the same keys in flavors.onnx and python_function, the same packages in the environment files', async () => {
    const work = mkdtempSync(join(tmpdir(), 'onnx-layout-'));
    const g = new OnnxGraph('tiny');
    g.op('Relu', [g.input('x', 'float32', ['N', 2])], {}, { outputNames: ['y'] });
    g.output('y', 'float32', ['N', 2]);
    await onnxModel.saveModel(g.toBytes(), join(work, 'ours'));
    await runPython(['-c', `import mlflow.onnx, onnx; mlflow.onnx.save_model(onnx.load(${JSON.stringify(join(work, 'ours', 'model.onnx'))}), ${JSON.stringify(join(work, 'theirs'))})`]);
    const files = (dir: string) => readdirSync(join(work, dir)).sort();
    assert.deepEqual(files('ours').filter((f) => !['package.json'].includes(f)), files('theirs'));
    const flavors = (dir: string) => (YAML.parse(readFileSync(join(work, dir, 'MLmodel'), 'utf8')) as { flavors: Record<string, Record<string, unknown>> }).flavors;
    const [ours, theirs] = [flavors('ours'), flavors('theirs')];
    for (const name of ['onnx', 'python_function']) assert.deepEqual(Object.keys(ours[name]!).sort(), Object.keys(theirs[name]!).sort(), name);
    assert.deepEqual(ours.python_function!.env, theirs.python_function!.env);
    assert.deepEqual(ours.onnx!.providers, theirs.onnx!.providers);
    const yaml = (dir: string, file: string) => YAML.parse(readFileSync(join(work, dir, file), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(yaml('ours', 'python_env.yaml')).sort(), Object.keys(yaml('theirs', 'python_env.yaml')).sort());
    assert.deepEqual(Object.keys(yaml('ours', 'conda.yaml')).sort(), Object.keys(yaml('theirs', 'conda.yaml')).sort());
    const packages = (dir: string) => readFileSync(join(work, dir, 'requirements.txt'), 'utf8').split('\n').map((line) => line.split('==')[0]).filter((p) => p && p !== 'numpy').sort();
    assert.deepEqual(packages('ours'), packages('theirs'));
  });
});
