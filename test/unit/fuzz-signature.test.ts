/**
 * Property-based fuzzing of the signature parser (`signatureFromDict`: the `signature` block of
 * MLmodel → ModelSignature): whatever the JSON, only typed errors, never a crash or a hang.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MlflowAutologError, ValidationError } from '../../src/errors';
import { MAX_NESTING_DEPTH } from '../../src/models/limits';
import {
  type ColSpec,
  type ColType,
  DATA_TYPES,
  type ModelSignature,
  type ParamSpec,
  type TensorSpec,
  signatureFromDict,
  signatureToDict,
} from '../../src/models/signature';
import { fuzzSuite, inTime } from './fuzz-helpers';

const { fuzz } = fuzzSuite('signature');

/** Runs `parse`; an error must be a typed one with a message, and the case must end in time. */
function onlyTypedErrors(parse: () => unknown): { value?: unknown; error?: MlflowAutologError } {
  return inTime(() => {
    try {
      return { value: parse() };
    } catch (error) {
      if (!(error instanceof MlflowAutologError)) throw new Error(`untyped error: ${String(error)}`, { cause: error });
      assert.ok(error.message.length > 0);
      return { error };
    }
  });
}

// Keys that trip naive code: prototype names, empty, dotted.
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'type', 'items', '', 'a.b'));
const json = fc.jsonValue({ maxDepth: 3 });
const typeName = fc.constantFrom(...DATA_TYPES, 'any', 'sparkml_vector', 'array', 'map', 'object', 'tensor', 'Long', 'list', '');

/** Dicts shaped like MLflow's type JSON, with every field sometimes wrong. */
const { typeDict } = fc.letrec<{ typeDict: unknown; prop: unknown }>((tie) => ({
  typeDict: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.record({ type: typeName }),
    fc.record({ type: fc.constant('array'), items: fc.oneof(tie('typeDict'), json) }),
    fc.record({ type: fc.constant('map'), values: fc.oneof(tie('typeDict'), json) }),
    fc.record({ type: fc.constant('object'), properties: fc.oneof(fc.dictionary(key, tie('prop'), { maxKeys: 4 }), json) }),
    json,
  ),
  prop: fc.tuple(tie('typeDict'), fc.option(fc.oneof(fc.boolean(), json))).map(([t, required]) =>
    typeof t === 'object' && t !== null && !Array.isArray(t) ? { ...t, required } : t,
  ),
}));

const name = fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), json), { nil: undefined });
const colSpecDict = fc.tuple(typeDict, name, fc.option(fc.oneof(fc.boolean(), json), { nil: undefined })).map(([t, n, required]) =>
  typeof t === 'object' && t !== null && !Array.isArray(t) ? { ...t, name: n, required } : t,
);
const dtype = fc.oneof(fc.constantFrom('float32', 'float64', 'int64', 'uint8', 'bool', 'str', 'object', 'complex128'), fc.string({ maxLength: 6 }), json);
const shape = fc.oneof(fc.array(fc.oneof(fc.integer({ min: -3, max: 6 }), json), { maxLength: 4 }), json);
const tensorSpecDict = fc.record({ type: fc.constant('tensor'), name, 'tensor-spec': fc.oneof(fc.record({ dtype, shape }), json) });
const paramDict = fc.record(
  { name: fc.oneof(fc.string({ maxLength: 8 }), json), type: typeName, dtype: typeName, default: json, shape: fc.oneof(fc.constant(null), fc.constant([-1]), json) },
  { requiredKeys: ['name'] },
);
const part = <T>(item: fc.Arbitrary<T>) =>
  fc.option(fc.oneof(fc.array(item, { maxLength: 4 }).map((a) => JSON.stringify(a)), json.map((j) => JSON.stringify(j))), { nil: undefined });

