/**
 * What checking a batch against a tensor signature reads: a tensor and typed arrays are checked by
 * their shape and dtype, never value by value; nested arrays of numbers are read once. Counted
 * with proxies that record every element read (no timing). Errors still say where and why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchemaEnforcementError, enforceSchema } from '../../src/models/enforce';
import { JsFunctionModel } from '../../src/models/js-function';
import { ModelSpec } from '../../src/models/mlmodel';
import type { TensorSpec } from '../../src/models/signature';

const ROWS = 1000;
const FEATURES = 4;
const spec = (dtype: TensorSpec['dtype']): TensorSpec[] => [{ dtype, shape: [-1, FEATURES] }];

/** An array whose element reads (by index) are counted in `reads`. */
function counted<T>(items: T[], reads: { n: number }): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.n++;
      return Reflect.get(target, key, receiver);
    },
  });
}

function rowsOf(values: (row: number, column: number) => number, reads: { n: number }): number[][] {
  return Array.from({ length: ROWS }, (_, r) => counted(Array.from({ length: FEATURES }, (_, c) => values(r, c)), reads));
}

describe('the cost of checking tensor input', () => {
  test('a tensor is checked by its shape and dtype alone: its values are never read', () => {
    const never = () => assert.fail('the values were read');
    const tensor = { shape: [ROWS, FEATURES], dtype: 'float32', arraySync: never, dataSync: never };
    assert.equal(enforceSchema(tensor, spec('float32')).data, tensor);
    assert.throws(() => enforceSchema({ ...tensor, dtype: 'int32' }, spec('int16')), /dtype of the input \(int32\) does not match expected dtype int16 and cannot be cast to it safely/);
  });

  test('rows of typed arrays: each row is looked at once by the walk (and the first once more by the depth check), its values not at all', () => {
    const reads = { n: 0 };
    const rows = counted(Array.from({ length: ROWS }, (_, r) => Float32Array.from({ length: FEATURES }, (_, c) => r + c)), reads);
    enforceSchema(rows, spec('float32'));
    assert.equal(reads.n, ROWS + 1);
  });

  test('nested numbers under a float spec: each value is read once (the first once more by the depth check)', () => {
    const reads = { n: 0 };
    enforceSchema(rowsOf((r, c) => (r + c) / 7, reads), spec('float32'));
    assert.equal(reads.n, ROWS * FEATURES + 1);
  });

  test('nested whole numbers under an integer spec are read once more, for their range', () => {
    const reads = { n: 0 };
    enforceSchema(rowsOf((r, c) => r + c, reads), spec('int32'));
    assert.equal(reads.n, 2 * ROWS * FEATURES + 1);
    assert.throws(() => enforceSchema([[1, 2, 3, 2 ** 31]], spec('int32')), /dtype of the input \(float64\) does not match expected dtype int32: 2147483648 is out of range/);
    assert.throws(() => enforceSchema([[1, 2, 3, 0.5]], spec('int32')), /floats cannot be cast to integers without losing their fraction \(0\.5\)/);
  });

  test('a model with a signature reads the batch once before its predictor, not once per check', async () => {
    const reads = { n: 0 };
    const metadata = new ModelSpec();
    metadata.signature = { inputs: JSON.stringify([{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, FEATURES] } }]), outputs: null, params: null };
    const model = new JsFunctionModel(metadata, '/nowhere', { predict: () => 'predicted' });
    assert.equal(await model.predict(rowsOf((r, c) => r * c, reads)), 'predicted');
    assert.equal(reads.n, ROWS * FEATURES + 1);
  });

  test('a first row nested past the cap, and a later row deeper than the first, are refused saying where', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    assert.throws(() => enforceSchema(deep, spec('float32')), (error: unknown) => {
      assert.ok(error instanceof SchemaEnforcementError);
      assert.match(error.message, /The input to predict nests arrays and objects more than 100 levels deep \(at input\[0\]\[0\]/);
      return true;
    });
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.throws(() => enforceSchema(cyclic, spec('float32')), /more than 100 levels deep \(at input\[0\]\[0\].*\), or holds a cycle/);
    assert.throws(() => enforceSchema([[1, 2, 3, 4], [1, 2, 3, deep]], spec('float32')), /Ragged nested array: row \[1\]\[3\] is a list where the rows before it hold values/);
    assert.throws(() => enforceSchema([[1, 2, 3, 4], [1, 2, 3]], spec('float32')), /Ragged nested array: row \[1\] has 3 items where the rows before it have 4/);
    assert.throws(() => enforceSchema([[1, 2, 3, 4], [1, 2, 3, true]], spec('float32')), /A tensor holds values of one kind; got number and bool/);
  });
});
