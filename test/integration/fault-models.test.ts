/**
 * Faults around models, uploads and the server itself: answers lost after the server created a
 * logged model or a registered version, a connection reset in the middle of a 50 MB upload, and
 * the server SIGKILLed mid-run and restarted. Nothing is lost, nothing is doubled, no orphan is
 * left. Each scenario prints `logged N / on server N`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { configure, endRun, logArtifact, startRun } from '../../src/index';
import { uniqueName } from '../conformance/helpers';
import { useFaultProxies } from '../harness/fault-proxy';
import { startMlflowServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { pythonJson, REPO_ROOT, readRun } from '../harness/python';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'trust');
const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

function report(what: string, logged: number, onServer: number): void {
  process.stdout.write(`${what}: logged ${logged} / on server ${onServer}\n`);
}

/** What MLflow's Python client sees of an experiment's runs, logged models and a registered model's versions. */
async function modelsOf(url: string, experiment: string, registered: string) {
  return pythonJson<{ runs: { id: string; status: string; outputs: string[] }[]; models: { id: string; status: string; run: string }[]; versions: { version: string; source: string }[] }>(
    `
import json, mlflow
c = mlflow.MlflowClient(${JSON.stringify(url)})
e = c.get_experiment_by_name(${JSON.stringify(experiment)})
runs = c.search_runs([e.experiment_id])
models = c.search_logged_models([e.experiment_id])
versions = c.search_model_versions("name = '${registered}'")
print(json.dumps({
  "runs": [{"id": r.info.run_id, "status": r.info.status, "outputs": [o.model_id for o in (r.outputs.model_outputs if r.outputs else [])]} for r in runs],
  "models": [{"id": m.model_id, "status": str(m.status), "run": m.source_run_id} for m in models],
  "versions": [{"version": v.version, "source": v.source} for v in versions],
}))
`,
  );
}

describe('faults around models, uploads and the server', () => {
  const faults = useFaultProxies();
  let serverUrl: string;
  before(() => {
    serverUrl = faults.serverUrl();
  });

  test('answers lost after the server created the logged model and the registered version: one model READY, one version', async () => {
    const via = await faults.proxy([
      { path: /\/logged-models$/, faults: [{ kind: 'drop-response' }] },
      { path: /model-versions\/create/, faults: [{ kind: 'drop-response' }] },
    ]);
    const experiment = uniqueName('lost-model');
    const registered = uniqueName('lost-version');
    const env = {
      MLFLOW_TRACKING_URI: via.url,
      MLFLOW_EXPERIMENT_NAME: experiment,
      MLFLOW_AUTOLOG_REGISTERED_MODEL_NAME: registered,
      MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')),
      MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0',
    };
    const plain = await runNode([join(FIXTURES, 'sync-training.js'), 'brainjs'], {});
    const result = await runNode(['--require', 'mlflow-autolog/register', join(FIXTURES, 'sync-training.js'), 'brainjs'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim().split('\n').pop(), plain.stdout.trim().split('\n').pop(), 'training results are bit-identical with and without the agent');
    assert.equal(via.log.filter((r) => r.fault === 'drop-response').length, 2, 'both answers were dropped');
    const seen = await modelsOf(serverUrl, experiment, registered);
    report('lost model answers', 1, seen.models.length);
    assert.equal(seen.runs.length, 1);
    assert.equal(seen.models.length, 1, 'one logged model, no orphan');
    assert.equal(seen.models[0]!.status, 'READY');
    assert.deepEqual(seen.runs[0]!.outputs, [seen.models[0]!.id]);
    assert.equal(seen.versions.length, 1, 'one registered version');
    assert.equal(seen.versions[0]!.source, `models:/${seen.models[0]!.id}`);
    assert.equal(seen.runs[0]!.status, 'FINISHED');
  });

  test('a connection reset in the middle of a 50 MB upload: the artifact arrives whole, once', async () => {
    const via = await faults.proxy([{ path: /mlflow-artifacts\/artifacts\//, faults: [{ kind: 'reset-mid-body', afterBytes: 20 * 1024 * 1024 }] }]);
    const dir = mkdtempSync(join(tmpdir(), 'upload-'));
    const file = join(dir, 'weights.bin');
    const data = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i, i);
    writeFileSync(file, data);
    configure({ trackingUri: via.url, experimentName: uniqueName('reset-upload') });
    const run = await startRun();
    await logArtifact(file);
    await endRun();
    assert.equal(via.log.filter((r) => r.fault === 'reset-mid-body').length, 1, 'the first upload was cut');
    const readBack = await readRun(serverUrl, run.runId!);
    const artifact = readBack.artifacts.find((a) => a.path === 'weights.bin');
    report('50 MB upload', data.length, artifact?.file_size ?? 0);
    assert.equal(artifact?.file_size, data.length);
    const downloaded = await pythonJson<{ path: string }>(
      `import json, mlflow; print(json.dumps({"path": mlflow.MlflowClient(${JSON.stringify(serverUrl)}).download_artifacts(${JSON.stringify(run.runId)}, "weights.bin", ${JSON.stringify(mkdtempSync(join(tmpdir(), 'down-')))})}))`,
    );
    const digest = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');
    assert.equal(digest(readFileSync(downloaded.path)), digest(data));
  });

  test('the server SIGKILLed mid-run and restarted: every point arrives once, the run ends FINISHED', async () => {
    const server = await startMlflowServer();
    try {
      const experiment = uniqueName('server-killed');
      const env = { MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_NAME: experiment, MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')), POINTS: '300', PACE_MS: '10' };
      const child = spawn(process.execPath, [join(FIXTURES, 'paced-logging.js')], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // NB: killed once the run exists and points are on their way, about a third into the loop.
      await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => (stdout += d.toString()).includes('logged 100') && resolve()));
      await server.crash();
      await server.restart();
      const code = await exited;
      const result = { code, stdout, stderr };
      assert.equal(result.code, 0, result.stderr);
      // NB: what did not reach the server while it was down went to the journal; sync sends it.
      const synced = await runNode([CLI, 'sync'], env, mkdtempSync(join(tmpdir(), 'no-local-store-')));
      assert.equal(synced.code, 0, synced.stderr);
      configure({ trackingUri: server.url });
      const runId = /run (\w+)/.exec(result.stdout)?.[1];
      assert.ok(runId, result.stdout);
      const run = await readRun(server.url, runId);
      report('server killed', 300, run.metrics.loss?.length ?? 0);
      assert.equal(run.metrics.loss?.length, 300);
      assert.equal(new Set(run.metrics.loss!.map((m) => m.step)).size, 300);
      assert.equal(run.info.status, 'FINISHED');
      const runs = await pythonJson<number>(`import json, mlflow; c = mlflow.MlflowClient(${JSON.stringify(server.url)}); print(len(c.search_runs([c.get_experiment_by_name(${JSON.stringify(experiment)}).experiment_id])))`);
      assert.equal(runs, 1, 'no orphan run');
    } finally {
      await server.stop();
    }
  });
});
