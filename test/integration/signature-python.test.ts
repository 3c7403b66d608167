/**
 * Signatures and input examples against the real Python MLflow: what we write, Python reads and
 * writes back byte for byte; what Python infers and writes, we read and infer alike.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { enforceSchema, SchemaEnforcementError } from '../../src/models/enforce';
import { inferSchema, inferSignature } from '../../src/models/infer-signature';
import { loadInputExample, parsePythonJson, saveInputExample, type InputExampleInfo } from '../../src/models/input-example';
import { type SignatureDict, signatureFromDict, signatureToDict } from '../../src/models/signature';
import { pythonJson } from '../harness/python';

const tensorLike = (shape: number[], dtype: string, values: unknown = []) => ({ shape, dtype, arraySync: () => values });
const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `mlflow-autolog-${prefix}-`));
const day = (d: number) => new Date(Date.UTC(2024, 0, d));

/**
 * The same data on both sides: JS values for us, a Python expression for MLflow. NB: a JS number
 * is a double (JavaScript has no integer type), so it stands for a Python float, and a BigInt for
 * a Python int: whole JS numbers infer double where Python's ints infer long.
 */
const INFERENCE_CASES: { name: string; js: () => SignatureDict; python: string }[] = [
  {
    name: 'a DataFrame with long (BigInt), double (whole, fractional, NaN), string and boolean columns and a numpy output',
    js: () => signatureToDict(inferSignature(
      [{ a: 1n, b: 1.5, c: 'x', d: true, w: 1 }, { a: 2n, b: 2.5, c: 'y', d: false, w: 2 }, { a: 3n, b: NaN, c: 'z', d: true, w: 3 }], [0, 1, 1])),
    python: `infer_signature(pd.DataFrame({'a': [1, 2, 3], 'b': [1.5, 2.5, np.nan], 'c': ['x', 'y', 'z'], 'd': [True, False, True], 'w': [1.0, 2.0, 3.0]}), np.array([0.0, 1.0, 1.0]))`,
  },
  {
    name: 'records with optional double and long columns',
    js: () => signatureToDict(inferSignature([{ a: 1, s: 'x', n: 1n }, { a: null, s: 'y', n: null }])),
    python: `infer_signature([{'a': 1.0, 's': 'x', 'n': 1}, {'a': None, 's': 'y', 'n': None}])`,
  },
  {
    name: 'a column object with list, object and datetime columns',
    js: () => signatureToDict(inferSignature({ x: [1, 2], y: ['a', 'b'], tags: [['a'], ['b', 'c']], meta: [{ k: 1 }, { k: 2, z: 'q' }], when: [day(1), day(2)] })),
    python: `infer_signature(pd.DataFrame({'x': [1.0, 2.0], 'y': ['a', 'b'], 'tags': [['a'], ['b', 'c']], 'meta': [{'k': 1.0}, {'k': 2.0, 'z': 'q'}], 'when': pd.to_datetime(['2024-01-01', '2024-01-02'])}))`,
  },
  {
    name: 'a float32 vector',
    js: () => signatureToDict(inferSignature(new Float32Array([1, 2, 3]))),
    python: `infer_signature(np.array([1, 2, 3], dtype=np.float32))`,
  },
  {
    name: 'a 2-D float matrix with a 2-D integer (BigInt) output, and a whole-number matrix',
    js: () => signatureToDict(inferSignature([[1.5, 2], [3, 4]], [[1n, 2n], [3n, 4n]])),
    python: `infer_signature(np.array([[1.5, 2.0], [3.0, 4.0]]), np.array([[1, 2], [3, 4]]))`,
  },
  {
    name: 'whole JS numbers as a float64 matrix, and an Int32Array as int32',
    js: () => signatureToDict(inferSignature([[1, 2], [3, 4]], new Int32Array([0, 1]))),
    python: `infer_signature(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0, 1], dtype=np.int32))`,
  },
  {
    name: 'named tensors',
    js: () => signatureToDict(inferSignature({ ids: tensorLike([2, 5], 'int32'), pixels: tensorLike([2, 28, 28], 'float32') })),
    python: `infer_signature({'ids': np.zeros((2, 5), dtype=np.int32), 'pixels': np.zeros((2, 28, 28), dtype=np.float32)})`,
  },
  {
    name: 'inference params of every kind',
    js: () => signatureToDict(inferSignature([{ q: 'hi' }], undefined, {
      temperature: 0.5, max_tokens: 32n, stop: ['\n', 'é'], greedy: false, weights: [0.5, 1.5], when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), opts: { k: 'v', n: 2n },
    })),
    python: `infer_signature(pd.DataFrame({'q': ['hi']}), params={'temperature': 0.5, 'max_tokens': 32, 'stop': ['\\n', 'é'], 'greedy': False, 'weights': [0.5, 1.5], 'when': datetime.datetime(2024, 1, 2, 3, 4, 5), 'opts': {'k': 'v', 'n': 2}})`,
  },
  {
    name: 'a whole-number JS param, a double',
    js: () => signatureToDict(inferSignature([{ q: 'hi' }], undefined, { top_k: 3.5, n: 3 })),
    python: `infer_signature(pd.DataFrame({'q': ['hi']}), params={'top_k': 3.5, 'n': 3.0})`,
  },
];

