import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MlflowAutologError } from '../../src/errors';
import { SchemaEnforcementError, canCastSafely, enforceParams, enforceSchema } from '../../src/models/enforce';
import type { ColSpec, ParamSchema, TensorSpec } from '../../src/models/signature';
import { setSilent } from '../../src/util/logger';

const columns: ColSpec[] = [
  { type: 'long', name: 'a', required: true },
  { type: 'double', name: 'b', required: true },
  { type: 'string', name: 'c', required: false },
];
const tensorLike = (shape: number[], dtype: string) => ({ shape, dtype, arraySync: () => [] });
const isEnforcementError = (pattern: RegExp) => (e: unknown) => e instanceof SchemaEnforcementError && pattern.test(e.message);

/** Runs `fn` and returns what it wrote to stderr (the agent's warnings). */
function captureStderr(fn: () => void): string {
  const original = process.stderr.write.bind(process.stderr);
  let out = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  setSilent(false);
  try {
    fn();
  } finally {
    process.stderr.write = original;
  }
  return out;
}

describe('column schema enforcement', () => {
  test('SchemaEnforcementError is one of the package errors', () => {
    assert.ok(new SchemaEnforcementError('x') instanceof MlflowAutologError);
  });

  test('records come back as records with columns in schema order and extra columns dropped', () => {
    const { data } = enforceSchema([{ extra: 1, c: 'x', b: 2, a: 1 }, { b: 1.5, a: 2 }], columns);
    assert.deepEqual(data, [{ a: 1, b: 2, c: 'x' }, { a: 2, b: 1.5 }]);
    assert.deepEqual(Object.keys((data as object[])[0]!), ['a', 'b', 'c']);
  });

  test('a column object comes back as a column object and a single record as a record', () => {
    assert.deepEqual(enforceSchema({ b: [1, 2], a: [3, 4], z: [0, 0] }, columns).data, { a: [3, 4], b: [1, 2] });
    assert.deepEqual(enforceSchema({ b: 0.5, a: 7 }, columns).data, { a: 7, b: 0.5 });
  });

  test('a missing required column is an error naming it and listing the expected columns', () => {
    assert.throws(
      () => enforceSchema([{ a: 1 }], columns),
      isEnforcementError(/missing inputs 'b'\. Expected columns: a \(long\), b \(double\), c \(string, optional\)/),
    );
  });

  test('a fractional number in a long column is an error naming the column, the type and the value', () => {
    assert.throws(() => enforceSchema([{ a: 1, b: 1 }, { a: 1.5, b: 1 }], columns), isEnforcementError(/column 'a' \(row 1\): expected long, got 1\.5 \(number\)/));
  });

  test('a string in a double column is an error, while integers widen into it', () => {
    assert.throws(() => enforceSchema({ a: 1, b: '2.5' }, columns), isEnforcementError(/column 'b': expected double, got "2\.5" \(string\)/));
    assert.deepEqual(enforceSchema({ a: 1, b: 2 }, columns).data, { a: 1, b: 2 });
  });

  test('a float column takes values float32 holds exactly and refuses others', () => {
    const schema: ColSpec[] = [{ type: 'float', name: 'f', required: true }];
    assert.deepEqual(enforceSchema({ f: [0.5, 3, 16777216] }, schema).data, { f: [0.5, 3, 16777216] });
    assert.throws(() => enforceSchema({ f: [0.1] }, schema), isEnforcementError(/column 'f' \(row 0\): expected float.*declare the column double/));
  });

  test('an integer column refuses values outside int32', () => {
    const schema: ColSpec[] = [{ type: 'integer', name: 'i', required: true }];
    assert.doesNotThrow(() => enforceSchema({ i: 2147483647 }, schema));
    assert.throws(() => enforceSchema({ i: 2147483648 }, schema), isEnforcementError(/out of range/));
  });

  test('null is accepted in an optional column and a required double column, but not a required long one', () => {
    assert.doesNotThrow(() => enforceSchema([{ a: 1, b: null, c: null }], columns));
    assert.throws(() => enforceSchema([{ a: 1, b: 1 }, { a: null, b: 1 }], columns), isEnforcementError(/required column 'a' \(row 1\).*integers cannot be missing/));
  });

  test('datetime strings become Dates and Buffers pass as binary', () => {
    const schema: ColSpec[] = [{ type: 'datetime', name: 't', required: true }, { type: 'binary', name: 'b', required: true }];
    const { data } = enforceSchema({ t: '2024-01-02T03:04:05', b: Buffer.from('x') }, schema);
    assert.deepEqual(data, { t: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), b: Buffer.from('x') });
    assert.throws(() => enforceSchema({ t: 'soon', b: Buffer.from('x') }, schema), isEnforcementError(/column 't'/));
  });

  test('array and object columns check every item and property', () => {
    const schema: ColSpec[] = [
      { type: { type: 'array', items: 'long' }, name: 'ids', required: true },
      { type: { type: 'object', properties: { k: { type: 'string', required: true } } }, name: 'o', required: true },
    ];
    assert.deepEqual(enforceSchema({ ids: [1, 2], o: { k: 'v' } }, schema).data, { ids: [1, 2], o: { k: 'v' } });
    assert.deepEqual(enforceSchema({ ids: [[1], [2, 3]], o: [{ k: 'v' }, { k: 'w' }] }, schema).data, { ids: [[1], [2, 3]], o: [{ k: 'v' }, { k: 'w' }] });
    assert.throws(() => enforceSchema({ ids: [1, 'x'], o: { k: 'v' } }, schema), isEnforcementError(/column 'ids'\[1\]: expected long/));
    assert.throws(() => enforceSchema({ ids: [1], o: {} }, schema), isEnforcementError(/Missing required properties 'k'/));
    assert.throws(() => enforceSchema({ ids: [1], o: { k: 'v', q: 1 } }, schema), isEnforcementError(/not in the schema.*'q'/));
  });

  test('unnamed columns are matched by position and their count is checked', () => {
    assert.deepEqual(enforceSchema(['a', 'b'], [{ type: 'string', required: true }]).data, ['a', 'b']);
    const two: ColSpec[] = [{ type: 'long', required: true }, { type: 'string', required: true }];
    assert.deepEqual(enforceSchema([[1, 'x', 'dropped']], two).data, [[1, 'x']]);
    assert.throws(() => enforceSchema([[1]], two), isEnforcementError(/declares 2 unnamed inputs/));
  });

  test('a column schema refuses input that is neither records nor columns', () => {
    assert.throws(() => enforceSchema(42, columns), isEnforcementError(/column-based signature/));
  });
});

