import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/errors';
import { inferParamSchema, inferSchema, inferSignature } from '../../src/models/infer-signature';
import { loadInputExample, saveInputExample } from '../../src/models/input-example';
import { pyFloatRepr, pyJsonDumps } from '../../src/models/py-json';
import { type ModelSignature, signatureFromDict, signatureToDict } from '../../src/models/signature';

const tensorLike = (shape: number[], dtype: string, values: unknown = []) => ({ shape, dtype, arraySync: () => values });
const tempDir = () => mkdtemp(join(tmpdir(), 'mlflow-autolog-sig-'));

describe('signature JSON as Python MLflow writes it', () => {
  test('a column schema is written with Python json.dumps separators and key order type, name, required', () => {
    const dict = signatureToDict({
      inputs: [
        { type: 'long', name: 'a', required: true },
        { type: 'double', name: 'b', required: false },
      ],
    });
    assert.deepEqual(dict, {
      inputs: '[{"type": "long", "name": "a", "required": true}, {"type": "double", "name": "b", "required": false}]',
      outputs: null,
      params: null,
    });
  });

  test('a named tensor spec puts its name first and an unnamed one omits it', () => {
    const dict = signatureToDict({
      inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 28, 28] }],
      outputs: [{ dtype: 'int64', shape: [-1] }],
    });
    assert.equal(dict.inputs, '[{"name": "x", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]');
    assert.equal(dict.outputs, '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]');
  });

  test('params are written name, default, shape, type, with float defaults as Python floats', () => {
    const dict = signatureToDict({
      params: [
        { name: 't', type: 'double', default: 1, shape: null },
        { name: 'l', type: 'float', default: [1, 0.5], shape: [-1] },
        { name: 'n', type: 'long', default: 3, shape: null },
        { name: 'd', type: 'datetime', default: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), shape: null },
      ],
    });
    assert.equal(
      dict.params,
      '[{"name": "t", "default": 1.0, "shape": null, "type": "double"}, {"name": "l", "default": [1.0, 0.5], "shape": [-1], "type": "float"}, ' +
        '{"name": "n", "default": 3, "shape": null, "type": "long"}, {"name": "d", "default": "2024-01-02T03:04:05", "shape": null, "type": "datetime"}]',
    );
  });

  test('object properties are sorted by name and non-ASCII names are escaped as Python escapes them', () => {
    const dict = signatureToDict({
      inputs: [{ name: 'café', required: true, type: { type: 'object', properties: { z: { type: 'string', required: true }, a: { type: { type: 'array', items: 'long' }, required: false } } } }],
    });
    assert.equal(
      dict.inputs,
      '[{"type": "object", "properties": {"a": {"type": "array", "items": {"type": "long"}, "required": false}, "z": {"type": "string", "required": true}}, "name": "caf\\u00e9", "required": true}]',
    );
  });

  test('a schema mixing column and tensor specs is refused with a message saying so', () => {
    const mixed = [{ type: 'long', name: 'a', required: true }, { name: 'x', dtype: 'float32', shape: [-1] }];
    assert.throws(() => signatureToDict({ inputs: mixed as never }), (e: unknown) => e instanceof ValidationError && /cannot mix column specs and tensor specs/.test(e.message));
  });

  test('a schema mixing named and unnamed columns, or with an unnamed optional column, is refused', () => {
    assert.throws(() => signatureToDict({ inputs: [{ type: 'long', name: 'a', required: true }, { type: 'long', required: true }] }), /named and unnamed/);
    assert.throws(() => signatureToDict({ inputs: [{ type: 'long', required: false }] }), /Unnamed columns cannot be optional/);
  });

  test('a param default that does not fit its type is refused, naming the param', () => {
    assert.throws(() => signatureToDict({ params: [{ name: 'k', type: 'long', default: 1.5, shape: null }] }), /param 'k'/);
    assert.throws(() => signatureToDict({ params: [{ name: 'l', type: 'string', default: 'x', shape: [-1] }] }), /1-D list/);
  });

  test('a scikit-learn signature written by Python MLflow is read back into specs', () => {
    const sig = signatureFromDict({
      inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type": "double", "name": "sepal width (cm)", "required": true}]',
      outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]',
      params: null,
    });
    assert.deepEqual(sig, {
      inputs: [
        { type: 'double', name: 'sepal length (cm)', required: true },
        { type: 'double', name: 'sepal width (cm)', required: true },
      ],
      outputs: [{ dtype: 'int64', shape: [-1] }],
    });
  });

  test('params written with the old "dtype" key and columns without "required" are read', () => {
    const sig = signatureFromDict({ inputs: '[{"type": "string", "name": "q"}]', params: '[{"name": "k", "dtype": "long", "default": 5}]' });
    assert.deepEqual(sig.inputs, [{ type: 'string', name: 'q', required: true }]);
    assert.deepEqual(sig.params, [{ name: 'k', type: 'long', default: 5, shape: null }]);
  });

  test('an unknown column type is refused, naming the type and where it is', () => {
    assert.throws(() => signatureFromDict({ inputs: '[{"type": "decimal", "name": "a"}]' }), /inputs\[0\].*unknown type 'decimal'/);
  });

  test('a signature survives a write and read unchanged', () => {
    const sig: ModelSignature = {
      inputs: [
        { type: { type: 'map', values: { type: 'array', items: 'any' } }, name: 'm', required: true },
        { type: 'binary', name: 'b', required: false },
      ],
      outputs: [{ name: 'y', dtype: 'float64', shape: [-1, 3] }],
      params: [{ name: 'o', type: { type: 'object', properties: { x: { type: 'double', required: true } } }, default: { x: 0.5 }, shape: null }],
    };
    const dict = signatureToDict(sig);
    assert.deepEqual(signatureFromDict(dict), sig);
    assert.deepEqual(signatureToDict(signatureFromDict(dict)), dict);
  });

  test('floats are written in Python repr, including exponents and a trailing .0', () => {
    assert.deepEqual([1, 1e16, 1.5e-7, 1e-4, 0.1, -0, 1e15].map(pyFloatRepr), ['1.0', '1e+16', '1.5e-07', '0.0001', '0.1', '-0.0', '1000000000000000.0']);
    assert.equal(pyJsonDumps({ a: [1, 'x'], b: {} }, 2), '{\n  "a": [\n    1,\n    "x"\n  ],\n  "b": {}\n}');
  });
});

