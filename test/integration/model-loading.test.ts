/**
 * Loading models behind js_function: signature enforcement errors, refusal of code without
 * opt-in, MLmodel files written by Python MLflow, and a third-party flavor package.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createFlavorApi, customModel, loadModel, ModelSpec, SchemaEnforcementError } from '../../src/index';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, runPython } from '../harness/python';

const exec = promisify(execFile);
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A model class in its own module file, as custom models need. */
function writeModelModule(dir: string): string {
  const file = join(dir, 'price-model.js');
  writeFileSync(
    file,
    `class PriceModel { predict(context, rows) { return rows.map((r) => r.rooms * 100 + r.area * 2 + (r.city === 'paris' ? 50 : 0)); } }
module.exports = { PriceModel };`,
  );
  return file;
}

describe('predict enforces the signature as MLflow does', () => {
  let dir: string;
  before(async () => {
    const work = tmp('price-');
    const code = writeModelModule(work);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PriceModel } = require(code) as { PriceModel: new () => { predict(c: unknown, rows: unknown[]): number[] } };
    dir = join(work, 'model');
    await customModel.saveModel(new PriceModel(), dir, {
      code,
      inputExample: [
        { rooms: 3, area: 70.5, city: 'paris' },
        { rooms: 2, area: 40, city: 'lyon' },
      ],
    });
  });

  test('a valid input, with an extra column and ints where doubles are expected, predicts', async () => {
    const model = await loadModel(dir, { allowCode: true });
    const out = await model.predict([{ rooms: 1, area: 10, city: 'paris', unused: true }]);
    assert.deepEqual(out, [170]);
  });

  test('a missing required column is an error that names it', async () => {
    const model = await loadModel(dir, { allowCode: true });
    await assert.rejects(model.predict([{ rooms: 1, city: 'paris' }]), (e: unknown) => {
      assert.ok(e instanceof SchemaEnforcementError);
      assert.match(e.message, /area/);
      assert.match(e.message, /missing/i);
      return true;
    });
  });

  test('a value of the wrong type is an error naming the column, the type expected and the value', async () => {
    const model = await loadModel(dir, { allowCode: true });
    // NB: the example's rooms (3, 2) are JS numbers, doubles (JavaScript has no integer type), so
    // 1.5 rooms is taken and a string is what the column refuses.
    assert.deepEqual(await model.predict([{ rooms: 1.5, area: 10, city: 'paris' }]), [220]);
    await assert.rejects(model.predict([{ rooms: 'three', area: 10, city: 'paris' }]), (e: unknown) => {
      assert.ok(e instanceof SchemaEnforcementError);
      assert.match(e.message, /rooms/);
      assert.match(e.message, /double/);
      assert.match(e.message, /three/);
      return true;
    });
  });

  test('a model that carries code is refused without allowCode, with how to allow it', async () => {
    await assert.rejects(loadModel(dir), /carries code.*allowCode: true/s);
  });

  test('a flavor saving with a nested-array input example gets a tensor signature, and its own loadModel returns its model', async () => {
    const matrixFlavor = createFlavorApi<{ scale: number }>({
      name: 'matrix_test',
      loaderModule: 'matrix-test-loader',
      requirements: () => [],
      async save(model, d) {
        writeFileSync(join(d, 'scale.json'), JSON.stringify(model));
        return { config: { file: 'scale.json' } };
      },
      async load(d) {
        return JSON.parse(readFileSync(join(d, 'scale.json'), 'utf8')) as { scale: number };
      },
      predictor: (m) => ({ predict: (rows) => (rows as number[][]).map((r) => r.map((x) => x * m.scale)) }),
    });
    const d = join(tmp('matrix-'), 'model');
    await matrixFlavor.saveModel({ scale: 2 }, d, { inputExample: [[0.5, 1, 2], [1, 2, 3.5]] });
    const model = await matrixFlavor.loadModel(d);
    assert.deepEqual(model, { scale: 2 });
    const spec = await ModelSpec.load(d);
    assert.match(spec.signature?.inputs ?? '', /"shape": \[-1, 3\]/);
    assert.ok(spec.flavors.matrix_test && spec.jsFunction);
  });
});