const PRELUDE = 'import json, os, datetime\nimport numpy as np, pandas as pd\n';

describe('signatures read and written by Python MLflow', () => {
  test('Python parses each signature we infer and writes it back byte-identical', async () => {
    const ours = [
      ...INFERENCE_CASES.map((c) => c.js()),
      signatureToDict(inferSignature(tensorLike([8, 28, 28], 'float32'), tensorLike([8], 'string'))),
      signatureToDict({ inputs: [{ type: { type: 'map', values: { type: 'array', items: 'any' } }, name: 'm', required: true }], params: [{ name: 't', type: 'float', default: 1, shape: null }] }),
    ];
    const dir = await tempDir('sig');
    await writeFile(join(dir, 'signatures.json'), JSON.stringify(ours));
    const back = await pythonJson<SignatureDict[]>(
      `${PRELUDE}from mlflow.models.signature import ModelSignature\n` +
        `cases = json.load(open(os.environ['SIG_FILE']))\n` +
        `print(json.dumps([ModelSignature.from_dict(c).to_dict() for c in cases]))`,
      { SIG_FILE: join(dir, 'signatures.json') },
    );
    assert.equal(back.length, ours.length);
    for (const [i, dict] of ours.entries()) assert.deepEqual(back[i], dict, `signature ${i}`);
  });

  describe('what Python infers', () => {
    let python: SignatureDict[] = [];
    before(async () => {
      python = await pythonJson<SignatureDict[]>(
        `${PRELUDE}from mlflow.models.signature import infer_signature\n` +
          `print(json.dumps([s.to_dict() for s in [${INFERENCE_CASES.map((c) => c.python).join(', ')}]]))`,
      );
    });
    for (const [i, c] of INFERENCE_CASES.entries()) {
      test(`we read and rewrite Python's signature for ${c.name} unchanged, and infer the same one`, () => {
        const theirs = python[i]!;
        assert.deepEqual(signatureToDict(signatureFromDict(theirs)), theirs);
        assert.deepEqual(c.js(), theirs);
      });
    }
  });
});

/** Python's example files with its bare NaN turned to null, as we write it. */
const withoutNaN = (text: string) => text.replace(/\bNaN\b/g, 'null');

describe('input examples against Python MLflow', () => {
  let dirs: Record<'df' | 'nd' | 'params', { ours: string; theirs: string; info: Record<string, unknown> }>;
  before(async () => {
    const make = async (key: string) => ({ ours: await tempDir(`${key}-js`), theirs: await tempDir(`${key}-py`), info: {} });
    dirs = { df: await make('df'), nd: await make('nd'), params: await make('params') };
    const infos = await pythonJson<Record<string, Record<string, unknown>>>(
      `${PRELUDE}from mlflow.models.utils import _Example\n` +
        `examples = {\n` +
        `  'df': pd.DataFrame({'a': [1.0, 2.0, 3.0], 'b': [1.5, 2.0, np.nan], 'c': ['x', 'y', 'z'], 'd': [True, False, True]}),\n` +
        `  'nd': np.array([[1.0, 2.5], [3.0, np.nan]], dtype=np.float32),\n` +
        `  'params': (np.array([[1.0, 2.0], [3.0, 4.0]]), {'temperature': 0.5, 'stop': ['x']}),\n` +
        `}\n` +
        `infos = {}\n` +
        `for key, value in examples.items():\n` +
        `  e = _Example(value)\n` +
        `  e.save(os.environ['DIR_' + key])\n` +
        `  infos[key] = e.info\n` +
        `print(json.dumps(infos))`,
      { DIR_df: dirs.df.theirs, DIR_nd: dirs.nd.theirs, DIR_params: dirs.params.theirs },
    );
    for (const key of ['df', 'nd', 'params'] as const) dirs[key].info = infos[key]!;
  });

  const compareFiles = async (key: 'df' | 'nd' | 'params', info: InputExampleInfo) => {
    const { ours, theirs, info: theirInfo } = dirs[key];
    assert.deepEqual({ ...info }, theirInfo);
    for (const file of ['input_example.json', 'serving_input_example.json']) {
      const [a, b] = [await readFile(join(ours, file), 'utf8'), await readFile(join(theirs, file), 'utf8')];
      assert.deepEqual(parsePythonJson(a), parsePythonJson(b), file);
      assert.equal(a, withoutNaN(b), `${file} differs from Python's beyond NaN`);
    }
  };

  test('records are saved as Python saves the equivalent DataFrame', async () => {
    const rows = [{ a: 1, b: 1.5, c: 'x', d: true }, { a: 2, b: 2, c: 'y', d: false }, { a: 3, b: NaN, c: 'z', d: true }];
    await compareFiles('df', await saveInputExample(dirs.df.ours, rows));
  });

  test('a float32 matrix is saved as Python saves the equivalent ndarray', async () => {
    await compareFiles('nd', await saveInputExample(dirs.nd.ours, [new Float32Array([1, 2.5]), new Float32Array([3, NaN])]));
  });

  test('an example with params is saved as Python saves an (ndarray, params) tuple', async () => {
    await compareFiles('params', await saveInputExample(dirs.params.ours, { input: [[1, 2], [3, 4]], params: { temperature: 0.5, stop: ['x'] } }));
  });

  test('Python MLflow loads the examples we save', async () => {
    const dir = await tempDir('readback');
    const info = await saveInputExample(join(dir, 'df'), [{ a: 1, b: 0.5, s: 'x' }, { a: 2, b: null, s: 'y' }]);
    const ndInfo = await saveInputExample(join(dir, 'nd'), tensorLike([2, 2], 'int32', [[1, 2], [3, 4]]));
    const read = await pythonJson<{ df: Record<string, unknown[]>; nd: unknown }>(
      `${PRELUDE}from mlflow.models import Model\nfrom mlflow.models.utils import _read_example\n` +
        `d = os.environ['DIR']\n` +
        `df = _read_example(Model(saved_input_example_info=json.loads(os.environ['DF_INFO'])), d + '/df')\n` +
        `nd = _read_example(Model(saved_input_example_info=json.loads(os.environ['ND_INFO'])), d + '/nd')\n` +
        `print(json.dumps({'df': df.astype(object).where(df.notnull(), None).to_dict(orient='list'), 'nd': nd.tolist()}))`,
      { DIR: dir, DF_INFO: JSON.stringify(info), ND_INFO: JSON.stringify(ndInfo) },
    );
    assert.deepEqual(read, { df: { a: [1, 2], b: [0.5, null], s: ['x', 'y'] }, nd: [[1, 2], [3, 4]] });
  });
});

