/**
 * A run's end, request by request, against a loopback server that records what arrives and holds
 * answers on cue (a recording server: the real server is tested in the autolog and process-end
 * suites): a staged model's independent requests overlap, a first attempt looks nothing up, and a
 * flush that holds keeps the process alive while one that does not, does not.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Journal } from '../../src/journal/journal';
import type { ModelRecord } from '../../src/journal/records';
import { deliverStagedModel } from '../../src/models/log-model';
import type { RunInfo, TrackingStore } from '../../src/store/types';
import { MlflowClient } from '../../src/tracking/client';
import { Sender } from '../../src/tracking/sender';

const servers: ReturnType<typeof createServer>[] = [];
after(() => servers.forEach((s) => s.close()));

const MODEL = 'm-1';
const FILES = ['MLmodel', 'package.json', 'data/model.json'];

/**
 * A tracking server that knows one run and creates one logged model; it answers the run's output
 * link only once every file of the model has arrived, and logs each request as it arrives.
 */
async function modelServer(): Promise<{ url: string; arrived: string[] }> {
  const arrived: string[] = [];
  const uploads = new Set<string>();
  let linkHeld: (() => void) | undefined;
  const json = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const model = { info: { model_id: MODEL, experiment_id: '0', name: 'model', artifact_uri: `mlflow-artifacts:/0/models/${MODEL}/artifacts`, status: 'LOGGED_MODEL_PENDING' } };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url!.split('?')[0]!;
    arrived.push(`${req.method} ${path.replace(`/api/2.0/mlflow-artifacts/artifacts/0/models/${MODEL}/artifacts/`, 'file ')}`);
    if (path === '/api/2.0/mlflow/runs/get') {
      return json(res, { run: { info: { run_id: 'r1', experiment_id: '0', status: 'RUNNING', artifact_uri: 'mlflow-artifacts:/0/r1/artifacts' }, data: { params: [{ key: 'lr', value: '0.1' }] } } });
    }
    if (path === '/api/2.0/mlflow/logged-models/search') return json(res, { models: [] });
    if (path === '/api/2.0/mlflow/logged-models') return json(res, { model });
    if (path === '/api/2.0/mlflow/runs/outputs') {
      linkHeld = () => json(res, {});
    } else if (req.method === 'PUT') {
      uploads.add(path);
      json(res, {});
    } else if (req.method === 'PATCH') {
      return json(res, { model: { ...model, info: { ...model.info, status: 'LOGGED_MODEL_READY' } } });
    } else {
      return res.writeHead(404).end();
    }
    // NB: the link waits for the files: answered only if they went while it was on its way.
    if (linkHeld && uploads.size === FILES.length) {
      linkHeld();
      linkHeld = undefined;
    }
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, arrived };
}

/** A staged model folder and the journal record that describes it. */
function stagedModel(): ModelRecord {
  const dir = mkdtempSync(join(tmpdir(), 'staged-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(
    join(dir, 'MLmodel'),
    "artifact_path: model\nflavors:\n  js_function:\n    loader_module: example\nmlflow_version: 3.0.0\nmodel_uuid: abc\nutc_time_created: '2024-01-01 00:00:00.000000'\n",
  );
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, 'data', 'model.json'), '{}');
  return { t: 'model', id: 1, k: 'run', dir, name: 'model', flavor: 'example', token: 'token-1' };
}

describe('the end of a run', () => {
  test('a staged model: the run’s output link and the files go at once, then the model is finalized; a first attempt looks nothing up', { timeout: 30_000 }, async () => {
    const { url, arrived } = await modelServer();
    await deliverStagedModel(new MlflowClient({ trackingUri: url }), 'r1', stagedModel(), { lookup: false });
    assert.deepEqual(arrived.slice(0, 2), ['GET /api/2.0/mlflow/runs/get', 'POST /api/2.0/mlflow/logged-models']);
    assert.deepEqual(new Set(arrived.slice(2, 6)), new Set(['POST /api/2.0/mlflow/runs/outputs', ...FILES.map((f) => `PUT file ${f}`)]));
    assert.deepEqual(arrived.slice(6), [`PATCH /api/2.0/mlflow/logged-models/${MODEL}`], 'finalized after the link and the files, nothing looked up');
  });

  test('a retried model is looked up by its token before it is created', { timeout: 30_000 }, async () => {
    const { url, arrived } = await modelServer();
    await deliverStagedModel(new MlflowClient({ trackingUri: url }), 'r1', stagedModel(), { lookup: true });
    assert.deepEqual(arrived.slice(0, 3), ['GET /api/2.0/mlflow/runs/get', 'POST /api/2.0/mlflow/logged-models/search', 'POST /api/2.0/mlflow/logged-models']);
  });

  test('a flush that holds (a user’s await endRun()) keeps the process alive while the server is slow; a flush by default (the agent’s own) does not', async () => {
    let answer: (() => void) | undefined;
    const store = {
      createRun: () => new Promise<RunInfo>((resolve) => (answer = () => resolve({ runId: 'r1' } as RunInfo))),
    };
    const queue = new Sender({
      store: store as unknown as TrackingStore,
      journal: Journal.forUri('http://slow.invalid', mkdtempSync(join(tmpdir(), 'journal-'))),
      location: 'slow',
      resolveExperimentId: async () => '0',
      deliverFiles: async () => undefined,
    });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    queue.submit({ t: 'run', k: 'run', tags: {}, startTime: 1 });
    const background = queue.flush(['run']);
    while (!answer) await new Promise((resolve) => setImmediate(resolve));
    const before = timers();
    const held = queue.flush(['run'], { holdProcess: true });
    assert.equal(timers(), before + 1, 'one timer keeps the process alive while a user (await endRun()) waits');
    answer();
    await Promise.all([background, held]);
    assert.equal(timers(), before, 'and none once the wait is over');
    queue.stop();
  });
});
