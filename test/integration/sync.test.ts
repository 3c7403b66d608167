/**
 * `mlflow-autolog sync` copies a local SQLite store to the real tracking server: MLflow's client
 * reads the same runs, metric histories, tags, datasets, artifacts, logged models and
 * registrations on both sides; a second sync changes nothing; a sync killed halfway and run again
 * ends complete, with no run, point, model or version doubled.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { lastJson, runNode, type NodeResult } from '../harness/node';
import { REPO_ROOT, runPython } from '../harness/python';

const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const FILL = join(REPO_ROOT, 'test', 'fixtures', 'fill-local-store.js');
const PREDICT = join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js');
const ROWS = JSON.stringify([[1, 2, 0], [6, 4, 1], [3, 0, 0]]);

interface DumpedRun {
  key: string;
  status: string;
  metrics: Record<string, unknown[]>;
  models: unknown[];
}

/** A folder holding a local store filled by the fixture, and the names it used. */
async function filledStore(runs: number, points: number, store: 'sqlite' | 'file' = 'sqlite') {
  const cwd = mkdtempSync(join(tmpdir(), 'sync-source-'));
  const experiment = uniqueName('sync');
  // NB: a file store keeps no registry: its model is logged into the run's artifacts.
  const model = store === 'file' ? '-' : uniqueName('synced-forest');
  const env = { MLFLOW_TRACKING_URI: store === 'file' ? './mlruns' : '', MLFLOW_EXPERIMENT_NAME: experiment };
  const filled = await runNode([FILL, String(runs), String(points), model], env, cwd);
  assert.equal(filled.code, 0, filled.stderr);
  const ids = lastJson<{ runIds: string[]; modelId: string; version: string }>(filled.stdout);
  const source = store === 'file' ? pathToFileURL(join(cwd, 'mlruns')).href : `sqlite:///${join(cwd, 'mlflow.db')}`;
  return { cwd, experiment, model, ids, source };
}

async function dump(uri: string, experiment: string, model: string): Promise<DumpedRun[]> {
  return JSON.parse(await runPython([join(REPO_ROOT, 'test', 'python', 'dump_experiment.py'), uri, experiment, model], { MLFLOW_ALLOW_FILE_STORE: 'true' })) as DumpedRun[];
}

function sync(cwd: string, url: string, journal: string, ...args: string[]): Promise<NodeResult> {
  return runNode([CLI, 'sync', '--to', url, ...args], { MLFLOW_TRACKING_URI: '', MLFLOW_AUTOLOG_JOURNAL_DIR: journal }, cwd);
}