describe('a scikit-learn model saved by Python MLflow', () => {
  const rows = [
    { 'sepal length (cm)': 5.1, 'sepal width (cm)': 3.5 },
    { 'sepal length (cm)': 4.9, 'sepal width (cm)': 3 },
    { 'sepal length (cm)': 6.2, 'sepal width (cm)': 2.9 },
  ];
  let modelDir = '';
  before(async () => {
    modelDir = join(await tempDir('sklearn'), 'model');
    await pythonJson(
      `${PRELUDE}import mlflow.sklearn\nfrom sklearn.linear_model import LogisticRegression\n` +
        `X = pd.DataFrame(json.loads(os.environ['ROWS']))\n` +
        `m = LogisticRegression().fit(X, [0, 0, 1])\n` +
        `mlflow.sklearn.save_model(m, os.environ['MODEL_DIR'], input_example=X, pip_requirements=['scikit-learn'])\n` +
        `print(json.dumps(True))`,
      { ROWS: JSON.stringify(rows), MODEL_DIR: modelDir },
    );
  });

  test('its MLmodel signature is read, rewritten byte-identical, inferred alike from records and enforced', async () => {
    const mlmodel = parseYaml(await readFile(join(modelDir, 'MLmodel'), 'utf8')) as { signature: SignatureDict };
    const signature = signatureFromDict(mlmodel.signature);
    assert.deepEqual(signatureToDict(signature), mlmodel.signature);
    assert.equal(signatureToDict({ inputs: inferSchema(rows) }).inputs, mlmodel.signature.inputs);
    assert.deepEqual(enforceSchema([{ 'sepal width (cm)': 3, 'sepal length (cm)': 5 }], signature.inputs).data, [{ 'sepal length (cm)': 5, 'sepal width (cm)': 3 }]);
    assert.throws(() => enforceSchema([{ 'sepal length (cm)': 5 }], signature.inputs), SchemaEnforcementError);
  });

  test('its input example files are the ones we write for the same records, and read back as them', async () => {
    const mlmodel = parseYaml(await readFile(join(modelDir, 'MLmodel'), 'utf8')) as { saved_input_example_info: InputExampleInfo };
    const dir = await tempDir('sklearn-js');
    const info = await saveInputExample(dir, rows);
    assert.deepEqual({ ...info }, mlmodel.saved_input_example_info);
    for (const file of ['input_example.json', 'serving_input_example.json']) {
      assert.equal(await readFile(join(dir, file), 'utf8'), await readFile(join(modelDir, file), 'utf8'), file);
    }
    assert.deepEqual(await loadInputExample(modelDir, mlmodel.saved_input_example_info), rows);
  });
});
