/**
 * Signatures true to JavaScript's data: a `number` is a double (JavaScript has no integer type),
 * typed arrays keep their dtype, BigInts are int64; enforcement then takes the fractional inputs
 * a model trained on whole numbers is asked about, and a one-column model takes a plain list of
 * that column's values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enforceSchema, SchemaEnforcementError } from '../../src/models/enforce';
import { inferSchema, inferSignature, tensorInfo } from '../../src/models/infer-signature';
import type { ColSpec } from '../../src/models/signature';

const enforcementError = (pattern: RegExp) => (e: unknown) => e instanceof SchemaEnforcementError && pattern.test(e.message);

describe('JS numbers infer double', () => {
  test('whole-number training rows infer a float64 tensor that takes fractional rows', () => {
    const rows = [[0, 0, 0], [0, 1, 1], [2, 2, 2]];
    const signature = inferSignature(rows, [0, 0, 1]);
    assert.deepEqual(signature.inputs, [{ dtype: 'float64', shape: [-1, 3] }]);
    assert.deepEqual(signature.outputs, [{ dtype: 'float64', shape: [-1] }]);
    const asked = [[0.9, 0.5, 1]];
    assert.deepEqual(enforceSchema(asked, signature.inputs).data, asked);
  });

  test('a column of whole numbers, in records or a column object, is double; BigInts are long', () => {
    assert.deepEqual(inferSchema([{ n: 1 }, { n: 2 }]), [{ type: 'double', name: 'n', required: true }]);
    assert.deepEqual(inferSchema({ n: [1, 2], b: [1n, 2n] }), [
      { type: 'double', name: 'n', required: true },
      { type: 'long', name: 'b', required: true },
    ]);
    assert.deepEqual(inferSchema([{ v: [1, 2] }]), [{ type: { type: 'array', items: 'double' }, name: 'v', required: true }]);
    assert.deepEqual(inferSchema(7), [{ type: 'double', required: true }]);
  });

  test('typed arrays keep their dtype: as tensors, as columns and as array values', () => {
    const cases: [ArrayLike<number | bigint>, string, string][] = [
      [new Int32Array([1, 2]), 'int32', 'integer'],
      [new Float32Array([1, 2]), 'float32', 'float'],
      [new Float64Array([1, 2]), 'float64', 'double'],
      [new BigInt64Array([1n, 2n]), 'int64', 'long'],
      [new Int8Array([1, 2]), 'int8', 'integer'],
    ];
    for (const [array, dtype, colType] of cases) {
      assert.deepEqual(tensorInfo(array), { shape: [2], dtype }, `${array.constructor.name} as a tensor`);
      assert.deepEqual(inferSchema([array, array]), [{ dtype, shape: [-1, 2] }], `rows of ${array.constructor.name}`);
      assert.deepEqual(inferSchema({ x: array }), [{ type: colType, name: 'x', required: true }], `a ${array.constructor.name} column`);
      assert.deepEqual(inferSchema([{ x: array }]), [{ type: { type: 'array', items: colType }, name: 'x', required: true }], `a ${array.constructor.name} value`);
    }
  });

  test('an integer tensor spec (a typed array or tfjs model) still takes whole JS numbers, and names a fraction it refuses', () => {
    const spec = [{ dtype: 'int32' as const, shape: [-1, 2] }];
    assert.deepEqual(enforceSchema([[1, 2], [3, 4]], spec).data, [[1, 2], [3, 4]]);
    assert.throws(() => enforceSchema([[1, 0.5]], spec), enforcementError(/dtype of the input \(float64\) does not match expected dtype int32: floats cannot be cast to integers without losing their fraction \(0\.5\)/));
    assert.throws(() => enforceSchema([[1, 2 ** 31]], spec), enforcementError(/2147483648 is out of range/));
  });
});

describe('a one-column model takes a plain list of its values', () => {
  const text: ColSpec[] = [{ type: 'string', name: 'text', required: true }];

  test('a list of strings for a string column becomes records of that column', () => {
    assert.deepEqual(enforceSchema(['some text', 'other text'], text).data, [{ text: 'some text' }, { text: 'other text' }]);
    assert.deepEqual(enforceSchema([{ text: 'a' }], text).data, [{ text: 'a' }], 'records as before');
    assert.deepEqual(enforceSchema({ text: ['a', 'b'] }, text).data, { text: ['a', 'b'] }, 'a column object as before');
  });

  test("the list's values are checked against the column's type, naming the row", () => {
    assert.throws(() => enforceSchema(['a', 3], text), enforcementError(/column 'text' \(row 1\): expected string, got 3/));
    const x: ColSpec[] = [{ type: 'double', name: 'x', required: true }];
    assert.deepEqual(enforceSchema(new Float32Array([0.5, 2]), x).data, [{ x: 0.5 }, { x: 2 }]);
  });

  test('with two columns, or a single string, the list is refused naming the columns expected', () => {
    const two: ColSpec[] = [...text, { type: 'double', name: 'x', required: true }];
    assert.throws(() => enforceSchema(['a', 'b'], two), enforcementError(/takes records .*Expected columns: text \(string\), x \(double\)/));
    assert.throws(() => enforceSchema('a', text), enforcementError(/or a list of values for its one column; got/));
  });
});