describe('models written elsewhere', () => {
  test('an MLmodel written by Python MLflow for a scikit-learn model is read, and loadModel explains it has no js_function flavor', async () => {
    const dir = join(tmp('sklearn-'), 'model');
    await runPython([
      '-c',
      `
import mlflow.sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
X, y = load_iris(return_X_y=True, as_frame=True)
model = LogisticRegression(max_iter=300).fit(X, y)
mlflow.sklearn.save_model(model, "${dir}", input_example=X.head(3))
`,
    ]);
    const spec = await ModelSpec.load(dir);
    assert.deepEqual(Object.keys(spec.flavors).sort(), ['python_function', 'sklearn']);
    assert.equal(spec.flavors.python_function?.loader_module, 'mlflow.sklearn');
    assert.ok(spec.signature?.inputs?.includes('sepal length (cm)'));
    assert.equal(spec.savedInputExampleInfo?.type, 'dataframe');
    await assert.rejects(loadModel(dir), (e: unknown) => {
      assert.match((e as Error).message, /has no js_function flavor/);
      assert.match((e as Error).message, /python_function, sklearn/);
      assert.match((e as Error).message, /mlflow\.pyfunc\.load_model/);
      return true;
    });
  });
});

describe('a third-party flavor published as its own package', () => {
  let url: string;
  before(async () => {
    url = (await testServer()).url;
  });

  test('with only that package installed, it saves, logs and loads through loadModel', async () => {
    const project = tmp('third-party-');
    mkdirSync(join(project, 'node_modules'));
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'mlflow-flavor-fixture'), join(project, 'node_modules', 'mlflow-flavor-fixture'), { recursive: true });
    symlinkSync(REPO_ROOT, join(project, 'node_modules', 'mlflow-autolog'), 'dir');
    writeFileSync(
      join(project, 'log.js'),
      `const fixture = require('mlflow-flavor-fixture');
const model = { weights: [1.5, -2], bias: 0.25 };
(async () => {
  const spec = await fixture.saveModel(model, './saved', { inputExample: [[1, 1], [2, 0]] });
  const info = await fixture.logModel(model, { name: 'linear', inputExample: [[1, 1], [2, 0]] });
  await require('mlflow-autolog').endRun();
  console.log(JSON.stringify({ flavors: Object.keys(spec.flavors), modelUri: info.modelUri }));
})().catch((e) => { console.error(e); process.exit(1); });`,
    );
    writeFileSync(
      join(project, 'load.js'),
      `const mlflow = require('mlflow-autolog');
(async () => {
  const viaUri = await mlflow.loadModel(process.argv[2]);
  const local = await mlflow.loadModel('./saved');
  const native = await require('mlflow-flavor-fixture').loadModel(process.argv[2]);
  let tensorError = '';
  try { await viaUri.predict([[1, 2, 3]]); } catch (e) { tensorError = e.message; }
  console.log(JSON.stringify({ uri: await viaUri.predict([[2, 1], [0, 4]]), local: await local.predict([[1, 0]]), native, tensorError }));
})().catch((e) => { console.error(e); process.exit(1); });`,
    );
    const env = { ...process.env, MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: 'third-party', MLFLOW_AUTOLOG_CACHE_DIR: join(project, 'cache') };
    const logged = JSON.parse((await exec(process.execPath, ['log.js'], { cwd: project, env })).stdout) as { flavors: string[]; modelUri: string };
    assert.deepEqual(logged.flavors.sort(), ['js_function', 'linear_fixture']);
    assert.match(logged.modelUri, /^models:\/m-[0-9a-f]{32}$/);

    const loaded = JSON.parse((await exec(process.execPath, ['load.js', logged.modelUri], { cwd: project, env })).stdout) as {
      uri: number[];
      local: number[];
      native: { weights: number[]; bias: number };
      tensorError: string;
    };
    assert.deepEqual(loaded.uri, [1.25, -7.75]);
    assert.deepEqual(loaded.local, [1.75]);
    assert.deepEqual(loaded.native, { weights: [1.5, -2], bias: 0.25 });
    assert.match(loaded.tensorError, /shape/i);
    assert.match(loaded.tensorError, /-1, 2/);
  });
});
