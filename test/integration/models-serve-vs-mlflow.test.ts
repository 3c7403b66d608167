/**
 * The same requests to `mlflow-autolog models serve` and to MLflow's own
 * `mlflow models serve --env-manager local` (the pinned .venv), each serving a classifier of four
 * double columns a, b, c, d that answers three class probabilities per row (scikit-learn's MLP in
 * Python, a custom model here): every answer must have MLflow's status, and, where MLflow answers
 * JSON, the same structure (keys and value types) with the same error_code, error_class and
 * sqlstate. The one designed difference: MLflow answers 415 in text/plain, this server in its error
 * JSON, with the same message.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { customModel } from '../../src/models/custom-model';
import { REPO_ROOT, runPython } from '../harness/python';
import { request, startMlflowModelsServe, startModelsServe, structure, toCsv, type Answer, type ServeProcess } from '../harness/scoring-server';

const COLUMNS = ['a', 'b', 'c', 'd'];
const ROWS = [
  [0.77, 0.43, 0.85, 0.69],
  [0.09, 0.97, 0.76, 0.78],
];
const RECORDS = ROWS.map((row) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])));
const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';

interface Case {
  name: string;
  path?: string;
  body?: string;
  contentType?: string;
  /** The status both must answer. */
  status: number;
}

const json = (name: string, body: unknown, status: number): Case => ({ name, body: typeof body === 'string' ? body : JSON.stringify(body), contentType: JSON_TYPE, status });
const csv = (name: string, body: string, status: number): Case => ({ name, body, contentType: CSV_TYPE, status });

const CASES: Case[] = [
  json('dataframe_split', { dataframe_split: { columns: COLUMNS, data: ROWS } }, 200),
  json('dataframe_split with an index', { dataframe_split: { columns: COLUMNS, data: ROWS, index: [10, 11] } }, 200),
  json('dataframe_records', { dataframe_records: RECORDS }, 200),
  json('instances', { instances: RECORDS }, 200),
  json('inputs as columns', { inputs: Object.fromEntries(COLUMNS.map((c, i) => [c, ROWS.map((r) => r[i])])) }, 200),
  json('inputs as one record', { inputs: RECORDS[0] }, 200),
  json('dataframe_records with params', { dataframe_records: RECORDS, params: {} }, 200),
  csv('CSV', toCsv(COLUMNS, ROWS), 200),
  csv('CSV with the index to_csv writes', toCsv(['', ...COLUMNS], ROWS.map((r, i) => [i, ...r])), 200),
  json('a list', [ROWS[0]], 400),
  json('no format key', {}, 400),
  json('two format keys', { inputs: RECORDS, instances: RECORDS }, 400),
  json('not JSON', 'not json', 400),
  json('a JSON string', '"text"', 400),
  json('dataframe_split as a list', { dataframe_split: ROWS }, 400),
  json('dataframe_split with an extra key', { dataframe_split: { data: ROWS, extra: 1 } }, 400),
  json('dataframe_split with too few columns', { dataframe_split: { columns: ['a'], data: ROWS } }, 400),
  json('dataframe_records as an object', { dataframe_records: RECORDS[0] }, 400),
  json('a string in a double column', { dataframe_records: [{ ...RECORDS[0], a: 'x' }] }, 400),
  json('a missing column', { dataframe_records: [{ a: 0.1, b: 0.2, c: 0.3 }] }, 400),
  json('rows for a column signature', { inputs: ROWS }, 400),
  csv('CSV with a missing column', toCsv(['a', 'b', 'c'], [[0.1, 0.2, 0.3]]), 400),
  csv('CSV with text in a double column', toCsv(COLUMNS, [['x', 0.2, 0.3, 0.4]]), 400),
  csv('empty CSV', '', 400),
  { name: 'text/plain', body: '{}', contentType: 'text/plain', status: 415 },
  { name: 'a latin-1 charset', body: '{}', contentType: 'application/json; charset=latin-1', status: 415 },
  { name: 'a format parameter', body: '{}', contentType: 'application/json; format=pandas-split', status: 415 },
  { name: 'GET /ping', path: '/ping', status: 200 },
  { name: 'GET /health', path: '/health', status: 200 },
  { name: 'GET /version', path: '/version', status: 200 },
  { name: 'GET /invocations', path: '/invocations', status: 405 },
  { name: 'GET /nowhere', path: '/nowhere', status: 404 },
];

