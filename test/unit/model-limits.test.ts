/**
 * Limits on model metadata (issue 11, item 5): size caps on MLmodel and input examples, parse
 * errors that name the file, the nesting cap on predict() input; and the regressions the fuzz
 * suites (fuzz-*.test.ts) found.
 */
import assert from 'node:assert/strict';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { ConfigError, ValidationError } from '../../src/errors';
import { SchemaEnforcementError, enforceSchema } from '../../src/models/enforce';
import { inferSchema } from '../../src/models/infer-signature';
import { loadInputExample, parsePythonJson } from '../../src/models/input-example';
import { JsFunctionModel } from '../../src/models/js-function';
import { DEFAULT_MAX_INPUT_EXAMPLE_BYTES, DEFAULT_MAX_MLMODEL_BYTES, MAX_NESTING_DEPTH, sizeCap } from '../../src/models/limits';
import { ModelSpec } from '../../src/models/mlmodel';
import { describeValue, signatureToDict } from '../../src/models/signature';

const tempDir = () => mkdtemp(join(tmpdir(), 'mlflow-autolog-limits-'));
const CAP_VARIABLES = ['MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES', 'MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES'] as const;

afterEach(() => {
  for (const variable of CAP_VARIABLES) delete process.env[variable];
});

function nest(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('size caps on model metadata', () => {
  test('the default caps are 10 MiB for MLmodel and 50 MiB for input examples', () => {
    assert.equal(sizeCap('MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES', {}), DEFAULT_MAX_MLMODEL_BYTES);
    assert.equal(DEFAULT_MAX_MLMODEL_BYTES, 10 * 1024 * 1024);
    assert.equal(sizeCap('MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES', {}), DEFAULT_MAX_INPUT_EXAMPLE_BYTES);
    assert.equal(DEFAULT_MAX_INPUT_EXAMPLE_BYTES, 50 * 1024 * 1024);
  });

  test('an MLmodel over the cap is refused from its size, before it is read, naming the file, its size and the cap', async () => {
    const dir = await tempDir();
    const file = join(dir, 'MLmodel');
    await writeFile(file, '');
    // NB: a sparse 2 GB file: reading it would take seconds and the heap, the size check takes neither.
    await truncate(file, 2 ** 31);
    const started = performance.now();
    await assert.rejects(ModelSpec.load(dir), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, new RegExp(`${file.replace(/[/\\.]/g, '\\$&')}.*2147483648 bytes.*cap of 10485760 bytes.*MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES`));
      return true;
    });
    assert.ok(performance.now() - started < 1_000);
  });

  test('MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES lowers the cap', async () => {
    const dir = await tempDir();
    await new ModelSpec().addFlavor('js_function', { loader_module: 'x', node_version: '20', pad: 'x'.repeat(3000) }).save(dir);
    assert.ok(await ModelSpec.load(dir));
    process.env.MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES = '2048';
    await assert.rejects(ModelSpec.load(dir), /MLmodel \(an MLmodel file\) is \d{4} bytes, over the cap of 2048 bytes/);
  });

  test('a cap variable that is not a whole number of bytes from 1024 is a ConfigError naming it', () => {
    for (const raw of ['ten', '-5', '12', '1.5', `${2 ** 40}`]) {
      assert.throws(
        () => sizeCap('MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES', { MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES: raw }),
        (error: unknown) => error instanceof ConfigError && error.variable === 'MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES' && error.message.includes(JSON.stringify(raw)),
      );
    }
  });

  test('an input example over the cap is refused naming the file, its size and the cap', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'input_example.json'), JSON.stringify({ columns: ['a'], data: Array.from({ length: 1000 }, (_, i) => [i]) }));
    process.env.MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES = '1024';
    await assert.rejects(
      loadInputExample(dir, { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' }),
      (error: unknown) => error instanceof ValidationError && /input_example\.json \(an input example\) is \d+ bytes, over the cap of 1024 bytes/.test(error.message),
    );
  });
});

