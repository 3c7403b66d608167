/**
 * Training data from another realm: under jest, a test file's arrays, typed arrays, dates and
 * objects come from the vm context of the file, while the agent lives in Node's own realm, where
 * `instanceof Float32Array` and `Object.getPrototypeOf(x) === Object.prototype` are false for them.
 * Signatures, input examples and enforcement must treat them as the same values of this realm.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runInNewContext, runInThisContext } from 'node:vm';
import { enforceSchema } from '../../src/models/enforce';
import { isPlainObject } from '../../src/models/describe';
import { typedArrayDtype } from '../../src/models/dtypes';
import { inferSignature } from '../../src/models/infer-signature';
import { inputExampleFiles } from '../../src/models/input-example';
import { signatureToDict } from '../../src/models/signature';

/** `source` evaluated in this realm (not a vm context), for the reference. */
function local<T>(source: string): T {
  return runInThisContext(`(${source})`) as T;
}

describe('values of another realm', () => {
  const cases = [
    'new Float32Array([0, 1, 0.5, 1])',
    '[new Float64Array([1, 2]), new Float64Array([3, NaN])]',
    '[{ a: 1, b: "x", when: new Date(0) }, { a: 2, b: "y", when: new Date(1000) }]',
    '[{ input: { r: 0.1, g: 0.7 }, bytes: new Uint8Array([1, 2]) }]',
    '[[0, 0], [0, 1], [1, 0]]',
  ];

  for (const source of cases) {
    test(`${source} gets the signature it gets in this realm`, () => {
      const there = runInNewContext(source) as unknown;
      assert.notEqual(Object.getPrototypeOf(there), Object.getPrototypeOf(local(source)), 'the value is of another realm');
      assert.deepEqual(signatureToDict(inferSignature(there)), signatureToDict(inferSignature(local(source))));
    });
  }

  test('a typed array of another realm has the dtype of its kind', () => {
    assert.equal(typedArrayDtype(runInNewContext('new Float32Array(2)') as Float32Array), 'float32');
    assert.equal(typedArrayDtype(runInNewContext('new BigInt64Array(2)') as BigInt64Array), 'int64');
    assert.equal(typedArrayDtype(Buffer.from('ab')), 'uint8');
  });

  test('plain objects of another realm are plain; its class instances, arrays and null-prototype look-alikes are told apart', () => {
    assert.equal(isPlainObject(runInNewContext('({ a: 1 })')), true);
    assert.equal(isPlainObject(runInNewContext('Object.create(null)')), true);
    assert.equal(isPlainObject(runInNewContext('new (class A {})()')), false);
    assert.equal(isPlainObject(runInNewContext('[1]')), false);
    assert.equal(isPlainObject(runInNewContext('new Date(0)')), false);
    assert.equal(isPlainObject(Object.create(Object.create(null) as object)), false);
    assert.equal(isPlainObject(Object.create({ constructor: Object })), false);
  });

  test('an input example of another realm is written as the same one of this realm', () => {
    const source = '[{ a: 1.5, b: "x", when: new Date(0), bytes: new Uint8Array([1, 2]) }]';
    assert.deepEqual(inputExampleFiles(runInNewContext(source)).files, inputExampleFiles(local(source)).files);
  });

  test('enforcement accepts dates and bytes of another realm for datetime and binary columns', () => {
    const schema = inferSignature(local('[{ when: new Date(0), bytes: new Uint8Array([1]) }]')).inputs;
    const there = runInNewContext('[{ when: new Date(0), bytes: new Uint8Array([1]) }]') as unknown;
    assert.doesNotThrow(() => enforceSchema(there, schema));
  });
});
