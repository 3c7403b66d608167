/**
 * Faults between the agent and the real server, injected by a proxy on loopback: answers lost
 * after the server processed a request, error bursts, throttling, long delays, a server that is
 * down for the whole process. What was logged arrives exactly once, with no orphan run, and
 * training neither waits nor changes. Each scenario prints `logged N / on server N`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { configure, endRun, logMetric, logParam, startRun } from '../../src/index';
import { TAG_RUN_TOKEN } from '../../src/journal/records';
import { runsOf, uniqueName } from '../conformance/helpers';
import { useFaultProxies, type FaultProxy, type FaultRule } from '../harness/fault-proxy';
import { lastJson, runNode } from '../harness/node';
import { pythonJson, REPO_ROOT, readRun } from '../harness/python';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'trust');
const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

function report(what: string, logged: number, onServer: number): void {
  process.stdout.write(`${what}: logged ${logged} / on server ${onServer}\n`);
}

describe('faults between the agent and the server', () => {
  const faults = useFaultProxies();
  const proxy = (rules: FaultRule[]) => faults.proxy(rules);
  let serverUrl: string;
  before(() => {
    serverUrl = faults.serverUrl();
    process.env.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR = '0';
    process.env.MLFLOW_HTTP_REQUEST_BACKOFF_JITTER = '0';
  });
  afterEach(() => configure({}));
  after(() => {
    delete process.env.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR;
    delete process.env.MLFLOW_HTTP_REQUEST_BACKOFF_JITTER;
  });

  /** Logs a run by hand through `via`, and reads back the only run of its experiment from the server itself. */
  async function logThrough(via: FaultProxy, points: number) {
    const experiment = uniqueName('faults');
    configure({ trackingUri: via.url, experimentName: experiment });
    await startRun({ runName: 'faulty' });
    logParam('optimizer', 'adam');
    for (let step = 0; step < points; step++) logMetric('loss', 1 / (step + 1), { step });
    await endRun();
    configure({ trackingUri: serverUrl });
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1, 'one run, no orphan');
    return readRun(serverUrl, runs[0]!.info.runId);
  }

  test('answers lost after the server processed runs/create and log-batch: one run, every point once', async () => {
    const via = await proxy([
      { path: /runs\/create/, faults: [{ kind: 'drop-response' }] },
      { path: /runs\/log-batch/, faults: [{ kind: 'drop-response' }] },
    ]);
    const run = await logThrough(via, 2000);
    report('lost answers', 2000, run.metrics.loss?.length ?? 0);
    assert.equal(via.log.filter((r) => r.fault === 'drop-response').length, 2, 'both answers were dropped');
    assert.equal(run.metrics.loss?.length, 2000);
    assert.equal(run.params.optimizer, 'adam');
    assert.ok(run.tags[TAG_RUN_TOKEN], 'the run carries its client token');
    assert.equal(run.info.status, 'FINISHED');
  });

  test('500 and 503 bursts and a 429 with Retry-After: every point once, the run FINISHED', async () => {
    const busy = (status: number) => ({ kind: 'status' as const, status, body: 'busy' });
    const via = await proxy([
      { path: /runs\/log-batch/, faults: [busy(500), busy(500), busy(503), busy(503), busy(503), { kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: 'slow down' }] },
    ]);
    const run = await logThrough(via, 1000);
    report('error bursts', 1000, run.metrics.loss?.length ?? 0);
    assert.equal(via.log.filter((r) => r.fault === 'status').length, 6);
    assert.equal(run.metrics.loss?.length, 1000);
    assert.equal(run.info.status, 'FINISHED');
  });

  test('a log-batch delayed 10 s arrives once', async () => {
    const via = await proxy([{ path: /runs\/log-batch/, faults: [{ kind: 'delay', ms: 10_000 }] }]);
    const run = await logThrough(via, 500);
    report('10 s delay', 500, run.metrics.loss?.length ?? 0);
    assert.equal(run.metrics.loss?.length, 500);
    assert.equal(run.info.status, 'FINISHED');
  });

  test('tfjs under the preload with the server down: the first epoch starts within 1 s, fit resolves within its bound, results are identical, and sync sends the run', async () => {
    const via = await proxy([]);
    via.setDown(true);
    const experiment = uniqueName('unreachable');
    const env = { MLFLOW_TRACKING_URI: via.url, MLFLOW_EXPERIMENT_NAME: experiment, MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')) };
    const plain = lastJson<{ weights: number[][] }>((await runNode([join(FIXTURES, 'tfjs-unreachable.js')], {})).stdout);
    const result = await runNode(['--require', 'mlflow-autolog/register', join(FIXTURES, 'tfjs-unreachable.js')], env);
    assert.equal(result.code, 0, result.stderr);
    const timed = lastJson<{ firstEpochMs: number; fitMs: number; weights: number[][] }>(result.stdout);
    assert.ok(timed.firstEpochMs < 1000, `first epoch after ${timed.firstEpochMs} ms`);
    // NB: training takes well under a second; the bound (runEndTimeout) is 3 s.
    assert.ok(timed.fitMs < 3000 + 2000, `fit resolved after ${timed.fitMs} ms`);
    assert.deepEqual(timed.weights, plain.weights, 'training results are bit-identical with and without the agent');
    assert.equal(result.stderr.match(/does not answer/g)?.length ?? 0, 1, `one warning that the server is silent: ${result.stderr}`);
    assert.match(result.stderr, /npx mlflow-autolog sync/);

    via.setDown(false);
    const synced = await runNode([CLI, 'sync'], env, mkdtempSync(join(tmpdir(), 'no-local-store-')));
    assert.equal(synced.code, 0, synced.stderr);
    configure({ trackingUri: serverUrl });
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    const run = await readRun(serverUrl, runs[0]!.info.runId);
    report('server down', 5, run.metrics.loss?.length ?? 0);
    assert.equal(run.metrics.loss?.length, 5);
    assert.equal(run.params.epochs, '5');
    assert.equal(run.tags['mlflow.autologging'], 'tfjs');
    assert.equal(run.info.status, 'FINISHED');
    assert.ok(run.artifacts.some((a) => a.path === 'model_summary.txt'), 'the model summary was journaled and sent');
    assert.equal(run.outputs.length, 1, 'the model was journaled and logged: one logged model, linked to the run');
    const model = await pythonJson<{ status: string; files: string[] }>(
      `import json, mlflow; c = mlflow.MlflowClient(${JSON.stringify(serverUrl)}); m = c.get_logged_model(${JSON.stringify(run.outputs[0])}); print(json.dumps({"status": str(m.status), "files": sorted(a.path for a in c.list_logged_model_artifacts(m.model_id))}))`,
    );
    assert.equal(model.status, 'READY');
    assert.ok(model.files.includes('MLmodel') && model.files.includes('data'), model.files.join(', '));
  });
});