describe('parse errors name the file', () => {
  test('a YAML syntax error in MLmodel names the file and the line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'MLmodel'), 'flavors:\n  js_function: {loader_module: x\nmodel_uuid: abc\n');
    await assert.rejects(ModelSpec.load(dir), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.ok(error.message.startsWith(`${join(dir, 'MLmodel')} is not a valid MLmodel file: YAML syntax error at line 3`), error.message);
      return true;
    });
  });

  test('a signature that is not JSON names the file, the field and what is expected', () => {
    const text = 'flavors: {}\nsignature:\n  inputs: \'[{"type": "long", \'\n  outputs: null\n';
    assert.throws(() => ModelSpec.parse(text, '/m/MLmodel'), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /^\/m\/MLmodel: Invalid signature JSON at signature\.inputs: not JSON .*expected a JSON list of specs/);
      return true;
    });
  });

  test('a signature part that is not a string, or an empty signature, names the file and the field', () => {
    assert.throws(() => ModelSpec.parse('signature:\n  inputs: [1, 2]\n', '/m/MLmodel'), /^ValidationError: \/m\/MLmodel: signature\.inputs should be a JSON string/);
    assert.throws(() => ModelSpec.parse('signature: {inputs: null}\n', '/m/MLmodel'), /\/m\/MLmodel: signature has no inputs, outputs or params/);
    assert.throws(() => ModelSpec.parse('signature: {inputs: "[]"}\n', '/m/MLmodel'), /\/m\/MLmodel: Invalid signature JSON at signature\.inputs: A schema needs at least one/);
  });

  test('a flavor block that is not a mapping names the file and the flavor', () => {
    assert.throws(() => ModelSpec.parse('flavors:\n  js_function: 5\n', '/m/MLmodel'), /\/m\/MLmodel: flavors\.js_function should be a mapping of the flavor's settings, got the number "5"/);
  });

  test('bad JSON in an input example names the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'input_example.json'), '{"columns": ["a"], "data": [[1], [2}');
    await assert.rejects(
      loadInputExample(dir, { artifact_path: 'input_example.json', type: 'dataframe' }),
      (error: unknown) => error instanceof ValidationError && error.message.startsWith(`${join(dir, 'input_example.json')} is not valid JSON`),
    );
  });

  test('a dataframe example whose rows are not lists is a ValidationError, not a TypeError', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'input_example.json'), '{"columns": ["a"], "data": [1, 2]}');
    await assert.rejects(loadInputExample(dir, { artifact_path: 'input_example.json', type: 'dataframe' }), /is not a dataframe in split orient/);
  });

  test('Python NaN and Infinity are still read outside strings and left alone inside them', () => {
    assert.deepEqual(parsePythonJson('[NaN, -Infinity, Infinity, "NaN \\" Infinity"]'), [null, -Infinity, Infinity, 'NaN " Infinity']);
  });
});

describe('nesting cap on predict input', () => {
  test(`input nested more than ${MAX_NESTING_DEPTH} deep is a SchemaEnforcementError naming where, not a RangeError`, () => {
    const schema = [{ type: { type: 'array', items: 'long' }, required: true }] as const;
    assert.throws(() => enforceSchema(nest(100_000), [...schema]), (error: unknown) => {
      assert.ok(error instanceof SchemaEnforcementError, String(error));
      assert.match(error.message, /The input to predict nests arrays and objects more than 100 levels deep \(at input\[0\]\[0\]/);
      return true;
    });
    assert.doesNotThrow(() => enforceSchema(nest(MAX_NESTING_DEPTH), undefined));
  });

  test('a model without a signature refuses deep input before its predictor sees it', async () => {
    let called = false;
    const model = new JsFunctionModel(new ModelSpec(), '/nowhere', {
      predict: (input) => {
        called = true;
        return JSON.stringify(input);
      },
    });
    await assert.rejects(model.predict(nest(100_000)), SchemaEnforcementError);
    await assert.rejects(model.predict([], { p: nest(5_000) }), /The params to predict nests/);
    assert.equal(called, false);
    assert.equal(await model.predict(nest(3)), '[[[1]]]');
  });

  test('a cycle in the input is refused as too deep', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.throws(() => enforceSchema(cyclic, undefined), /more than 100 levels deep \(at input\[0\]\[0\].*\), or holds a cycle/);
  });

  test('deep signature JSON is a ValidationError naming the part, not a RangeError', () => {
    const mlmodel = (depth: number) =>
      `flavors: {}\nsignature:\n  inputs: '[${'{"type": "array", "items": '.repeat(depth)}{"type": "long"}${'}'.repeat(depth)}]'\n`;
    assert.throws(() => ModelSpec.parse(mlmodel(150), '/m/MLmodel'), /^ValidationError: \/m\/MLmodel: Invalid signature JSON at signature\.inputs\[0\]\.items.*: nests more than 100 levels/);
    // NB: far deeper, the MLmodel text is refused before YAML (or JSON) parses it.
    assert.throws(() => ModelSpec.parse(mlmodel(20_000), '/m/MLmodel'), /^ValidationError: \/m\/MLmodel is not a valid MLmodel file: it nests far more than 100 levels deep \(at line 3\)/);
  });
});

