/**
 * The README's first command: the quickstart trains with autologging on MLflow's default store
 * (`./mlflow.db`, no tracking URI) and says how to see the run; MLflow's own client reads every
 * value and the logged model from that database, and the model loads back in a fresh process
 * with no server. (The browser test shows the same database in a real `mlflow server`.)
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { improvements } from '../conformance/helpers';
import { pythonJson, REPO_ROOT, readRun } from '../harness/python';
import { runQuickstart } from '../harness/quickstart';

const exec = promisify(execFile);

describe('the quickstart (npm run example)', () => {
  test("writes MLflow's default ./mlflow.db, which MLflow's client reads whole, and prints how to see it with a plain mlflow ui", async () => {
    const { cwd, stdout, runId, modelId } = await runQuickstart();
    const uri = `sqlite:///${join(cwd, 'mlflow.db')}`;
    assert.ok(existsSync(join(cwd, 'mlflow.db')));
    assert.ok(!existsSync(join(cwd, 'mlflow.db-wal')), 'the WAL is folded back at exit: the file alone holds the run');
    assert.match(stdout, new RegExp(`tracking URI: ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    assert.match(stdout, new RegExp(`view it: +cd ${cwd} && mlflow ui `), 'the last line says how to see the run');

    const run = await readRun(uri, runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.info.experiment_id, '0');
    assert.equal(run.tags['mlflow.autologging'], 'tfjs');
    assert.equal(run.params.epochs, '8');
    assert.equal(run.params.batch_size, '32');
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc']) {
      assert.deepEqual(run.metrics[key]?.map((p) => p.step), [0, 1, 2, 3, 4, 5, 6, 7], `${key} has one point per epoch`);
    }

    const model = await pythonJson<{ name: string; status: string; type: string; source: string; files: string[]; outputs: [string, string, number, string[]][]; flavors: string[] }>(`
import json, mlflow, yaml
from mlflow import MlflowClient
mlflow.set_tracking_uri(${JSON.stringify(uri)})
client = MlflowClient()
m = client.get_logged_model(${JSON.stringify(modelId)})
local = mlflow.artifacts.download_artifacts(f"models:/{m.model_id}")
import os
spec = yaml.safe_load(open(os.path.join(local, "MLmodel")))
run = client.get_run(${JSON.stringify(runId)})
print(json.dumps({"name": m.name, "status": str(m.status), "type": m.model_type, "source": m.source_run_id,
  "files": sorted(os.listdir(local)), "flavors": sorted(spec["flavors"]),
  "outputs": [[o.model_id, client.get_logged_model(o.model_id).name, o.step, sorted(x.key for x in client.get_logged_model(o.model_id).metrics or [])] for o in run.outputs.model_outputs]}))
`);
    assert.equal(model.name, 'model');
    assert.equal(model.status, 'READY');
    assert.equal(model.type, 'tfjs');
    assert.equal(model.source, runId);
    // NB: the run's outputs are the model and its checkpoints (one per epoch that improved val_loss), each with its epoch's metrics.
    const outputs = model.outputs;
    assert.deepEqual(outputs.filter(([, name]) => name === 'model').map(([id]) => id), [modelId], 'the run names the model as its output');
    const checkpoints = outputs.filter(([, name]) => name === 'checkpoint');
    assert.equal(checkpoints.length, improvements(run.metrics.val_loss), JSON.stringify(outputs));
    assert.equal(checkpoints.length, outputs.length - 1);
    for (const [, , , metrics] of checkpoints) assert.deepEqual(metrics, ['acc', 'loss', 'val_acc', 'val_loss']);
    assert.ok(model.files.includes('MLmodel') && model.files.includes('input_example.json'), model.files.join(', '));
    assert.deepEqual(model.flavors, ['js_function', 'tfjs']);

    // NB: a fresh process with no server: models:/<model id> resolves in the local database.
    const rows = JSON.stringify([[0.1, 0.2, 0.3, 0.4]]);
    const predicted = await exec(process.execPath, [join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js'), `models:/${modelId}`, rows], {
      cwd,
      env: { ...process.env, MLFLOW_TRACKING_URI: '' },
    });
    const [probabilities] = JSON.parse(predicted.stdout) as number[][];
    assert.equal(probabilities!.length, 3);
    assert.ok(Math.abs(probabilities!.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax outputs sum to 1');
  });
});