describe('schema inference from JavaScript data', () => {
  test('records infer double, long, string, boolean and datetime columns, optional where a value is missing', () => {
    const schema = inferSchema([
      { a: 1, b: 1.5, c: 'x', d: true, t: new Date(0), o: 1, n: 1n },
      { a: 2, b: 2, c: 'y', d: false, t: new Date(1), o: null, n: 2n },
      { a: 3, b: 3, c: 'z', d: true, t: new Date(2), n: 3n },
    ]);
    // NB: JavaScript has no integer type: whole numbers are doubles (MLflow infers Python ints as
    // long), so a model trained on 1, 2, 3 takes 0.5 too. Only BigInts are long.
    assert.deepEqual(schema, [
      { type: 'double', name: 'a', required: true },
      { type: 'double', name: 'b', required: true },
      { type: 'string', name: 'c', required: true },
      { type: 'boolean', name: 'd', required: true },
      { type: 'datetime', name: 't', required: true },
      { type: 'double', name: 'o', required: false },
      { type: 'long', name: 'n', required: true },
    ]);
  });

  test('a column object infers one column per key, Buffers as binary and nested values as arrays and objects', () => {
    const schema = inferSchema({ img: [Buffer.from('a'), Buffer.from('b')], tags: [['x'], []], meta: [{ k: 1 }, { k: 2, z: 'q' }] });
    assert.deepEqual(schema, [
      { type: 'binary', name: 'img', required: true },
      { type: { type: 'array', items: 'string' }, name: 'tags', required: true },
      { type: { type: 'object', properties: { k: { type: 'double', required: true }, z: { type: 'string', required: false } } }, name: 'meta', required: true },
    ]);
  });

  test('a typed array becomes a 1-D tensor of its numpy dtype', () => {
    const cases: [ArrayLike<number | bigint>, string][] = [
      [new Float32Array(2), 'float32'], [new Float64Array(2), 'float64'], [new Int32Array(2), 'int32'],
      [new Uint8Array(2), 'uint8'], [new Int16Array(2), 'int16'], [new BigInt64Array(2), 'int64'],
    ];
    for (const [array, dtype] of cases) assert.deepEqual(inferSchema(array), [{ dtype, shape: [-1] }]);
  });

  test('nested number arrays become a float64 tensor, whole numbers too; BigInts an int64 one', () => {
    assert.deepEqual(inferSchema([[1, 2.5, 3], [4, 5, 6]]), [{ dtype: 'float64', shape: [-1, 3] }]);
    // NB: a JS number is a double: integers in the training data must not make the model refuse 0.5.
    assert.deepEqual(inferSchema([[[1], [2]], [[3], [4]]]), [{ dtype: 'float64', shape: [-1, 2, 1] }]);
    assert.deepEqual(inferSchema([0, 1, 1]), [{ dtype: 'float64', shape: [-1] }]);
    assert.deepEqual(inferSchema([[1n, 2n], [3n, 4n]]), [{ dtype: 'int64', shape: [-1, 2] }]);
    assert.deepEqual(inferSchema([[1n, 2.5], [3n, 4n]]), [{ dtype: 'float64', shape: [-1, 2] }]);
    assert.deepEqual(inferSchema([new Float32Array(4), new Float32Array(4)]), [{ dtype: 'float32', shape: [-1, 4] }]);
  });

  test('a ragged nested array is an error naming the row', () => {
    assert.throws(() => inferSchema([[1, 2], [3, 4], [5]]), (e: unknown) => e instanceof ValidationError && /row \[2\] has 1 item where the rows before it have 2/.test(e.message));
    assert.throws(() => inferSchema([[[1, 2], [3, 4]], [[1, 2], [3]]]), /row \[1\]\[1\] has 1 item/);
  });

  test('a tfjs tensor becomes a tensor spec with the batch dimension -1 and a numpy dtype', () => {
    assert.deepEqual(inferSchema(tensorLike([32, 28, 28], 'float32')), [{ dtype: 'float32', shape: [-1, 28, 28] }]);
    assert.deepEqual(inferSchema(tensorLike([4], 'string')), [{ dtype: 'object', shape: [-1] }]);
    assert.deepEqual(inferSchema({ ids: tensorLike([2, 5], 'int32'), mask: tensorLike([2, 5], 'bool') }), [
      { name: 'ids', dtype: 'int32', shape: [-1, 5] },
      { name: 'mask', dtype: 'bool', shape: [-1, 5] },
    ]);
  });

  test('a list of strings, a single string and an empty list are one unnamed column, as in MLflow', () => {
    assert.deepEqual(inferSchema(['a', 'b']), [{ type: 'string', required: true }]);
    assert.deepEqual(inferSchema('hello'), [{ type: 'string', required: true }]);
    assert.deepEqual(inferSchema([]), [{ type: 'string', required: true }]);
  });

  test('a column holding two kinds of values is an error naming the column', () => {
    assert.throws(() => inferSchema([{ a: 1 }, { a: 'x' }]), (e: unknown) => e instanceof ValidationError && /column 'a'.*double and string/.test(e.message));
  });

  test('params infer double, long, string, boolean, list and object types with their values as defaults', () => {
    assert.deepEqual(inferParamSchema({ n: 3, big: 3n, t: 0.5, s: 'a', b: true, l: [1, 2.5], o: { k: 'v' } }), [
      // NB: a JS number param is a double, whole or not (MLflow infers a Python int as long).
      { name: 'n', type: 'double', default: 3, shape: null },
      { name: 'big', type: 'long', default: 3n, shape: null },
      { name: 't', type: 'double', default: 0.5, shape: null },
      { name: 's', type: 'string', default: 'a', shape: null },
      { name: 'b', type: 'boolean', default: true, shape: null },
      { name: 'l', type: 'double', default: [1, 2.5], shape: [-1] },
      { name: 'o', type: { type: 'object', properties: { k: { type: 'string', required: true } } }, default: { k: 'v' }, shape: null },
    ]);
  });

  test('invalid params are all listed in one error', () => {
    assert.throws(() => inferParamSchema({ a: [[1]], b: null, ok: 1 }), (e: unknown) => e instanceof ValidationError && /'a'.*nested list.*'b'/.test(e.message));
  });

  test('inferSignature infers each part given and refuses to infer from nothing', () => {
    const sig = inferSignature([{ x: 1 }], [0.5, 1.5], { k: 2 });
    assert.deepEqual(sig.outputs, [{ dtype: 'float64', shape: [-1] }]);
    assert.equal(sig.params?.[0]?.type, 'double');
    assert.throws(() => inferSignature(), ValidationError);
  });
});