describe('regressions found by fuzzing', () => {
  test('100,000 nested YAML sequences are refused at once instead of exhausting the heap', () => {
    const ms = timed(() => assert.throws(() => ModelSpec.parse(`metadata:\n  ${'- '.repeat(100_000)}x\n`, '/m/MLmodel'), /nests far more than 100 levels deep \(at line 2\)/));
    assert.ok(ms < 1_000, `${ms} ms`);
  });

  test('80 KB of YAML errors stop at the first instead of taking seconds', () => {
    const ms = timed(() => assert.throws(() => ModelSpec.parse(`a: ${'[]'.repeat(40_000)}`, '/m/MLmodel'), /\/m\/MLmodel is not a valid MLmodel file: YAML syntax error at line 1/));
    assert.ok(ms < 2_000, `${ms} ms`);
  });

  test('Python-JSON with many escaped quotes is parsed in linear time', () => {
    const ms = timed(() => assert.throws(() => parsePythonJson(`"${'\\"'.repeat(200_000)}`, 'ex.json'), /^ValidationError: ex\.json is not valid JSON/));
    assert.ok(ms < 1_000, `${ms} ms`);
  });

  test('a __proto__ key in MLmodel stays a key and changes no prototype', () => {
    const spec = ModelSpec.parse('__proto__: {polluted: true}\nflavors: {}\n', '/m/MLmodel');
    assert.equal(Object.getPrototypeOf(spec.extra), Object.prototype);
    assert.deepEqual(Object.keys(spec.extra), ['__proto__']);
  });

  test('messages describe values JSON.stringify and String cannot (bigints, objects without a prototype)', () => {
    assert.equal(describeValue({ a: 1n }), '{"a":"1n"} (object)');
    assert.match(describeValue([Object.create(null)]), /^\[\[object Object\]\] \(array\)$/);
    assert.throws(() => enforceSchema([{ a: { b: 1n } }], [{ name: 'a', type: 'string', required: true }]), SchemaEnforcementError);
    assert.throws(() => enforceSchema([[Object.create(null)]], [{ type: 'long', required: true }]), SchemaEnforcementError);
  });

  test('columns and properties named like Object.prototype members are looked up as own keys', () => {
    const schema = [{ name: 'x', type: 'long', required: true }, { name: 'constructor', type: 'string', required: false }] as const;
    assert.deepEqual(enforceSchema([{ x: 1 }], [...schema]).data, [{ x: 1 }]);
    const object = [{ name: 'o', type: { type: 'object', properties: { a: { type: 'long', required: true } } }, required: true }] as const;
    assert.throws(() => enforceSchema([{ o: { a: 1, toString: 'x' } }], [...object] as never), /Properties not in the schema found in column 'o' \(row 0\): 'toString'/);
  });

  test('a whole number outside int64 infers double, which enforcement then accepts', () => {
    const schema = inferSchema([{ a: -9223372036854778000 }, { a: 1e20 }]);
    assert.deepEqual(schema, [{ name: 'a', type: 'double', required: true }]);
    assert.doesNotThrow(() => enforceSchema([{ a: 1e20 }], schema));
  });

  test('a signature naming an object property __proto__ round-trips through MLmodel', () => {
    const properties = JSON.parse('{"__proto__": {"type": "long", "required": true}}') as Record<string, { type: 'long'; required: boolean }>;
    const dict = signatureToDict({ inputs: [{ name: 'o', type: { type: 'object', properties }, required: true }] });
    assert.match(dict.inputs!, /"properties": \{"__proto__": \{"type": "long", "required": true\}\}/);
  });
});
