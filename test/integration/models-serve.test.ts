/**
 * `mlflow-autolog models serve` and `models predict`, run as a user runs them (the built CLI in a
 * child process) on a model logged by each example into a local SQLite store, served by its
 * `models:/` URI:
 * - the model's own serving_input_example.json, posted as it is, predicts what
 *   `loadModel(uri).predict` predicts on the input example, and so does every other JSON format
 *   and CSV; bad payloads get MLflow's statuses and error JSON and the server keeps serving;
 * - SIGTERM lets a request in flight finish, then the process exits 0; --timeout answers 504;
 * - --workers 2 serves from two processes and replaces one that dies;
 * - `models predict` gives the same predictions from a file and from stdin, for JSON and CSV.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { customModel } from '../../src/models/custom-model';
import { equivalentPayloads, logExampleModels, type ExampleModel, type ExampleName, type ExampleStore } from '../harness/example-models';
import { CLI, invoke, request, startModelsServe, toCsv } from '../harness/scoring-server';
import { REPO_ROOT } from '../harness/python';

const NAMES: ExampleName[] = ['tfjs', 'brainjs', 'natural', 'mljs', 'custom'];

/** An MLflow error answer: status, error_code and a message matching `message`. */
function assertError(answer: { status: number; json: unknown; text: string }, status: number, errorCode: string, message: RegExp): void {
  assert.equal(answer.status, status, answer.text);
  const body = answer.json as Record<string, unknown>;
  assert.equal(body?.error_code, errorCode, answer.text);
  assert.match(String(body.message), message);
}

/** A payload the model's signature refuses: a missing column, or rows one value too wide. */
function mismatched(model: ExampleModel): unknown {
  const input = model.input as unknown[];
  if (Array.isArray(input[0])) return { inputs: (input as unknown[][]).map((row) => [...row, 0.5]) };
  return { dataframe_records: [{ not_a_column: 'x' }] };
}

