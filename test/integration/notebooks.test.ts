/**
 * The example notebooks, executed headless the way Jupyter runs them (nbconvert with the tslab
 * kernels) against the real server; the runs they produce are read back with MLflow's client.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { configure } from '../../src/tracking/fluent';
import { improvements, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, readRun } from '../harness/python';

const exec = promisify(execFile);
const NOTEBOOKS = join(REPO_ROOT, 'examples', 'notebooks');

/** Executes a notebook with nbconvert and returns the text of every cell output. */
async function executeNotebook(name: string, kernel: 'tslab' | 'jslab', env: NodeJS.ProcessEnv): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'notebook-'));
  await exec(
    'jupyter',
    ['nbconvert', '--to', 'notebook', '--execute', `--ExecutePreprocessor.kernel_name=${kernel}`, '--ExecutePreprocessor.timeout=300', '--output-dir', out, `${name}.ipynb`],
    { cwd: NOTEBOOKS, env: { ...process.env, JUPYTER_PATH: join(REPO_ROOT, '.jupyter', 'share', 'jupyter'), ...env }, maxBuffer: 1 << 24 },
  );
  const executed = JSON.parse(readFileSync(join(out, `${name}.ipynb`), 'utf8')) as { cells: { outputs?: { text?: string | string[] }[] }[] };
  return executed.cells.flatMap((cell) => (cell.outputs ?? []).map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? ''))));
}

function check<T>(outputs: string[], name: string): T {
  const line = outputs.flatMap((o) => o.split('\n')).find((l) => l.startsWith(`{"check":"${name}"`));
  assert.ok(line, `the notebook printed its ${name} check: ${outputs.join('')}`);
  return JSON.parse(line) as T;
}

describe('the example notebooks, executed with the tslab kernels', () => {
  let url: string;
  before(async () => {
    url = (await testServer()).url;
  });

  test('autolog() in the first cell makes the fit cell a complete NOTEBOOK run whose model loads back and predicts the same', async () => {
    const experiment = uniqueName('notebook-tfjs');
    const outputs = await executeNotebook('tfjs-autolog', 'tslab', { MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: experiment });
    assert.ok(check<{ maxDiff: number }>(outputs, 'predictions').maxDiff < 1e-6);
    configure({ trackingUri: url, experimentName: experiment });
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    const run = await readRun(url, runs[0]!.info.runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'tfjs');
    assert.equal(run.tags['mlflow.source.type'], 'NOTEBOOK');
    assert.ok((run.tags['mlflow.source.name'] ?? '').includes(join('examples', 'notebooks')), run.tags['mlflow.source.name']);
    assert.equal(run.params.epochs, '3');
    assert.deepEqual(run.metrics.loss?.map((m) => m.step).sort(), [0, 1, 2]);
    // NB: the model and one checkpoint per epoch that improved val_loss.
    assert.equal(run.outputs.length, 1 + improvements(run.metrics.val_loss));
    configure({});
  });

  test('a run started in one cell stays active in the next cells and is complete when endRun runs', async () => {
    const experiment = uniqueName('notebook-by-hand');
    const outputs = await executeNotebook('tracking-by-hand', 'jslab', { MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: experiment });
    assert.ok(outputs.some((o) => o.includes('active run is still true')), outputs.join(''));
    const { runId } = check<{ runId: string }>(outputs, 'by-hand');
    const run = await readRun(url, runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.info.run_name, 'notebook-by-hand');
    assert.equal(run.params.alpha, '0.5');
    assert.deepEqual(run.metrics.score?.map((m) => [m.step, m.value]).sort((a, b) => (a[0] as number) - (b[0] as number)), [[0, 0], [1, 1], [2, 4], [3, 9], [4, 16]]);
    assert.ok(run.artifacts.some((a) => a.path === 'notes.txt'));
    assert.equal(run.tags['mlflow.source.type'], 'NOTEBOOK');
  });
});