describe('input examples in MLflow files', () => {
  test('records are saved as a split dataframe and its dataframe_split serving body', async () => {
    const dir = await tempDir();
    const info = await saveInputExample(dir, [{ a: 1, b: 0.5 }, { a: 2, b: 2, c: 'x' }]);
    assert.deepEqual(info, { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split', serving_input_path: 'serving_input_example.json' });
    // NB: JS numbers are doubles, so pandas reads the column `a` back as float64, as its signature says.
    assert.equal(await readFile(join(dir, 'input_example.json'), 'utf8'), '{"columns": ["a", "b", "c"], "data": [[1.0, 0.5, null], [2.0, 2.0, "x"]]}');
    const serving = JSON.parse(await readFile(join(dir, 'serving_input_example.json'), 'utf8')) as unknown;
    assert.deepEqual(serving, { dataframe_split: { columns: ['a', 'b', 'c'], data: [[1, 0.5, null], [2, 2, 'x']] } });
    assert.match(await readFile(join(dir, 'serving_input_example.json'), 'utf8'), /^\{\n {2}"dataframe_split": \{\n {4}"columns": \[/);
  });

  test('a column object is saved as a dataframe cut to maxRows, with NaN as null', async () => {
    const dir = await tempDir();
    await saveInputExample(dir, { x: [1.5, NaN, 3, 4], y: ['a', 'b', 'c', 'd'] }, { maxRows: 2 });
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'input_example.json'), 'utf8')), { columns: ['x', 'y'], data: [[1.5, 'a'], [null, 'b']] });
  });

  test('typed arrays, nested arrays and tensors are saved as bare nested lists served as inputs', async () => {
    const dir = await tempDir();
    const info = await saveInputExample(dir, tensorLike([2, 2], 'float32', [[1, 2], [3, 4]]));
    assert.equal(info.type, 'ndarray');
    assert.equal(info.pandas_orient, undefined);
    assert.equal(await readFile(join(dir, 'input_example.json'), 'utf8'), '[[1.0, 2.0], [3.0, 4.0]]');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'serving_input_example.json'), 'utf8')), { inputs: [[1, 2], [3, 4]] });
    await saveInputExample(dir, new Int32Array([7, 8, 9]), { maxRows: 2 });
    assert.equal(await readFile(join(dir, 'input_example.json'), 'utf8'), '[7, 8]');
  });

  test('an example with params is saved as inputs and params and flagged in the info', async () => {
    const dir = await tempDir();
    const info = await saveInputExample(dir, { input: [[1, 2]], params: { temperature: 0.5 } });
    assert.equal(info.params, 'true');
    assert.equal(await readFile(join(dir, 'input_example.json'), 'utf8'), '{"inputs": [[1.0, 2.0]], "params": {"temperature": 0.5}}');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'serving_input_example.json'), 'utf8')), { inputs: [[1, 2]], params: { temperature: 0.5 } });
    assert.deepEqual(await loadInputExample(dir, info), { input: [[1, 2]], params: { temperature: 0.5 } });
    const bigints = await tempDir();
    await saveInputExample(bigints, { input: [[1n, 2n]], params: {} });
    assert.equal(await readFile(join(bigints, 'input_example.json'), 'utf8'), '{"inputs": [[1, 2]], "params": {}}', 'BigInts stay integers');
  });

  test('a chat request is a json_object served unwrapped, and other values are json_objects served as inputs', async () => {
    const dir = await tempDir();
    const chat = { messages: [{ role: 'user', content: 'hi' }] };
    assert.equal((await saveInputExample(dir, chat)).type, 'json_object');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'serving_input_example.json'), 'utf8')), chat);
    assert.equal((await saveInputExample(dir, ['a', 'b'])).type, 'json_object');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'serving_input_example.json'), 'utf8')), { inputs: ['a', 'b'] });
  });

  test('a saved dataframe reads back as records, with binary and datetime columns decoded by the schema', async () => {
    const dir = await tempDir();
    const rows = [{ id: 1, blob: Buffer.from('hello'), at: new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 250)) }];
    const info = await saveInputExample(dir, rows);
    assert.match(await readFile(join(dir, 'input_example.json'), 'utf8'), /"aGVsbG8=\\n", "2024-05-06T07:08:09.250000"/);
    assert.deepEqual(await loadInputExample(dir, info, { schema: inferSchema(rows) }), rows);
  });

  test('an example file written by Python with a bare NaN is read with NaN as null', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'input_example.json'), '{"columns": ["a", "s"], "data": [[NaN, "NaN"], [1.0, "x"]]}');
    const loaded = await loadInputExample(dir, { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' });
    assert.deepEqual(loaded, [{ a: null, s: 'NaN' }, { a: 1, s: 'x' }]);
  });
});
