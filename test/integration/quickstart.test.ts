/**
 * The README's first command: the quickstart trains with autologging on the default local store
 * and says where the run went; MLflow reads that store, and the logged model loads back.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT, readRun } from '../harness/python';

const exec = promisify(execFile);

describe('the quickstart (npm run example)', () => {
  test('trains on the local store ./mlruns, prints the run, and its model loads back in a fresh process', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'quickstart-'));
    const env = { ...process.env, MLFLOW_TRACKING_URI: '', MLFLOW_EXPERIMENT_NAME: '', MLFLOW_EXPERIMENT_ID: '' };
    const { stdout } = await exec(process.execPath, [join(REPO_ROOT, 'examples', 'quickstart', 'train.js')], { cwd, env });
    const store = pathToFileURL(join(cwd, 'mlruns')).href;
    const runId = /Trained and logged run ([0-9a-f]{32})/.exec(stdout)?.[1];
    assert.ok(runId, stdout);
    assert.match(stdout, new RegExp(`tracking URI: ${store}`));

    const run = await readRun(store, runId, { MLFLOW_ALLOW_FILE_STORE: 'true' });
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'tfjs');
    assert.equal(run.metrics.loss?.length, 8);
    assert.ok(run.artifacts.some((a) => a.path === 'model/MLmodel'), 'the model is in the run artifacts of the local store');

    const rows = JSON.stringify([[0.1, 0.2, 0.3, 0.4]]);
    const predicted = await exec(process.execPath, [join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js'), `runs:/${runId}/model`, rows], {
      cwd,
      env,
    });
    const [probabilities] = JSON.parse(predicted.stdout) as number[][];
    assert.equal(probabilities!.length, 3);
    assert.ok(Math.abs(probabilities!.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax outputs sum to 1');
  });
});
