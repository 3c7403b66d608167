/**
 * Property-based fuzzing of the `MLmodel` parser (`ModelSpec.parse`, what `ModelSpec.load` runs on
 * a file's text): arbitrary text, arbitrary YAML structures and mutated valid files give a spec or
 * a ValidationError naming the file, never a TypeError, a stack overflow or a hang.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import YAML from 'yaml';
import { MlflowAutologError, ValidationError } from '../../src/errors';
import { MAX_NESTING_DEPTH } from '../../src/models/limits';
import { ModelSpec } from '../../src/models/mlmodel';
import { signatureFromDict, signatureToDict } from '../../src/models/signature';
import { fuzzSuite, inTime } from './fuzz-helpers';

const FILE = '/models/fuzz/MLmodel';
const { fuzz } = fuzzSuite('mlmodel');

/**
 * Parses `text`: a refusal must be a ValidationError naming the file; a spec must have the shapes
 * the rest of the package relies on. Each case must end in time.
 */
function parseChecked(text: string): ModelSpec | undefined {
  return inTime(() => {
    try {
      const spec = ModelSpec.parse(text, FILE);
      for (const config of Object.values(spec.flavors)) assert.equal(Object.getPrototypeOf(config), Object.prototype);
      // NB: parse validated the signature, so reading it again cannot fail.
      if (spec.signature) signatureFromDict(spec.signature);
      return spec;
    } catch (error) {
      if (!(error instanceof MlflowAutologError)) throw new Error(`untyped error: ${String(error)}`, { cause: error });
      assert.ok(error instanceof ValidationError, `${error.name}: ${error.message}`);
      assert.ok(error.message.includes(FILE), `the message does not name the file: ${error.message}`);
      return undefined;
    }
  });
}

/** A valid MLmodel as this package writes it, with a signature and an input example. */
function validMlmodel(): string {
  const spec = new ModelSpec();
  spec.artifactPath = 'model';
  spec.runId = 'a'.repeat(32);
  spec.addFlavor('js_function', { loader_module: 'mlflow-autolog/tfjs', data: 'model', env: 'package.json', node_version: '20.0.0' });
  spec.signature = signatureToDict({
    inputs: [{ name: 'tags', type: { type: 'array', items: 'string' }, required: false }],
    params: [{ name: 'k', type: 'long', default: 3, shape: null }],
  });
  spec.savedInputExampleInfo = { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' };
  spec.metadata = { nested: { list: [1, 'two', null] } };
  return spec.toYaml();
}
const VALID = validMlmodel();

const yamlChars = fc.constantFrom(...': -?[]{},#&*!|>\'"%@`\n\t\\', '!!binary', '!!set', '!!omap', '!!python/object', '<<: ', '&a ', '*a', '---\n', '...\n', '\u0000', '\uFEFF');
const yamlish = fc.array(fc.oneof(yamlChars, fc.string({ maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join(''));

/** A mutation of the valid file: delete, insert, replace or duplicate a piece of it. */
const mutated = fc
  .array(
    fc.tuple(fc.constantFrom('delete', 'insert', 'replace', 'duplicate-line', 'swap-lines'), fc.nat(), fc.nat({ max: 40 }), fc.oneof(yamlChars, fc.string({ maxLength: 6 }))),
    { minLength: 1, maxLength: 4 },
  )
  .map((mutations) => {
    let text = VALID;
    for (const [op, at, length, piece] of mutations) {
      const i = at % (text.length + 1);
      const lines = text.split('\n');
      const line = at % lines.length;
      if (op === 'delete') text = text.slice(0, i) + text.slice(i + length);
      else if (op === 'insert') text = text.slice(0, i) + piece + text.slice(i);
      else if (op === 'replace') text = text.slice(0, i) + piece + text.slice(i + piece.length);
      else if (op === 'duplicate-line') text = [...lines.slice(0, line + 1), lines[line]!, ...lines.slice(line + 1)].join('\n');
      else text = [...lines.slice(0, line), lines[(line + length) % lines.length]!, ...lines.slice(line + 1)].join('\n');
    }
    return text;
  });

const anything = fc.anything({ maxDepth: 2, maxKeys: 3, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true });
/** Dicts with MLmodel's keys, each value sometimes right and often wrong. */
const mlmodelDict = fc.record(
  {
    flavors: fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), anything), anything), { maxKeys: 3 }), anything),
    signature: fc.oneof(
      fc.record({ inputs: fc.oneof(fc.constant(null), fc.string(), fc.jsonValue().map((j) => JSON.stringify(j)), anything), outputs: fc.oneof(fc.constant(null), fc.string(), anything), params: fc.oneof(fc.constant(null), fc.string(), anything) }, { requiredKeys: [] }),
      anything,
    ),
    saved_input_example_info: fc.oneof(fc.record({ artifact_path: fc.oneof(fc.string(), anything), type: fc.oneof(fc.constantFrom('dataframe', 'ndarray', 'json_object'), anything) }, { requiredKeys: [] }), anything),
    utc_time_created: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }), anything),
    model_size_bytes: anything,
    metadata: anything,
    __proto__: anything,
  },
  { requiredKeys: [] },
);

function toYaml(value: unknown): string | undefined {
  try {
    return YAML.stringify(value, { version: '1.1' });
  } catch {
    // NB: some generated values (symbols, functions) have no YAML form; they are no MLmodel text.
    return undefined;
  }
}

describe('fuzzing the MLmodel parser', () => {
  test('the valid file parses, so the mutations below start from a real MLmodel', () => {
    const spec = parseChecked(VALID);
    assert.ok(spec?.jsFunction);
    assert.equal(spec.signature?.params, '[{"name": "k", "default": 3, "shape": null, "type": "long"}]');
  });

  test('arbitrary text gives a spec or a ValidationError naming the file', () => {
    fuzz(fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 60 }), yamlish), (text) => {
      parseChecked(text);
    });
  });

  test('arbitrary YAML structures give a spec or a ValidationError naming the file', () => {
    fuzz(
      fc.oneof(mlmodelDict, anything),
      (dict) => {
        const text = toYaml(dict);
        if (text !== undefined) parseChecked(text);
      },
      5_000,
    );
  });

  test('mutated valid MLmodel files give a spec or a ValidationError naming the file', () => {
    fuzz(mutated, (text) => {
      parseChecked(text);
    });
  });

  test('YAML nested past the cap gives a ValidationError, never a stack overflow', () => {
    const shapes = fc.constantFrom<[string, string]>(['[', ']'], ['{a: ', '}'], ['- ', '']);
    fuzz(
      fc.tuple(fc.integer({ min: MAX_NESTING_DEPTH + 1, max: 5_000 }), shapes),
      ([depth, [open, close]]) => {
        const text = `metadata: ${open.repeat(depth)}1${close.repeat(depth)}\n`.replace('metadata: - ', 'metadata:\n  - ');
        assert.equal(parseChecked(text), undefined, 'deep YAML was accepted');
      },
      300,
    );
  });
});