// Valid signatures, for the round trip (plain objects, as the parser makes).
const plain = { noNullPrototype: true } as const;
const { colType } = fc.letrec<{ colType: ColType }>((tie) => ({
  colType: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constantFrom<ColType>(...DATA_TYPES, 'any'),
    tie('colType').map((items): ColType => ({ type: 'array', items })),
    tie('colType').map((values): ColType => ({ type: 'map', values })),
    fc.dictionary(key, fc.record({ type: tie('colType'), required: fc.boolean() }, { noNullPrototype: true }), { minKeys: 1, maxKeys: 3, noNullPrototype: true })
      .map((properties): ColType => ({ type: 'object', properties })),
  ),
}));
const colSchema = fc.oneof(
  fc.uniqueArray(fc.record({ name: fc.string({ maxLength: 6 }), type: colType, required: fc.boolean() }, plain), { minLength: 1, maxLength: 4, selector: (c) => c.name }),
  fc.array(fc.record({ type: colType, required: fc.constant(true) }, plain), { minLength: 1, maxLength: 3 }),
) as fc.Arbitrary<ColSpec[]>;
const validShape = fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 4 });
const validDtype = fc.constantFrom('float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'str');
const tensorSchema = fc.oneof(
  fc.uniqueArray(fc.record({ name: fc.string({ maxLength: 6 }), dtype: validDtype, shape: validShape }, plain), { minLength: 1, maxLength: 3, selector: (t) => t.name }),
  fc.record({ dtype: validDtype, shape: validShape }, plain).map((t) => [t]),
) as fc.Arbitrary<TensorSpec[]>;
const paramSpec: fc.Arbitrary<ParamSpec> = fc.oneof(
  fc.record({ type: fc.constant('boolean' as const), default: fc.boolean() }),
  fc.record({ type: fc.constant('integer' as const), default: fc.integer() }),
  fc.record({ type: fc.constant('long' as const), default: fc.maxSafeInteger() }),
  fc.record({ type: fc.constant('double' as const), default: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
  fc.record({ type: fc.constant('string' as const), default: fc.string() }),
).chain((p) =>
  fc.record({ name: fc.string({ maxLength: 6 }), list: fc.boolean() }).map(({ name: n, list }) =>
    list ? { name: n, type: p.type, default: [p.default], shape: [-1] as [-1] } : { name: n, type: p.type, default: p.default, shape: null },
  ),
);
const signature: fc.Arbitrary<ModelSignature> = fc
  .record(
    {
      inputs: fc.oneof(colSchema, tensorSchema),
      outputs: fc.oneof(colSchema, tensorSchema),
      params: fc.uniqueArray(paramSpec, { minLength: 1, maxLength: 3, selector: (p) => p.name }),
    },
    { requiredKeys: [], noNullPrototype: true },
  )
  .filter((s) => Object.keys(s).length > 0);

describe('fuzzing the signature parser', () => {
  test('arbitrary text in each part gives a signature or a ValidationError', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), json.map((j) => JSON.stringify(j)));
    fuzz(fc.record({ inputs: fc.option(text), outputs: fc.option(text), params: fc.option(text) }), (dict) => {
      const { error } = onlyTypedErrors(() => signatureFromDict(dict));
      if (error) assert.ok(error instanceof ValidationError, error.message);
    });
  });

  test('JSON shaped like column, tensor and param specs gives a signature or a ValidationError naming the part', () => {
    fuzz(fc.record({ inputs: part(fc.oneof(colSpecDict, tensorSpecDict)), outputs: part(colSpecDict), params: part(paramDict) }), (dict) => {
      const { value, error } = onlyTypedErrors(() => signatureFromDict(dict));
      if (error) {
        assert.ok(error instanceof ValidationError);
        assert.match(error.message, /inputs|outputs|params|signature/);
      } else {
        assert.ok(value && typeof value === 'object');
      }
    });
  });

  test('non-string parts (as a hand-edited MLmodel may hold) give a ValidationError, not a TypeError', () => {
    const anything = fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withNullPrototype: true, withTypedArray: true });
    fuzz(fc.record({ inputs: anything, outputs: anything, params: anything }), (dict) => {
      onlyTypedErrors(() => signatureFromDict(dict as Parameters<typeof signatureFromDict>[0]));
    });
  });

  test('a valid signature survives signatureToDict then signatureFromDict unchanged', () => {
    fuzz(signature, (sig) => {
      const back = signatureFromDict(signatureToDict(sig));
      assert.deepStrictEqual(back, sig);
    });
  });

  test('signature JSON nested past the cap gives a ValidationError naming the depth', () => {
    fuzz(
      fc.integer({ min: MAX_NESTING_DEPTH, max: 20_000 }),
      (depth) => {
        const inner = `${'{"type": "array", "items": '.repeat(depth)}{"type": "long"}${'}'.repeat(depth)}`;
        const { error } = onlyTypedErrors(() => signatureFromDict({ inputs: `[${inner}]` }));
        assert.ok(error instanceof ValidationError);
        assert.match(error.message, /signature JSON at inputs.*nests more than 100 levels/);
      },
      200,
    );
  });
});