/** How many runs the experiment called `name` has on the server (one REST call, no client state). */
async function serverRunCount(url: string, name: string): Promise<number> {
  const found = await fetch(`${url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`);
  if (found.status === 404) return 0;
  const { experiment } = (await found.json()) as { experiment: { experiment_id: string } };
  const search = await fetch(`${url}/api/2.0/mlflow/runs/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ experiment_ids: [experiment.experiment_id], max_results: 100 }),
  });
  return ((await search.json()) as { runs?: unknown[] }).runs?.length ?? 0;
}

/** Every key once: a run copied twice would show up twice. */
function assertNoDuplicates(runs: DumpedRun[]): void {
  assert.equal(new Set(runs.map((r) => r.key)).size, runs.length, `runs copied twice: ${runs.map((r) => r.key).join(', ')}`);
}

describe('mlflow-autolog sync', () => {
  let url: string;
  before(async () => {
    url = (await testServer()).url;
  });

  test('copies every run, metric point, artifact, logged model and registration; a second sync changes nothing', async () => {
    const { cwd, experiment, model, ids, source } = await filledStore(3, 200);
    const journal = mkdtempSync(join(tmpdir(), 'sync-journal-'));
    const local = await dump(source, experiment, model);
    assert.equal(local.length, 5, 'three runs, a child and the forest run in the local store');

    const first = await sync(cwd, url, journal);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^5 run\(s\) copied to http:\/\/127\.0\.0\.1:\d+, 0 already there\n$/);
    const copied = await dump(url, experiment, model);
    assertNoDuplicates(copied);
    assert.deepEqual(copied, local, 'the server reads what the local store holds');
    const forest = copied.find((r) => r.models.length > 0)!;
    assert.equal((forest.models[0] as [number, { versions: unknown[] }])[1].versions.length, 1, 'the registration came along');

    // NB: the registered model, loaded from the server by its alias, predicts as the local one does.
    const there = await runNode([PREDICT, `models:/${model}@champion`, ROWS], { MLFLOW_TRACKING_URI: url }, cwd);
    const here = await runNode([PREDICT, `models:/${model}@champion`, ROWS], { MLFLOW_TRACKING_URI: '' }, cwd);
    assert.equal(there.code, 0, there.stderr);
    assert.equal(here.code, 0, here.stderr);
    assert.deepEqual(JSON.parse(there.stdout), JSON.parse(here.stdout));
    assert.ok(ids.modelId.startsWith('m-'));

    const second = await sync(cwd, url, journal);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^0 run\(s\) copied to .*, 5 already there\n$/);
    assert.deepEqual(await dump(url, experiment, model), copied, 'the second sync changed nothing');
  });

  test('copies a ./mlruns file store named by --from, its model in the run artifacts as MLflow 2 kept it', async () => {
    const { cwd, experiment, model, source } = await filledStore(2, 50, 'file');
    const journal = mkdtempSync(join(tmpdir(), 'sync-journal-'));
    const local = await dump(source, experiment, model);
    assert.equal(local.length, 4);
    assert.ok(local.some((run) => (run as unknown as { artifacts: string[][] }).artifacts.some(([path]) => path === 'model/MLmodel')), 'the model is in the run artifacts');
    const synced = await sync(cwd, url, journal, '--from', './mlruns', '--experiment', experiment);
    assert.equal(synced.code, 0, synced.stderr);
    assert.match(synced.stdout, /^4 run\(s\) copied/);
    const copied = await dump(url, experiment, model);
    assertNoDuplicates(copied);
    assert.deepEqual(copied, local);
  });

  test('a sync killed halfway, run again, ends complete with nothing doubled', async () => {
    const { cwd, experiment, model, source } = await filledStore(12, 1500);
    const journal = mkdtempSync(join(tmpdir(), 'sync-journal-'));
    const local = await dump(source, experiment, model);

    const child = spawn(process.execPath, [CLI, 'sync', '--to', url], {
      cwd,
      env: { ...process.env, MLFLOW_TRACKING_URI: '', MLFLOW_AUTOLOG_JOURNAL_DIR: journal },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let progress = '';
    child.stderr.on('data', (d: Buffer) => (progress += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // NB: killed in the middle of the second run: once the first is copied and the second exists on
    // the server (its data, artifacts, model and end still to come), with a dozen runs to go.
    await new Promise<void>((resolve, reject) => {
      const check = () => (/: copied \(1\/\d+\)/.test(progress) ? resolve() : undefined);
      child.stderr.on('data', check);
      child.on('exit', () => reject(new Error(`sync ended before it could be killed:\n${progress}`)));
    });
    while ((await serverRunCount(url, experiment)) < 2) await setImmediatePromise();
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    const partial = await dump(url, experiment, model);
    const complete = partial.filter((run) => local.some((l) => JSON.stringify(l) === JSON.stringify(run))).length;
    process.stdout.write(`sync killed with ${complete} of ${local.length} runs complete on the server, ${partial.length - complete} partly copied\n`);
    assert.ok(complete < local.length, 'the kill came before the end');

    const again = await sync(cwd, url, journal);
    assert.equal(again.code, 0, again.stderr);
    const copied = await dump(url, experiment, model);
    assertNoDuplicates(copied);
    assert.deepEqual(copied, local, 'complete, with no run, point, model or version doubled');
  });
});
