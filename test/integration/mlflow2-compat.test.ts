/**
 * Against the last MLflow 2.x server (no logged-models API), logModel falls back to MLflow 2's
 * way: the model in the run's artifacts and the `mlflow.log-model.history` tag; registration and
 * every model URI still work.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { configure, customModel, endRun, loadModel, startRun, type ModelInfo } from '../../src/index';
import { startMlflowServer, type MlflowServer } from '../harness/mlflow-server';
import { PYTHON_MLFLOW2, REPO_ROOT, pythonJson, readRun } from '../harness/python';

const MODEL_CODE = join(REPO_ROOT, 'test', 'fixtures', 'custom-model', 'sentiment-model.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SentimentModel } = require(MODEL_CODE) as { SentimentModel: new () => { predict(c: unknown, rows: unknown[], p?: unknown): number[] } };

describe('logging models to an MLflow 2.x server', () => {
  let server: MlflowServer;
  let info: ModelInfo;
  const name = `legacy-${randomUUID().slice(0, 8)}`;
  const rows = [{ text: 'great', boost: 1 }];

  before(async () => {
    server = await startMlflowServer({ python: PYTHON_MLFLOW2 });
    const version = await pythonJson<string>('import json, mlflow; print(json.dumps(mlflow.__version__))', {}, PYTHON_MLFLOW2);
    assert.match(version, /^2\./);
    configure({ trackingUri: server.url, experimentName: 'legacy' });
    process.env.MLFLOW_AUTOLOG_CACHE_DIR = mkdtempSync(join(tmpdir(), 'legacy-cache-'));
    const dir = mkdtempSync(join(tmpdir(), 'legacy-artifacts-'));
    writeFileSync(join(dir, 'lexicon.json'), JSON.stringify({ great: 3 }));
    writeFileSync(join(dir, 'bias.txt'), '0.5');
    await startRun();
    info = await customModel.logModel(new SentimentModel(), {
      code: MODEL_CODE,
      artifacts: { lexicon: join(dir, 'lexicon.json'), bias: join(dir, 'bias.txt') },
      inputExample: rows,
      registeredModelName: name,
    });
    await endRun();
  });
  after(async () => {
    configure({});
    delete process.env.MLFLOW_AUTOLOG_CACHE_DIR;
    await server?.stop();
  });

  test('the model goes to the run artifacts and the mlflow.log-model.history tag', async () => {
    assert.equal(info.modelId, undefined);
    assert.equal(info.modelUri, `runs:/${info.runId}/model`);
    const run = await readRun(server.url, info.runId, {}, PYTHON_MLFLOW2);
    assert.ok(run.artifacts.some((a) => a.path === 'model/MLmodel'));
    const history = JSON.parse(run.tags['mlflow.log-model.history']!) as { artifact_path: string; flavors: Record<string, unknown> }[];
    assert.equal(history.length, 1);
    assert.equal(history[0]!.artifact_path, 'model');
    assert.ok(history[0]!.flavors.js_function);
  });

  test('the registered version and the run URI both load and predict', async () => {
    assert.equal(info.registeredModelVersion?.version, '1');
    const fromRegistry = await loadModel(`models:/${name}/1`, { allowCode: true });
    const fromRun = await loadModel(info.modelUri, { allowCode: true });
    const expected = [(3 + 0.5 + 1) * 1];
    assert.deepEqual(await fromRegistry.predict(rows), expected);
    assert.deepEqual(await fromRun.predict(rows), expected);
  });

  test("MLflow 2's own Model.load parses the MLmodel", async () => {
    const parsed = await pythonJson<{ flavors: string[]; inputs: string[]; artifact_path: string }>(
      `
import json, tempfile, mlflow
from mlflow.models import Model
mlflow.set_tracking_uri("${server.url}")
path = mlflow.artifacts.download_artifacts("runs:/${info.runId}/model", dst_path=tempfile.mkdtemp())
m = Model.load(path)
print(json.dumps({"flavors": sorted(m.flavors), "inputs": m.signature.inputs.input_names(), "artifact_path": m.artifact_path}))
`,
      {},
      PYTHON_MLFLOW2,
    );
    assert.deepEqual(parsed, { flavors: ['js_function'], inputs: ['text', 'boost'], artifact_path: 'model' });
  });
});