function send(url: string, c: Case): Promise<Answer> {
  return request(url, c.path ?? '/invocations', c.body === undefined ? {} : { body: c.body, contentType: c.contentType });
}

describe('models serve answers what mlflow models serve answers', () => {
  let work: string;
  let ours: ServeProcess;
  let theirs: ServeProcess;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'serve-vs-mlflow-'));
    const code = join(work, 'proba-model.js');
    writeFileSync(
      code,
      `// Three class probabilities per row, a softmax of three linear scores (a stand-in for the MLP).
class ProbaModel {
  predict(context, rows) {
    return rows.map(({ a, b, c, d }) => {
      const scores = [a - b, a + 2 * b - c, c + d].map(Math.exp);
      const total = scores.reduce((x, y) => x + y, 0);
      return scores.map((s) => s / total);
    });
  }
}
module.exports = { ProbaModel };`,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ProbaModel } = require(code) as { ProbaModel: new () => { predict(c: unknown, rows: unknown[]): unknown } };
    await customModel.saveModel(new ProbaModel(), join(work, 'js-model'), { code, inputExample: RECORDS });
    await runPython([join(REPO_ROOT, 'test', 'python', 'save_sklearn_mlp.py'), join(work, 'sk-model'), 'columns']);
    [ours, theirs] = await Promise.all([startModelsServe(join(work, 'js-model'), ['--allow-code']), startMlflowModelsServe(join(work, 'sk-model'))]);
  });
  after(async () => {
    await Promise.all([ours?.stop(), theirs?.stop()]);
    rmSync(work, { recursive: true, force: true });
  });

  test('the two models have the same signature', async () => {
    const [a, b] = await Promise.all([send(ours.url, CASES[0]!), send(theirs.url, CASES[0]!)]);
    assert.deepEqual(structure(a.json), { predictions: [['number']] });
    assert.deepEqual(structure(b.json), structure(a.json));
  });

  for (const c of CASES) {
    test(`${c.name}: MLflow's status ${c.status}, and its answer's structure and error code`, async () => {
      const [mine, mlflow] = await Promise.all([send(ours.url, c), send(theirs.url, c)]);
      assert.equal(mlflow.status, c.status, `MLflow answers ${c.name} ${c.status}: ${mlflow.text}`);
      assert.equal(mine.status, mlflow.status, `${c.name}: ${mine.text}`);
      if (c.status === 415) {
        // NB: the designed difference: our 415 is error JSON, MLflow's text/plain; the message is MLflow's.
        assert.match(mlflow.contentType, /^text\/plain/);
        const body = mine.json as { error_code: string; message: string };
        assert.equal(body.error_code, 'BAD_REQUEST');
        if (!/only supports the following content types/.test(mlflow.text)) assert.equal(body.message, mlflow.text);
        return;
      }
      assert.equal(mine.contentType, mlflow.contentType.split(';')[0]);
      if (c.path === '/version') return;
      if (mlflow.json === undefined) {
        assert.equal(mine.text, mlflow.text);
        return;
      }
      assert.deepEqual(structure(mine.json), structure(mlflow.json), `${c.name}:\n  ours   ${mine.text.slice(0, 300)}\n  MLflow ${mlflow.text.slice(0, 300)}`);
      const codes = (answer: Answer) => {
        const { error_code, error_class, sqlstate } = answer.json as Record<string, unknown>;
        return { error_code, error_class, sqlstate };
      };
      if (c.status !== 200) assert.deepEqual(codes(mine), codes(mlflow));
    });
  }
});