describe('models serve: a model logged by each example', () => {
  let store: ExampleStore;
  const serve = (model: ExampleModel, args: string[] = []) =>
    startModelsServe(model.uri, [...args, ...(model.allowCode ? ['--allow-code'] : [])], { MLFLOW_TRACKING_URI: store.trackingUri });

  before(async () => {
    store = await logExampleModels();
  });
  after(() => rmSync(store.dir, { recursive: true, force: true }));

  for (const name of NAMES) {
    test(`${name}: serving_input_example.json as it is predicts what loadModel(uri).predict does, so do the other formats and CSV, and bad payloads get 400/413/415 while it keeps serving`, async () => {
      const model = store.models[name];
      const server = await serve(model, ['--max-body-bytes', '65536']);
      try {
        const served = await invoke(server.url, model.servingText);
        assert.equal(served.status, 200, served.text);
        assert.equal(served.contentType, 'application/json');
        assert.deepEqual(served.json, { predictions: model.expected });

        for (const payload of equivalentPayloads(model)) {
          const answer = await invoke(server.url, payload.body, payload.contentType);
          assert.equal(answer.status, 200, `${payload.name}: ${answer.text}`);
          assert.deepEqual(answer.json, { predictions: model.expected }, payload.name);
        }

        assertError(await invoke(server.url, 'not json'), 400, 'BAD_REQUEST', /^Invalid input\. Ensure that input is a valid JSON formatted string/);
        assertError(await invoke(server.url, {}), 400, 'BAD_REQUEST', /exactly one of the input fields.*scoring protocol has changed/s);
        assertError(await invoke(server.url, [[1]]), 400, 'BAD_REQUEST', /Received a list\.$/);
        assertError(await invoke(server.url, mismatched(model)), 400, 'INVALID_PARAMETER_VALUE', /^Failed to enforce schema/);
        assertError(await invoke(server.url, model.servingText, 'text/plain'), 415, 'BAD_REQUEST', /only supports the following content types.*Got 'text\/plain'/);
        assertError(await invoke(server.url, model.servingText, 'application/json; charset=latin-1'), 415, 'BAD_REQUEST', /only supports UTF-8/);
        const large = JSON.stringify({ inputs: 'x'.repeat(70_000) });
        assertError(await invoke(server.url, large), 413, 'BAD_REQUEST', /larger than this server's limit of 65536 bytes/);

        const ping = await request(server.url, '/ping');
        assert.deepEqual([ping.status, ping.text], [200, '\n']);
        const again = await invoke(server.url, model.servingText);
        assert.deepEqual(again.json, { predictions: model.expected }, 'still serving after the bad requests');
      } finally {
        assert.deepEqual(await server.stop(), { code: 0, signal: null });
      }
    });
  }

  test('the routes answer as MLflow\'s: /ping and /health a newline, /version the package version, 404 and 405 as FastAPI', async () => {
    const server = await serve(store.models.mljs);
    try {
      for (const path of ['/ping', '/health']) assert.deepEqual(await request(server.url, path), { status: 200, contentType: 'application/json', text: '\n', json: undefined });
      const version = await request(server.url, '/version');
      assert.equal(version.text, (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
      assert.deepEqual((await request(server.url, '/nope')).json, { detail: 'Not Found' });
      const get = await request(server.url, '/invocations');
      assert.deepEqual([get.status, get.json], [405, { detail: 'Method Not Allowed' }]);
    } finally {
      await server.stop();
    }
  });

  test('a custom model is refused without --allow-code, with the flag to add, and the command exits 1', async () => {
    const model = store.models.custom;
    await assert.rejects(startModelsServe(model.uri, [], { MLFLOW_TRACKING_URI: store.trackingUri }), /exited \(1\)[\s\S]*carries code[\s\S]*add --allow-code/);
  });

  test('--workers 2: two processes serve the same port, and one that dies is replaced', async () => {
    const model = store.models.tfjs;
    const server = await serve(model, ['--workers', '2']);
    let serving: number[] = [];
    try {
      assert.match(server.stderr(), /Listening at: http:\/\/127\.0\.0\.1:\d+ \(2 workers/);
      const workers = () => childPids(server.child.pid!);
      assert.equal(workers().length, 2);
      const answers = await Promise.all(Array.from({ length: 8 }, () => invoke(server.url, model.servingText)));
      for (const answer of answers) assert.deepEqual(answer.json, { predictions: model.expected });

      const [victim] = workers();
      process.kill(victim!, 'SIGKILL');
      await server.waitForStderr(new RegExp(`worker ${victim} died \\(SIGKILL\\); starting another`));
      const [, replacement] = await server.waitForStderr(/worker (\d+) serves in place of the one that died/);
      assert.equal(workers().length, 2);
      assert.ok(workers().includes(Number(replacement)) && !workers().includes(victim!));
      const after = await Promise.all(Array.from({ length: 8 }, () => invoke(server.url, model.servingText)));
      for (const answer of after) assert.deepEqual(answer.json, { predictions: model.expected });
      serving = workers();
    } finally {
      assert.deepEqual(await server.stop(), { code: 0, signal: null });
    }
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    assert.deepEqual(serving.filter(alive), [], 'the workers stopped with the primary');
  });

  describe('models predict', () => {
    for (const name of ['tfjs', 'natural', 'custom'] as const) {
      test(`${name}: JSON and CSV, from a file and from stdin, give the same predictions as loadModel(uri).predict`, async () => {
        const model = store.models[name];
        const dir = mkdtempSync(join(tmpdir(), 'predict-'));
        try {
          const csvPayload = equivalentPayloads(model).find((p) => p.contentType === 'text/csv')!.body as string;
          const inputs = { json: model.servingText, csv: csvPayload };
          for (const [type, text] of Object.entries(inputs)) {
            const file = join(dir, `input.${type}`);
            writeFileSync(file, text);
            const common = ['models', 'predict', '-m', model.uri, '-t', type, ...(model.allowCode ? ['--allow-code'] : [])];
            const fromFile = await runCli([...common, '-i', file, '-o', join(dir, `out-${type}.json`)], store.trackingUri);
            assert.equal(fromFile.code, 0, fromFile.stderr);
            const fromStdin = await runCli([...common, '-i', '-'], store.trackingUri, text);
            assert.equal(fromStdin.code, 0, fromStdin.stderr);
            assert.deepEqual(JSON.parse(readFileSync(join(dir, `out-${type}.json`), 'utf8')), { predictions: model.expected }, `${type} from a file`);
            assert.deepEqual(JSON.parse(fromStdin.stdout), { predictions: model.expected }, `${type} from stdin`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    test('a payload the model refuses exits 1 with MLflow\'s message; a missing input file exits 2', async () => {
      const model = store.models.tfjs;
      const bad = await runCli(['models', 'predict', '-m', model.uri, '-i', '-'], store.trackingUri, '{"dataframe_split": [[1]]}');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /mlflow-autolog: Invalid input\. Dataframe split format must be a dictionary\. Got list\./);
      const missing = await runCli(['models', 'predict', '-m', model.uri, '-i', join(tmpdir(), 'no-such-input.json')], store.trackingUri);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /Cannot read the input file .*no-such-input\.json \(ENOENT\)/);
    });
  });
});

describe('models serve: stopping and timing out', () => {
  let modelDir: string;
  before(async () => {
    const work = mkdtempSync(join(tmpdir(), 'slow-model-'));
    const code = join(work, 'slow-doubler.js');
    writeFileSync(
      code,
      `class SlowDoubler {
  async predict(context, rows, params = {}) {
    process.stderr.write('slow predict started\\n');
    await new Promise((resolve) => setTimeout(resolve, params.delay_ms));
    return rows.map((row) => row.x * 2);
  }
}
module.exports = { SlowDoubler };`,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SlowDoubler } = require(code) as { SlowDoubler: new () => { predict(c: unknown, rows: unknown[]): unknown } };
    modelDir = join(work, 'model');
    await customModel.saveModel(new SlowDoubler(), modelDir, { code, inputExample: { input: [{ x: 1 }], params: { delay_ms: 0 } } });
  });
  after(() => rmSync(join(modelDir, '..'), { recursive: true, force: true }));

  test('SIGTERM during a request: no new connections, the request is answered, then the process exits 0', async () => {
    const server = await startModelsServe(modelDir, ['--allow-code']);
    const inFlight = invoke(server.url, { dataframe_records: [{ x: 21 }], params: { delay_ms: 1500 } });
    await server.waitForStderr(/slow predict started/);
    server.child.kill('SIGTERM');
    await server.waitForStderr(/SIGTERM: finishing 1 request\(s\) in flight, then stopping/);
    await assert.rejects(request(server.url, '/ping'), 'the port is closed to new connections');
    const answer = await inFlight;
    assert.deepEqual([answer.status, answer.json], [200, { predictions: [42] }]);
    assert.deepEqual(await server.exited, { code: 0, signal: null });
  });

  test('--timeout answers a prediction that takes longer 504, as MLflow does', async () => {
    const server = await startModelsServe(modelDir, ['--allow-code', '--timeout', '0.3']);
    try {
      const started = Date.now();
      const answer = await invoke(server.url, { inputs: [{ x: 1 }], params: { delay_ms: 3000 } });
      assert.equal(answer.status, 504);
      assert.deepEqual(answer.json, { error_code: 'DEADLINE_EXCEEDED', message: 'Request processing time exceeded limit' });
      assert.ok(Date.now() - started < 2500, 'answered at the deadline, not when the model finished');
      const quick = await invoke(server.url, { inputs: [{ x: 1 }], params: { delay_ms: 0 } });
      assert.deepEqual(quick.json, { predictions: [2] });
    } finally {
      await server.stop();
    }
  });

  test('--workers 2 with a model that does not load: each worker says why, and the command exits 1 instead of waiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unloadable-'));
    try {
      writeFileSync(join(dir, 'MLmodel'), 'flavors:\n  python_function: {loader_module: mlflow.sklearn}\n');
      const error = await startModelsServe(dir, ['--workers', '2']).then(() => undefined, (e: Error) => e);
      assert.ok(error, 'the server did not start');
      assert.match(error.message, /exited \(1\)/);
      assert.match(error.message, /has no js_function flavor[\s\S]*It is a Python model/);
      assert.match(error.message, /a worker exited before it could serve \(exit code 1\); stopping/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('CSV carries no params: the params schema\'s defaults apply', async () => {
    const server = await startModelsServe(modelDir, ['--allow-code']);
    try {
      const answer = await invoke(server.url, toCsv(['x'], [[1], [3]]), 'text/csv');
      assert.deepEqual(answer.json, { predictions: [2, 6] });
    } finally {
      await server.stop();
    }
  });
});

/** The pids of a process's children (its cluster workers). */
function childPids(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children === '' ? [] : children.split(/\s+/).map(Number);
}

/** Runs the CLI with `stdin` (or nothing) on its standard input. */
function runCli(args: string[], trackingUri: string, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