describe('tensor schema enforcement', () => {
  const spec: TensorSpec[] = [{ dtype: 'float32', shape: [-1, 3] }];

  test('any batch size passes where the spec says -1 and the input comes back unchanged', () => {
    const input = [[1, 2, 3], [4, 5, 6.5]];
    assert.equal(enforceSchema(input, spec).data, input);
  });

  test('a shape mismatch reports the expected and the actual shape', () => {
    assert.throws(() => enforceSchema([[1, 2]], spec), isEnforcementError(/Shape of the input \[1, 2\] does not match expected shape \[-1, 3\]/));
    assert.throws(() => enforceSchema([1, 2, 3], spec), isEnforcementError(/\[3\] does not match/));
  });

  test('typed arrays and tensors cast only safely: int to float64 passes, float64 to float32 and float to int fail', () => {
    assert.doesNotThrow(() => enforceSchema(new Int32Array(4), [{ dtype: 'float64', shape: [-1] }]));
    assert.doesNotThrow(() => enforceSchema(tensorLike([2, 3], 'float32'), [{ dtype: 'float64', shape: [-1, 3] }]));
    assert.throws(() => enforceSchema(new Float64Array(4), [{ dtype: 'float32', shape: [-1] }]), isEnforcementError(/float64.*float32.*safely/));
    assert.throws(() => enforceSchema(tensorLike([2], 'float32'), [{ dtype: 'int32', shape: [-1] }]), isEnforcementError(/float32.*int32/));
  });

  test('plain nested numbers go into float tensors, and into int tensors only when integral and in range', () => {
    assert.doesNotThrow(() => enforceSchema([[1, 2], [3, 4]], [{ dtype: 'int32', shape: [-1, 2] }]));
    assert.throws(() => enforceSchema([[1.5, 2]], [{ dtype: 'int32', shape: [-1, 2] }]), isEnforcementError(/floats cannot be cast to integers/));
    assert.throws(() => enforceSchema([300], [{ dtype: 'uint8', shape: [-1] }]), isEnforcementError(/300 is out of range/));
  });

  test('named tensors need an object holding each of them', () => {
    const named: TensorSpec[] = [{ name: 'ids', dtype: 'int32', shape: [-1, 4] }, { name: 'mask', dtype: 'bool', shape: [-1, 4] }];
    assert.doesNotThrow(() => enforceSchema({ ids: tensorLike([1, 4], 'int32'), mask: tensorLike([1, 4], 'bool') }, named));
    assert.throws(() => enforceSchema({ ids: tensorLike([1, 4], 'int32') }, named), isEnforcementError(/missing inputs 'mask'/));
    assert.throws(() => enforceSchema(new Int32Array(4), named), isEnforcementError(/pass an object/));
  });

  test('numpy safe casting rules hold for the usual pairs', () => {
    assert.equal(canCastSafely('int64', 'float64'), true);
    assert.equal(canCastSafely('int32', 'float32'), false);
    assert.equal(canCastSafely('uint8', 'int16'), true);
    assert.equal(canCastSafely('bool', 'float32'), true);
    assert.equal(canCastSafely('float32', 'float16'), false);
  });
});

describe('params enforcement', () => {
  const paramSchema: ParamSchema = [
    { name: 'temperature', type: 'double', default: 0.7, shape: null },
    { name: 'stop', type: 'string', default: ['\n'], shape: [-1] },
    { name: 'since', type: 'datetime', default: '2024-01-01T00:00:00', shape: null },
  ];

  test('missing params take their defaults and datetime params become Dates', () => {
    const { params } = enforceSchema([{ a: 1, b: 1 }], columns, { params: { temperature: 1 }, paramSchema });
    assert.deepEqual(params, { temperature: 1, stop: ['\n'], since: new Date(Date.UTC(2024, 0, 1)) });
  });

  test('unknown params are warned about and ignored', () => {
    let result: unknown;
    const stderr = captureStderr(() => (result = enforceParams({ temperature: 0.1, top_k: 5 }, paramSchema)));
    assert.match(stderr, /unrecognised params top_k are ignored/);
    assert.equal((result as Record<string, unknown>).top_k, undefined);
  });

  test('params of the wrong type or shape are all reported in one error', () => {
    assert.throws(
      () => enforceParams({ temperature: 'hot', stop: 'x' }, paramSchema),
      isEnforcementError(/'temperature' \(double\): cannot use "hot" \(string\) as double; 'stop' \(string list\): expected a 1-D list/),
    );
  });

  test('params given to a model without a params schema are warned about and dropped', () => {
    let result: unknown;
    const stderr = captureStderr(() => (result = enforceSchema([{ a: 1, b: 1 }], columns, { params: { k: 1 } }).params));
    assert.match(stderr, /has none; ignoring k/);
    assert.deepEqual(result, {});
  });
});
