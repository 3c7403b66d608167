/**
 * The scoring server's payload parsing (`src/serving/payload.ts`, `csv.ts`, `scorer.ts`): each
 * MLflow format becomes what a js_function model's predict takes, as pyfunc maps it; bad payloads
 * are refused with MLflow's status, code and a message that says what is wrong; arbitrary input
 * gives a parse or a ScoringError, never another error, a hang or a polluted prototype.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SchemaEnforcementError } from '../../src/models/enforce';
import { JsFunctionModel } from '../../src/models/js-function';
import { ModelSpec } from '../../src/models/mlmodel';
import type { ColSpec, ModelSignature, Schema, TensorSpec } from '../../src/models/signature';
import { parseCsvFrame } from '../../src/serving/csv';
import { ScoringError } from '../../src/serving/errors';
import { frameInput, recordsFrame, splitFrame } from '../../src/serving/frame';
import { decodeJsonObject, parseJsonPayload } from '../../src/serving/payload';
import { mediaType, Scorer, type ScoringModel } from '../../src/serving/scorer';
import { fuzzSuite, inTime } from './fuzz-helpers';

const columns: ColSpec[] = [
  { type: 'double', name: 'a', required: true },
  { type: 'string', name: 'b', required: false },
];
const tensor: TensorSpec[] = [{ dtype: 'float32', shape: [-1, 2] }];
const json = (value: unknown) => JSON.stringify(value);
const parse = (value: unknown, schema?: Schema) => parseJsonPayload(typeof value === 'string' ? value : json(value), { schema });

/** Asserts `fn` throws a ScoringError with `status`, `code` and a message matching `pattern`. */
function refuses(fn: () => unknown, status: number, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ScoringError, `a ScoringError, got ${String(e)}`);
    assert.equal(e.status, status);
    assert.equal(e.errorCode, code);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('JSON payloads: the four formats', () => {
  test('dataframe_split with columns is records for a column signature, the index ignored', () => {
    const { data, params, unwrapped } = parse({ dataframe_split: { columns: ['a', 'b'], data: [[1.5, 'x'], [2, 'y']], index: [7, 8] } }, columns);
    assert.deepEqual(data, [{ a: 1.5, b: 'x' }, { a: 2, b: 'y' }]);
    assert.equal(params, undefined);
    assert.equal(unwrapped, false);
  });

  test('dataframe_split is rows for a tensor signature, with or without column names', () => {
    assert.deepEqual(parse({ dataframe_split: { columns: ['x', 'y'], data: [[1, 2], [3, 4]] } }, tensor).data, [[1, 2], [3, 4]]);
    assert.deepEqual(parse({ dataframe_split: { data: [[1, 2]] } }, tensor).data, [[1, 2]]);
  });

  test('dataframe_split gives named tensors their columns', () => {
    const named: TensorSpec[] = [{ name: 'x', dtype: 'float64', shape: [-1] }, { name: 'y', dtype: 'float64', shape: [-1] }];
    assert.deepEqual(parse({ dataframe_split: { columns: ['y', 'x', 'z'], data: [[1, 2, 3], [4, 5, 6]] } }, named).data, { y: [1, 4], x: [2, 5] });
  });

  test('without a signature, dataframe_split is records when it names its columns and rows when not', () => {
    assert.deepEqual(parse({ dataframe_split: { columns: ['a'], data: [[1], [2]] } }).data, [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(parse({ dataframe_split: { data: [[1, 2], [3]] } }).data, [[1, 2], [3, null]], 'short rows are filled with missing values');
    assert.deepEqual(parse({ dataframe_split: { data: [1, 2] } }).data, [[1], [2]], 'single values are one column');
  });

  test('repeated column names get pandas\' suffixes', () => {
    assert.deepEqual(splitFrame({ columns: ['a', 'a', 'a'], data: [[1, 2, 3]] }).columns, ['a', 'a.1', 'a.2']);
  });

  test('dataframe_records of records keeps them, a column a record lacks stays absent', () => {
    assert.deepEqual(parse({ dataframe_records: [{ a: 1, b: 'x' }, { a: 2 }] }, columns).data, [{ a: 1, b: 'x' }, { a: 2 }]);
  });

  test('dataframe_records of records is rows in column order for a tensor signature', () => {
    assert.deepEqual(parse({ dataframe_records: [{ p: 1, q: 2 }, { p: 3, q: 4 }] }, tensor).data, [[1, 2], [3, 4]]);
    assert.deepEqual(recordsFrame([[1, 2], [3, 4]]), { rows: [[1, 2], [3, 4]] });
  });

  test('inputs passes through for a tensor signature and without a signature', () => {
    assert.deepEqual(parse({ inputs: [[0.1, 0.2]] }, tensor).data, [[0.1, 0.2]]);
    assert.deepEqual(parse({ inputs: { anything: [1] } }).data, { anything: [1] });
    assert.equal(parse({ inputs: 'text' }).data, 'text');
  });

  test('inputs is records for a column signature: a column object, a single record, a list for one column', () => {
    assert.deepEqual(parse({ inputs: { a: [1, 2], b: ['x', 'y'] } }, columns).data, [{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    assert.deepEqual(parse({ inputs: { a: 1, b: 'x' } }, columns).data, [{ a: 1, b: 'x' }]);
    const one: ColSpec[] = [{ type: 'string', name: 'text', required: true }];
    assert.deepEqual(parse({ inputs: ['good', 'bad'] }, one).data, [{ text: 'good' }, { text: 'bad' }]);
    assert.deepEqual(parse({ inputs: [{ text: 'good' }] }, one).data, [{ text: 'good' }]);
  });

  test('instances of records become columns, except for a column signature, which gets the records', () => {
    assert.deepEqual(parse({ instances: [{ x: [1, 2] }, { x: [3, 4] }] }).data, { x: [[1, 2], [3, 4]] });
    assert.deepEqual(parse({ instances: [{ a: 1 }, { a: 2 }] }, columns).data, [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(parse({ instances: [[1, 2]] }, tensor).data, [[1, 2]]);
  });

  test('params are passed on', () => {
    assert.deepEqual(parse({ inputs: [[1, 2]], params: { threshold: 0.7 } }, tensor).params, { threshold: 0.7 });
    assert.equal(parse({ inputs: [[1, 2]], params: null }, tensor).params, undefined);
  });

  test('an LLM payload is passed unwrapped, the params schema picking its params', () => {
    const payload = parseJsonPayload(json({ messages: [{ role: 'user', content: 'hi' }], temperature: 0.1, other: 1 }), { paramNames: ['temperature'] });
    assert.deepEqual(payload, { data: { messages: [{ role: 'user', content: 'hi' }], other: 1 }, params: { temperature: 0.1 }, unwrapped: true });
  });

  test('a signature from type hints takes inputs as they are, and nothing else', () => {
    assert.deepEqual(parseJsonPayload(json({ inputs: { a: 1 } }), { schema: columns, signatureFromTypeHint: true }).data, { a: 1 });
    refuses(() => parseJsonPayload(json({ dataframe_records: [] }), { signatureFromTypeHint: true }), 400, 'INVALID_PARAMETER_VALUE', /must be a dictionary with 'inputs' key.*\['dataframe_records'\]/);
  });

  test("Python's NaN and Infinity are read (NaN as null), as json.loads reads them", () => {
    assert.deepEqual(parse('{"inputs": [[NaN, Infinity, -Infinity]]}').data, [[null, Infinity, -Infinity]]);
  });

  test('numeric strings in numeric DataFrame columns are cast, as MLflow casts them before enforcement', () => {
    assert.deepEqual(parse({ dataframe_records: [{ a: '1.5', b: '2' }] }, columns).data, [{ a: 1.5, b: '2' }], 'b is a string column: kept');
    assert.deepEqual(parse({ dataframe_split: { data: [['1', ' 2e0 ']] } }, tensor).data, [[1, 2]]);
    refuses(() => parse({ dataframe_records: [{ a: 'x' }] }, columns), 400, 'BAD_REQUEST', /^Invalid input\. Data is not compatible with model signature\. Failed to convert column a to type 'float64'\. Error: 'could not convert string to float: 'x''$/);
    const ints: ColSpec[] = [{ type: 'long', name: 'n', required: true }];
    refuses(() => parse({ dataframe_records: [{ n: '1.5' }] }, ints), 400, 'BAD_REQUEST', /type 'int64'.*invalid literal for int\(\) with base 10: '1\.5'/);
  });

  test('binary columns are base64-decoded from DataFrames', () => {
    const schema: ColSpec[] = [{ type: 'binary', name: 'blob', required: true }];
    const data = parse({ dataframe_records: [{ blob: Buffer.from('hello').toString('base64') }] }, schema).data as { blob: Buffer }[];
    assert.equal(data[0]!.blob.toString(), 'hello');
    refuses(() => parse({ dataframe_records: [{ blob: 'not base64!' }] }, schema), 400, 'BAD_REQUEST', /column blob.*not base64/);
  });

  test('a __proto__ column stays an own key and pollutes nothing', () => {
    const data = parse('{"dataframe_split": {"columns": ["__proto__"], "data": [[{"polluted": true}]]}}').data as Record<string, unknown>[];
    assert.ok(Object.hasOwn(data[0]!, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(data[0]), Object.prototype);
  });
});

describe('JSON payloads: what is refused, and how', () => {
  const protocol = /exactly one of the input fields \{'dataframe_split', 'dataframe_records', 'instances', 'inputs'\}.*IMPORTANT: The MLflow Model scoring protocol has changed/s;

  test('no format key, or two, is 400 BAD_REQUEST naming the keys given, with the 2.0 protocol hint', () => {
    refuses(() => parse({}), 400, 'BAD_REQUEST', protocol);
    refuses(() => parse({ data: [[1]] }), 400, 'BAD_REQUEST', /input fields: \['data'\]/);
    refuses(() => parse({ inputs: [1], instances: [1] }), 400, 'BAD_REQUEST', /\['inputs', 'instances'\]/);
  });

  test('a list or a scalar instead of an object is invalid input', () => {
    refuses(() => parse([[1, 2]]), 400, 'BAD_REQUEST', /^Invalid input\. The input must be a JSON dictionary.*Received a list\.$/);
    refuses(() => parse('"text"'), 400, 'BAD_REQUEST', /Received unexpected input type '<class 'str'>'/);
    refuses(() => parse('null'), 400, 'BAD_REQUEST', /<class 'NoneType'>/);
  });

  test('text that is not JSON says so, with the parser\'s error and the input', () => {
    refuses(() => parse('not json'), 400, 'BAD_REQUEST', /^Invalid input\. Ensure that input is a valid JSON formatted string\. Error: '.+'\nInput: \nnot json/s);
    refuses(() => parse('{"inputs": [1,'), 400, 'BAD_REQUEST', /valid JSON/);
    refuses(() => parse(`{"inputs": "${'x'.repeat(5000)}`), 400, 'BAD_REQUEST', /"x{188}…\n$/);
  });

  test('dataframe_split must be an object with data, and columns that fit the rows', () => {
    refuses(() => parse({ dataframe_split: [[1]] }), 400, 'BAD_REQUEST', /Dataframe split format must be a dictionary\. Got list\./);
    refuses(() => parse({ dataframe_split: 'x' }), 400, 'BAD_REQUEST', /Got type <class 'str'>/);
    refuses(() => parse({ dataframe_split: { columns: ['a'] } }), 400, 'BAD_REQUEST', /must have 'data' field.*Got \{'columns'\}/);
    refuses(() => parse({ dataframe_split: { data: [], extra: 1 } }), 400, 'BAD_REQUEST', /Got \{'data', 'extra'\}/);
    refuses(() => parse({ dataframe_split: { data: { a: 1 } } }), 400, 'BAD_REQUEST', /data must be a list of rows/);
    refuses(() => parse({ dataframe_split: { columns: ['a'], data: [[1, 2]] } }), 400, 'BAD_REQUEST', /1 columns passed, passed data had 2 columns/);
    refuses(() => parse({ dataframe_split: { data: [[1], 2] } }), 400, 'BAD_REQUEST', /rows of data must all be lists/);
    refuses(() => parse({ dataframe_split: { data: [[1]], index: [1, 2] } }), 400, 'BAD_REQUEST', /index must be a list with one entry per row \(1\), got 2 entries/);
    refuses(() => parse({ dataframe_split: { columns: 'a', data: [[1]] } }), 400, 'BAD_REQUEST', /columns must be a list/);
  });

  test('dataframe_records must be a list of records, or of rows', () => {
    refuses(() => parse({ dataframe_records: { a: 1 } }), 400, 'BAD_REQUEST', /Dataframe records format must be a list of records\. Got dictionary\./);
    refuses(() => parse({ dataframe_records: [{ a: 1 }, [1]] }), 400, 'BAD_REQUEST', /records must all be objects/);
  });

  test('instances of records must have columns of one length', () => {
    refuses(() => parse({ instances: [{ a: 1, b: 2 }, { a: 3 }] }), 400, 'BAD_REQUEST', /length of values for each input\/column name are not the same/);
    refuses(() => parse({ instances: [{ a: 1 }, 2] }), 400, 'BAD_REQUEST', /must all be objects/);
  });

  test('an object for an unnamed signature is refused as MLflow refuses it', () => {
    refuses(() => parse({ inputs: { x: [1, 2] } }, tensor), 400, 'BAD_REQUEST', /un-named model signature.*<class 'dict'>/);
  });

  test('params that are not an object are refused', () => {
    refuses(() => parse({ inputs: [1], params: [1, 2] }), 400, 'BAD_REQUEST', /"params" must be a JSON object.*<class 'list'>/);
  });
});

describe('CSV payloads', () => {
  test('a header and rows; without a signature numbers, booleans and strings are inferred per column, missing values are null', () => {
    const frame = parseCsvFrame('a,b,c,d\n1,True,x,\n2.5,False,"y, quoted",NA\n');
    assert.deepEqual(frame, { columns: ['a', 'b', 'c', 'd'], rows: [[1, true, 'x', null], [2.5, false, 'y, quoted', null]] });
  });

  test('the signature types the columns: a string column keeps digits as text', () => {
    const schema: ColSpec[] = [{ type: 'long', name: 'n', required: true }, { type: 'string', name: 's', required: true }];
    assert.deepEqual(frameInput(parseCsvFrame('n,s\n1,007\n', schema), schema), [{ n: 1, s: '007' }]);
  });

  test('a tensor signature reads every column as numbers and gets rows', () => {
    assert.deepEqual(frameInput(parseCsvFrame('\uFEFFx,y\n1,2\n\n3,inf\n', tensor), tensor), [[1, 2], [3, Infinity]]);
  });

  test('a first row one field longer than the header starts with the index, as pandas reads it', () => {
    assert.deepEqual(parseCsvFrame('a,b\n0,1,2\n1,3,4\n'), { columns: ['a', 'b'], rows: [[1, 2], [3, 4]] });
  });

  test('short rows are filled, empty header names are pandas\' Unnamed: i', () => {
    assert.deepEqual(parseCsvFrame(',a,b\n0,1\n'), { columns: ['Unnamed: 0', 'a', 'b'], rows: [[0, 1, null]] });
  });

  test('what pandas cannot read is 400 with MLflow\'s message and the reason', () => {
    const message = (why: RegExp) => new RegExp(`^Failed to parse input as a Pandas DataFrame\\. .*to_csv\\(\\)\` method\\. Error: '${why.source}'$`);
    refuses(() => parseCsvFrame(''), 400, 'BAD_REQUEST', message(/No columns to parse from file/));
    refuses(() => parseCsvFrame('a,b\n1,2\n3,4,5\n'), 400, 'BAD_REQUEST', message(/Error tokenizing data\. Expected 2 fields in row 2, saw 3/));
    refuses(() => parseCsvFrame('a\n1\nx\n', tensor), 400, 'BAD_REQUEST', message(/column 'a' \(row 2\) holds 'x', which is not a number/));
    refuses(() => parseCsvFrame('a\n"unclosed\n'), 400, 'BAD_REQUEST', /Failed to parse input as a Pandas DataFrame.*Error: '.+'/);
  });
});

describe('content types', () => {
  test('JSON and CSV, with charset=utf-8 in any case', () => {
    assert.equal(mediaType('application/json'), 'json');
    assert.equal(mediaType('application/json; charset=UTF-8'), 'json');
    assert.equal(mediaType('text/csv;charset="utf-8"'), 'csv');
  });

  test('another type, another charset, another parameter or none at all is 415', () => {
    refuses(() => mediaType('text/plain'), 415, 'BAD_REQUEST', /only supports the following content types: Types: \['text\/csv', 'application\/json'\]\. Got 'text\/plain'\./);
    refuses(() => mediaType('application/json; charset=latin-1'), 415, 'BAD_REQUEST', /^The scoring server only supports UTF-8$/);
    refuses(() => mediaType('application/json; format=pandas-split'), 415, 'BAD_REQUEST', /^Unrecognized content type parameters: format\. IMPORTANT/);
    refuses(() => mediaType(undefined), 415, 'BAD_REQUEST', /Got 'None'/);
  });
});

/** A model for the Scorer: its predict runs `fn`, its signature is `signature`. */
function fakeModel(fn: (input: unknown, params?: Record<string, unknown>) => unknown, signature?: ModelSignature): ScoringModel {
  return { predict: async (input, params) => fn(input, params), signature, metadata: new ModelSpec() };
}

describe('the Scorer: one request to one answer', () => {
  test('predictions are {"predictions": …} with typed arrays as lists, bytes as base64 lines, big integers as numbers', async () => {
    const scorer = new Scorer(fakeModel(() => [new Float32Array([0.5, 1]), Buffer.from('hi'), 3n, new Date(Date.UTC(2024, 0, 2, 3, 4, 5))]));
    const answer = await scorer.invoke(Buffer.from(json({ inputs: [1] })), 'application/json');
    assert.equal(answer.status, 200);
    assert.equal(answer.contentType, 'application/json');
    assert.deepEqual(JSON.parse(answer.body), { predictions: [[0.5, 1], 'aGk=\n', 3, '2024-01-02T03:04:05'] });
  });

  test('an LLM payload is answered with the bare predictions', async () => {
    const answer = await new Scorer(fakeModel(() => ({ choices: [] }))).invoke(json({ prompt: 'hi' }), 'application/json');
    assert.deepEqual(JSON.parse(answer.body), { choices: [] });
  });

  test("a signature mismatch is 400 INVALID_PARAMETER_VALUE, MLflow's SCHEMA_ENFORCEMENT_FAILED (KAM01)", async () => {
    const answer = await new Scorer(fakeModel(() => {
      throw new SchemaEnforcementError('Model is missing inputs \'a\'.');
    })).invoke(json({ inputs: [1] }), 'application/json');
    assert.equal(answer.status, 400);
    assert.deepEqual(JSON.parse(answer.body), {
      error_code: 'INVALID_PARAMETER_VALUE',
      message: "Failed to enforce schema of the input with the model signature. Error: Model is missing inputs 'a'.",
      sqlstate: 'KAM01',
      error_class: 'SCHEMA_ENFORCEMENT_FAILED',
    });
  });

  test('a model that throws is 400 BAD_REQUEST with its stack trace, as MLflow answers', async () => {
    const answer = await new Scorer(fakeModel(() => {
      throw new RangeError('boom');
    })).invoke(json({ inputs: [1] }), 'application/json');
    const body = JSON.parse(answer.body) as Record<string, string>;
    assert.equal(answer.status, 400);
    assert.equal(body.error_code, 'BAD_REQUEST');
    assert.match(body.message!, /^Encountered an unexpected error while evaluating the model/);
    assert.match(body.stack_trace!, /RangeError: boom/);
    assert.deepEqual([body.sqlstate, body.error_class], ['KAM00', 'INVALID_PARAMETER_VALUE']);
  });

  test('a prediction past the timeout is 504 DEADLINE_EXCEEDED', async () => {
    const scorer = new Scorer(fakeModel(() => new Promise((resolve) => setTimeout(resolve, 2000).unref())), { timeoutMs: 20 });
    const answer = await scorer.invoke(json({ inputs: [1] }), 'application/json');
    assert.equal(answer.status, 504);
    assert.deepEqual(JSON.parse(answer.body), { error_code: 'DEADLINE_EXCEEDED', message: 'Request processing time exceeded limit' });
  });

  test('bytes that are not UTF-8 are invalid input', async () => {
    const answer = await new Scorer(fakeModel((x) => x)).invoke(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'application/json');
    assert.equal(answer.status, 400);
    assert.match((JSON.parse(answer.body) as { message: string }).message, /^Invalid input\. Ensure that input is a valid UTF-8 encoded string/);
  });

  test('the model gets the enforced input: CSV rows for a tensor model', async () => {
    let seen: unknown;
    const scorer = new Scorer(fakeModel((x) => (seen = x), { inputs: tensor }));
    const answer = await scorer.invoke('a,b\n1,2\n', 'text/csv');
    assert.equal(answer.status, 200);
    assert.deepEqual(seen, [[1, 2]]);
  });
});

describe('fuzz: arbitrary payloads give a parse or a ScoringError', () => {
  const { fuzz } = fuzzSuite('serving payload');
  const schemas: (Schema | undefined)[] = [undefined, columns, tensor, [{ type: 'string', required: true }], [{ name: 'x', dtype: 'float64', shape: [-1] }]];
  const key = fc.oneof(fc.constantFrom('dataframe_split', 'dataframe_records', 'instances', 'inputs', 'params', 'columns', 'data', 'index', '__proto__', 'messages', 'a', 'b'), fc.string({ maxLength: 4 }));
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null)),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(key, tie('v'), { maxKeys: 4, noNullPrototype: true }),
    ),
  })).v;

  /** Runs `work`: it returns, or throws a ScoringError with a 4xx status and a message; in time. */
  function onlyScoringErrors(work: () => unknown): void {
    inTime(() => {
      try {
        work();
      } catch (error) {
        if (!(error instanceof ScoringError)) throw new Error(`not a ScoringError: ${String(error)}`, { cause: error });
        const refused: ScoringError = error;
        assert.ok(refused.status >= 400 && refused.status < 500 && refused.message.length > 10, refused.message);
        assert.doesNotThrow(() => JSON.parse(refused.toJson()));
      }
    });
  }

  test('JSON values of any shape, against every kind of signature', () => {
    fuzz(fc.tuple(value, fc.constantFrom(...schemas)), ([payload, schema]) => {
      onlyScoringErrors(() => parse(json(payload) ?? 'null', schema));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }, 5000);
  });

  test('objects with format keys holding anything', () => {
    const formatted = fc.record({ format: fc.constantFrom('dataframe_split', 'dataframe_records', 'instances', 'inputs'), body: value, params: fc.option(value) });
    fuzz(fc.tuple(formatted, fc.constantFrom(...schemas)), ([{ format, body, params }, schema]) => {
      onlyScoringErrors(() => parse({ [format]: body, ...(params === null ? {} : { params }) }, schema));
    }, 5000);
  });

  test('any text as JSON, and any text as CSV', () => {
    fuzz(fc.tuple(fc.string({ maxLength: 60, unit: 'binary' }), fc.constantFrom(...schemas)), ([text, schema]) => {
      onlyScoringErrors(() => decodeJsonObject(text));
      onlyScoringErrors(() => frameInput(parseCsvFrame(text, schema), schema));
    }, 5000);
  });

  test('input nested a hundred thousand deep is a 400 from the model\'s depth check, not a stack overflow', async () => {
    const spec = new ModelSpec();
    spec.signature = { inputs: JSON.stringify([{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 2] } }]), outputs: null, params: null };
    const model = new JsFunctionModel(spec, '/nowhere', { predict: (x) => x });
    const deep = `{"inputs": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const answer = await new Scorer(model).invoke(deep, 'application/json');
    assert.equal(answer.status, 400);
    const body = JSON.parse(answer.body) as { error_code: string; message: string };
    assert.equal(body.error_code, 'INVALID_PARAMETER_VALUE');
    assert.match(body.message, /nests arrays and objects more than 100 levels deep/);
  });
});
