/**
 * The tracking core's main promise: what a script logs is exactly what MLflow's own client reads
 * back, from the real tracking server and from the local ./mlruns store.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, readRun, runPython, type ReadBackRun } from '../harness/python';

const execFileAsync = promisify(execFile);
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'log-everything.js');

interface Report {
  runId: string;
  childRunId: string;
  trackingUri: string;
  params: Record<string, string>;
  metrics: Record<string, { step: number; value: number | string }[]>;
  sha256: string;
  bigBytes: number;
}

/** Runs the fixture script in a fresh folder, as a user would, and returns what it logged. */
async function runScript(env: NodeJS.ProcessEnv): Promise<{ report: Report; cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'roundtrip-'));
  const reportFile = join(cwd, 'report.json');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete childEnv[key];
  // NB: the fixture lives inside this package, so `require('mlflow-autolog')` resolves to its build.
  await execFileAsync(process.execPath, [FIXTURE, reportFile], { cwd, env: childEnv, maxBuffer: 1 << 24 });
  return { report: JSON.parse(readFileSync(reportFile, 'utf8')) as Report, cwd };
}

/**
 * MLflow's SQL store keeps ±Infinity as ±max float64 (`SqlAlchemyStore.sanitize_metric_value`),
 * so a server backed by sqlite reads Infinity back as 1.7976931348623157e308, whoever logged it.
 */
const SQL_INFINITY = 1.7976931348623157e308;

function assertRunMatches(run: ReadBackRun, report: Report, store: 'sql' | 'file'): void {
  assert.equal(run.info.status, 'FINISHED');
  assert.ok(run.info.end_time && run.info.end_time >= run.info.start_time);
  assert.equal(run.info.run_name, 'log-everything');
  for (const [key, value] of Object.entries(report.params)) assert.equal(run.params[key], value, `param ${key}`);
  assert.equal(Object.keys(run.params).length, 10);
  assert.equal(run.tags.team, 'ml-platform');
  assert.equal(run.tags.stage, 'test');
  assert.equal(run.tags['nested/key'], 'slash');
  assert.equal(run.tags.purpose, 'round-trip');
  assert.equal(run.tags['mlflow.source.type'], 'LOCAL');
  assert.match(run.tags['mlflow.source.name'] ?? '', /log-everything\.js$/);
  assert.ok(run.tags['mlflow.user']);

  let points = 0;
  for (const [key, expected] of Object.entries(report.metrics)) {
    const history = [...(run.metrics[key] ?? [])].sort((a, b) => a.step - b.step);
    assert.equal(history.length, expected.length, `number of ${key} points`);
    history.forEach((point, i) => {
      assert.equal(point.step, expected[i]!.step, `${key} step at ${i}`);
      let want = expected[i]!.value;
      if (store === 'sql' && want === 'Infinity') want = SQL_INFINITY;
      if (store === 'sql' && want === '-Infinity') want = -SQL_INFINITY;
      if (typeof want === 'number' && typeof point.value === 'number') {
        assert.ok(Math.abs(point.value - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${key} value at step ${point.step}`);
      } else {
        assert.equal(point.value, want, `${key} value at step ${point.step}`);
      }
    });
    points += history.length;
  }
  assert.equal(points, 5000);
  assert.ok(run.metrics.loss!.some((p) => p.value === 'NaN'), 'a NaN point');
  assert.ok(run.metrics.accuracy!.some((p) => p.value === (store === 'sql' ? SQL_INFINITY : 'Infinity')), 'an Infinity point');

  const artifact = run.artifacts.find((a) => a.path === 'data/weights.bin');
  assert.ok(artifact, `artifact listed: ${JSON.stringify(run.artifacts)}`);
  assert.equal(artifact.file_size, report.bigBytes);
}

async function assertChild(uri: string, report: Report, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const child = await readRun(uri, report.childRunId, env);
  assert.equal(child.tags['mlflow.parentRunId'], report.runId);
  assert.equal(child.info.status, 'FINISHED');
  assert.deepEqual(child.metrics.child_metric?.map((p) => [p.step, p.value]), [[1, 42]]);
}

async function artifactDigest(uri: string, runId: string, env: NodeJS.ProcessEnv = {}): Promise<{ size: number; sha256: string }> {
  const out = await runPython([join(REPO_ROOT, 'test', 'python', 'artifact_sha256.py'), uri, runId, 'data/weights.bin'], env);
  return JSON.parse(out) as { size: number; sha256: string };
}

describe('logging a run end to end', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  test('a script logging params, tags, 5,000 metric points, a 50 MB artifact and a child run is read back exactly by MlflowClient from the tracking server', async () => {
    const { report } = await runScript({ MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: 'roundtrip-server' });
    assert.equal(report.trackingUri, serverUrl);
    const run = await readRun(serverUrl, report.runId);
    assertRunMatches(run, report, 'sql');
    await assertChild(serverUrl, report);
    assert.deepEqual(await artifactDigest(serverUrl, report.runId), { size: report.bigBytes, sha256: report.sha256 });
  });

  test("the same script with no tracking URI writes MLflow's default ./mlflow.db, which the pinned MLflow reads back identically", async () => {
    const { report, cwd } = await runScript({ MLFLOW_TRACKING_URI: undefined, MLFLOW_EXPERIMENT_NAME: undefined });
    assert.equal(report.trackingUri, `sqlite:///${join(cwd, 'mlflow.db')}`);
    const run = await readRun(report.trackingUri, report.runId);
    assertRunMatches(run, report, 'sql');
    assert.equal(run.info.experiment_id, '0');
    await assertChild(report.trackingUri, report);
    assert.deepEqual(await artifactDigest(report.trackingUri, report.runId), { size: report.bigBytes, sha256: report.sha256 });
    assert.ok(existsSync(join(cwd, 'mlruns', '0', report.runId, 'artifacts', 'data', 'weights.bin')), "artifacts are where MLflow's client puts them for a sqlite: URI");
  });

  test('an explicit ./mlruns folder keeps the file store, which the pinned MLflow reads back identically', async () => {
    const { report, cwd } = await runScript({ MLFLOW_TRACKING_URI: './mlruns', MLFLOW_EXPERIMENT_NAME: undefined });
    const root = join(cwd, 'mlruns');
    assert.equal(report.trackingUri, pathToFileURL(root).href);
    const env = { MLFLOW_ALLOW_FILE_STORE: 'true' };
    const run = await readRun(report.trackingUri, report.runId, env);
    assertRunMatches(run, report, 'file');
    assert.equal(run.info.experiment_id, '0');
    await assertChild(report.trackingUri, report, env);
    assert.deepEqual(await artifactDigest(report.trackingUri, report.runId, env), { size: report.bigBytes, sha256: report.sha256 });
  });
});
