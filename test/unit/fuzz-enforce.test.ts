/**
 * Property-based fuzzing of schema enforcement (`enforceSchema`, what `predict()` runs first):
 * arbitrary signatures × arbitrary inputs and params give the checked input or a
 * SchemaEnforcementError, never a TypeError, a stack overflow or a hang.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MlflowAutologError } from '../../src/errors';
import { SchemaEnforcementError, enforceSchema } from '../../src/models/enforce';
import { inferSignature } from '../../src/models/infer-signature';
import { MAX_NESTING_DEPTH } from '../../src/models/limits';
import { setSilent } from '../../src/util/logger';
import { type ColSpec, type ColType, DATA_TYPES, type ParamSchema, type ParamSpec, type Schema, type TensorSpec } from '../../src/models/signature';
import { fuzzSuite, inTime } from './fuzz-helpers';

// NB: enforcement warns about unknown params; thousands of warnings would bury the report.
setSilent(true);
const { fuzz } = fuzzSuite('enforce', () => setSilent(false));

/** Runs `enforce`; an error must be a SchemaEnforcementError with a message, in time. */
function onlyEnforcementErrors(enforce: () => unknown): { value?: unknown; error?: MlflowAutologError } {
  return inTime(() => {
    try {
      return { value: enforce() };
    } catch (error) {
      if (!(error instanceof SchemaEnforcementError)) throw new Error(`not a SchemaEnforcementError: ${String(error)}`, { cause: error });
      assert.ok(error.message.length > 0);
      return { error };
    }
  });
}


const plain = { noNullPrototype: true } as const;
// Keys that trip naive code: prototype names, empty, dotted.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'a', 'b'));

const { colType } = fc.letrec<{ colType: ColType }>((tie) => ({
  colType: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constantFrom<ColType>(...DATA_TYPES, 'any', 'sparkml_vector'),
    tie('colType').map((items): ColType => ({ type: 'array', items })),
    tie('colType').map((values): ColType => ({ type: 'map', values })),
    fc.dictionary(key, fc.record({ type: tie('colType'), required: fc.boolean() }, plain), { minKeys: 1, maxKeys: 3, noNullPrototype: true })
      .map((properties): ColType => ({ type: 'object', properties })),
  ),
}));
const colSchema = fc.oneof(
  fc.uniqueArray(fc.record({ name: key, type: colType, required: fc.boolean() }, plain), { minLength: 1, maxLength: 4, selector: (c) => c.name }),
  fc.array(fc.record({ type: colType, required: fc.constant(true) }, plain), { minLength: 1, maxLength: 3 }),
) as fc.Arbitrary<ColSpec[]>;
const shape = fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 4 });
const dtype = fc.constantFrom('float16', 'float32', 'float64', 'int8', 'int32', 'int64', 'uint8', 'uint64', 'bool', 'str', 'bytes', 'object', 'complex64');
const tensorSchema = fc.oneof(
  fc.uniqueArray(fc.record({ name: key, dtype, shape }, plain), { minLength: 1, maxLength: 3, selector: (t) => t.name }),
  fc.record({ dtype, shape }, plain).map((t) => [t]),
) as fc.Arbitrary<TensorSpec[]>;
const schema: fc.Arbitrary<Schema> = fc.oneof(colSchema, tensorSchema);

const paramSchema: fc.Arbitrary<ParamSchema> = fc.uniqueArray(
  fc.record(
    {
      name: key,
      type: fc.oneof(fc.constantFrom('boolean', 'integer', 'long', 'float', 'double', 'string', 'datetime'), colType.filter((t) => typeof t === 'object' && t.type === 'object')),
      default: fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.string({ maxLength: 4 }), fc.boolean()),
      shape: fc.constantFrom(null, [-1]),
    },
    plain,
  ) as fc.Arbitrary<ParamSpec>,
  { maxLength: 3, selector: (p) => p.name },
);

/** Leaf values of every kind predict() may be handed. */
const leaf = fc.oneof(
  fc.integer(), fc.double(), fc.bigInt(), fc.boolean(), fc.string({ maxLength: 6 }), fc.constantFrom(null, undefined, NaN, Infinity, -0),
  fc.date({ noInvalidDate: false }), fc.uint8Array({ maxLength: 3 }), fc.float32Array({ maxLength: 3 }), fc.int32Array({ maxLength: 3 }),
  fc.bigInt64Array({ maxLength: 3 }),
  fc.constant({ shape: [2], dtype: 'float32', arraySync: () => [1, 2] }), fc.constant(Object.create(null) as object), fc.constant(new Map([[1, 2]])),
  fc.constant(() => 1), fc.constant(Symbol('s')),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
/** Inputs that look like what the schema wants: records, a column object, rows, nested numbers. */
const shapedInput = fc.oneof(
  fc.array(fc.dictionary(key, value, { maxKeys: 5 }), { maxLength: 4 }),
  fc.dictionary(key, fc.array(value, { maxLength: 4 }), { maxKeys: 5 }),
  fc.array(fc.array(leaf, { maxLength: 4 }), { maxLength: 4 }),
  fc.array(fc.array(fc.oneof(fc.integer(), fc.double(), fc.bigInt()), { minLength: 2, maxLength: 2 }), { maxLength: 3 }),
  value,
);
const params = fc.option(fc.oneof(fc.dictionary(key, value, { maxKeys: 4 }), value), { nil: undefined });

function nest(depth: number, leafValue: unknown, asObject: boolean): unknown {
  let v = leafValue;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
}

describe('fuzzing schema enforcement', () => {
  test('arbitrary signatures × arbitrary inputs and params give a result or a SchemaEnforcementError', () => {
    fuzz(fc.tuple(fc.option(schema, { nil: undefined }), shapedInput, params, fc.option(paramSchema, { nil: undefined })), ([s, input, p, ps]) => {
      const { value: result } = onlyEnforcementErrors(() => enforceSchema(input, s, { params: p as Record<string, unknown>, paramSchema: ps }));
      if (result !== undefined) assert.ok(typeof result === 'object' && result !== null && 'data' in result);
    });
  });

  test('input nested past the cap gives a SchemaEnforcementError, with or without a schema, never a stack overflow', () => {
    const cases = fc.tuple(fc.integer({ min: MAX_NESTING_DEPTH + 1, max: 50_000 }), fc.boolean(), fc.option(schema, { nil: undefined }), fc.boolean());
    fuzz(
      cases,
      ([depth, asObject, s, inParams]) => {
        const deep = nest(depth, 1, asObject);
        const { error } = onlyEnforcementErrors(() =>
          inParams ? enforceSchema([], s, { params: { p: deep } }) : enforceSchema(deep, s),
        );
        assert.ok(error instanceof SchemaEnforcementError, 'deep input was accepted');
        assert.match(error.message, new RegExp(`more than ${MAX_NESTING_DEPTH} levels deep`));
      },
      300,
    );
  });

  test('input nested up to the cap is not refused for its depth', () => {
    fuzz(
      fc.tuple(fc.integer({ min: 1, max: MAX_NESTING_DEPTH }), fc.option(schema, { nil: undefined })),
      ([depth, s]) => {
        const { error } = onlyEnforcementErrors(() => enforceSchema(nest(depth, 1, false), s));
        if (error) assert.doesNotMatch(error.message, /levels deep/);
      },
      2_000,
    );
  });

  // NB: empty lists are left out: they infer as 'any' (as in MLflow), which then merges into the other rows' type.
  test('records accept the signature inferred from them', () => {
    const cell = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }));
    const records = fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'constructor'), cell, { maxKeys: 3, noNullPrototype: true }), { minLength: 1, maxLength: 5 });
    fuzz(records, (rows) => {
      let inputs: Schema | undefined;
      try {
        inputs = inferSignature(rows).inputs;
      } catch (error) {
        // NB: rows whose values disagree in type have no signature; that is inference's typed refusal.
        assert.ok(error instanceof MlflowAutologError, String(error));
        return;
      }
      enforceSchema(rows, inputs);
    });
  });
});
