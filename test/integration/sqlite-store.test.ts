/**
 * The SQLite store against MLflow itself: runs logged through the public API with
 * `MLFLOW_TRACKING_URI=sqlite:///…` (in child processes, as a user runs a script) are read back by
 * the pinned MLflow's `MlflowClient('sqlite:///…')`; a database MLflow created is written by the
 * agent; eight processes log into one database at once. No server is involved.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { lastJson, runNode } from '../harness/node';
import { pythonJson, readRun, REPO_ROOT } from '../harness/python';

const base = mkdtempSync(join(tmpdir(), 'sqlite-store-it-'));
after(() => rmSync(base, { recursive: true, force: true }));
const DIST = JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'index.js'));

/**
 * `sqlite_master` of a database as MLflow's Python sees it (type, name, table, SQL), in order.
 * NB: the lines of each statement are sorted: MLflow's own batch rebuilds (alembic, with Python's
 * randomized set order) write the constraints of `runs` in a different order from one run to the next.
 */
const MASTER = (path: string) =>
  `import sqlite3, json; c = sqlite3.connect(${JSON.stringify(path)}); ` +
  `norm = lambda s: None if s is None else sorted(l.strip().rstrip(',').strip() for l in s.split(chr(10))); ` +
  `print(json.dumps([(t, n, tb, norm(s)) for t, n, tb, s in c.execute("select type, name, tbl_name, sql from sqlite_master order by type, name")]))`;

/** A training script that logs one full run through the public API and prints its id. */
const TRAIN = `
const { startRun, logParams, logMetric, setTag, logText, endRun, getClient } = require(${DIST});
(async () => {
  const run = await startRun({ runName: 'sqlite-run' });
  logParams({ lr: 0.01, layers: '[64,32]' });
  for (let step = 0; step < 5; step++) logMetric('loss', 1 / (step + 1), { step, timestamp: 1700000000000 + step });
  logMetric('odd', NaN, { step: 0, timestamp: 1700000000100 });
  logMetric('odd', 2.5, { step: 1, timestamp: 1700000000101 });
  setTag('team', 'ml');
  await logText('hello from node', 'notes/readme.txt');
  await getClient().logInputs(run.runId, [{
    dataset: { name: 'iris', digest: 'd1g3st', sourceType: 'local', source: '{"uri": "/data/iris.csv"}', schema: '{"mlflow_colspec": []}' },
    tags: [{ key: 'mlflow.data.context', value: 'training' }],
  }]);
  await endRun();
  console.log(JSON.stringify({ runId: run.runId, experimentId: run.info.experimentId, uri: getClient().trackingUri }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('the SQLite store read back by MLflow', () => {
  test('a run logged with MLFLOW_TRACKING_URI=sqlite:///mlflow.db is read by MlflowClient with every value', async () => {
    const dir = mkdtempSync(join(base, 'api-'));
    const { code, stdout, stderr } = await runNode(['-e', TRAIN], { MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db', MLFLOW_EXPERIMENT_NAME: 'sqlite-it' }, dir);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /ExperimentalWarning|warn/i);
    const { runId, experimentId, uri } = lastJson<{ runId: string; experimentId: string; uri: string }>(stdout);
    assert.equal(uri, `sqlite:///${dir}/mlflow.db`);
    // NB: the connection closed at exit and folded its write-ahead log into mlflow.db.
    assert.equal(existsSync(join(dir, 'mlflow.db-wal')), false, 'no WAL file is left after the process exits');
    const run = await readRun(uri, runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.info.run_name, 'sqlite-run');
    assert.equal(run.info.experiment_id, experimentId);
    assert.ok(run.info.end_time! >= run.info.start_time);
    assert.equal(run.info.artifact_uri, `${dir}/mlruns/${experimentId}/${runId}/artifacts`);
    assert.deepEqual(run.params, { lr: '0.01', layers: '[64,32]' });
    assert.equal(run.tags.team, 'ml');
    assert.equal(run.tags['mlflow.runName'], 'sqlite-run');
    assert.deepEqual(run.metrics.loss, [0, 1, 2, 3, 4].map((step) => ({ step, value: 1 / (step + 1), timestamp: 1700000000000 + step })));
    assert.deepEqual(run.metrics.odd, [{ step: 0, value: 'NaN', timestamp: 1700000000100 }, { step: 1, value: 2.5, timestamp: 1700000000101 }]);
    assert.deepEqual(run.artifacts.filter((a) => !a.is_dir).map((a) => [a.path, a.file_size]), [['notes/readme.txt', 15]]);
    assert.deepEqual(run.inputs.map((i) => [i.name, i.digest, i.source_type, i.tags]), [['iris', 'd1g3st', 'local', { 'mlflow.data.context': 'training' }]]);
  });

  test('a new database has the very sqlite_master MLflow creates, so MLflow opens it with no migration', async () => {
    const dir = mkdtempSync(join(base, 'schema-'));
    const ours = join(dir, 'ours.db');
    const script = `const { MlflowClient } = require(${DIST}); new MlflowClient({ trackingUri: 'sqlite:///ours.db' }).getExperiment('0').then((e) => console.log(JSON.stringify(e)));`;
    const made = await runNode(['-e', script], {}, dir);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(lastJson<{ artifactLocation: string }>(made.stdout).artifactLocation, `${dir}/mlruns/0`);
    const theirs = join(dir, 'theirs.db');
    await pythonJson(`import json; from mlflow import MlflowClient; MlflowClient('sqlite:///${theirs}').search_experiments(); print(json.dumps(0))`);
    const [oursMaster, theirsMaster] = await Promise.all([pythonJson<unknown[]>(MASTER(ours)), pythonJson<unknown[]>(MASTER(theirs))]);
    assert.equal(oursMaster.length, theirsMaster.length);
    assert.deepEqual(oursMaster, theirsMaster);
    // NB: MLflow logs "Creating initial MLflow database tables" (or "Updating") when it migrates.
    const opened = await pythonJson<{ revision: string; experiments: string[] }>(
      `import json, logging, sqlite3; logging.basicConfig(level=logging.INFO); from mlflow import MlflowClient\n` +
        `names = [e.name for e in MlflowClient('sqlite:///${ours}').search_experiments()]\n` +
        `print(json.dumps({"revision": sqlite3.connect(${JSON.stringify(ours)}).execute("select version_num from alembic_version").fetchone()[0], "experiments": names}))`,
    );
    assert.deepEqual(opened, { revision: 'f4a9b2c7d1e6', experiments: ['Default'] });
  });

  test('a database MLflow created and logged into is written by the agent and read back by MLflow', async () => {
    const dir = mkdtempSync(join(base, 'theirs-'));
    const db = join(dir, 'mlflow.db');
    const made = await pythonJson<{ experimentId: string; runId: string }>(
      `import json, mlflow; mlflow.set_tracking_uri('sqlite:///${db}'); e = mlflow.set_experiment('made-by-mlflow')\n` +
        `with mlflow.start_run() as r:\n    mlflow.log_param('by', 'python'); mlflow.log_metric('m', 1.0)\n` +
        `print(json.dumps({"experimentId": e.experiment_id, "runId": r.info.run_id}))`,
    );
    const { code, stdout, stderr } = await runNode(['-e', TRAIN], { MLFLOW_TRACKING_URI: `sqlite:///${db}`, MLFLOW_EXPERIMENT_NAME: 'made-by-mlflow' }, dir);
    assert.equal(code, 0, stderr);
    const { runId, experimentId } = lastJson<{ runId: string; experimentId: string }>(stdout);
    assert.equal(experimentId, made.experimentId);
    const run = await readRun(`sqlite:///${db}`, runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.deepEqual(run.params, { lr: '0.01', layers: '[64,32]' });
    assert.equal(run.metrics.loss?.length, 5);
    const theirs = await readRun(`sqlite:///${db}`, made.runId);
    assert.deepEqual(theirs.params, { by: 'python' });
    const runs = await pythonJson<string[]>(
      `import json; from mlflow import MlflowClient; c = MlflowClient('sqlite:///${db}')\n` +
        `print(json.dumps(sorted(r.info.run_id for r in c.search_runs([${JSON.stringify(made.experimentId)}]))))`,
    );
    assert.deepEqual(runs, [made.runId, runId].sort());
  });

  test('eight processes logging 20,000 points each into one new database lose none, and latest_metrics is right', async () => {
    const dir = mkdtempSync(join(base, 'concurrent-'));
    const points = 20_000;
    const worker = `
const { startRun, logMetric, endRun } = require(${DIST});
(async () => {
  const run = await startRun({ runName: 'worker-' + process.env.WORKER });
  for (let step = 0; step < ${points}; step++) logMetric('loss', step * 0.5, { step, timestamp: 1700000000000 + step });
  await endRun();
  console.log(JSON.stringify({ runId: run.runId }));
})().catch((e) => { console.error(e); process.exit(1); });
`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runNode(['-e', worker], { MLFLOW_TRACKING_URI: 'sqlite:///shared.db', MLFLOW_EXPERIMENT_NAME: 'concurrent', WORKER: String(i) }, dir),
      ),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const runIds = results.map((r) => lastJson<{ runId: string }>(r.stdout).runId);
    assert.equal(new Set(runIds).size, 8);
    const db = join(dir, 'shared.db');
    const counts = await pythonJson<{ total: number; runs: Record<string, { history: number; steps: number; latest: number; status: string }> }>(
      `import json, sqlite3; from mlflow import MlflowClient; c = MlflowClient('sqlite:///${db}')\n` +
        `runs = {}\n` +
        `for rid in ${JSON.stringify(runIds)}:\n` +
        `    h = c.get_metric_history(rid, 'loss'); r = c.get_run(rid)\n` +
        `    runs[rid] = {"history": len(h), "steps": len({m.step for m in h}), "latest": r.data.metrics["loss"], "status": r.info.status}\n` +
        `total = sqlite3.connect(${JSON.stringify(db)}).execute("select count(*) from metrics").fetchone()[0]\n` +
        `print(json.dumps({"total": total, "runs": runs}))`,
    );
    assert.equal(counts.total, 8 * points);
    for (const runId of runIds) {
      assert.deepEqual(counts.runs[runId], { history: points, steps: points, latest: (points - 1) * 0.5, status: 'FINISHED' });
    }
    const latest = await pythonJson<[number, number, number][]>(
      `import json, sqlite3; print(json.dumps(sqlite3.connect(${JSON.stringify(db)}).execute("select step, timestamp, is_nan from latest_metrics").fetchall()))`,
    );
    assert.deepEqual(latest, Array.from({ length: 8 }, () => [points - 1, 1700000000000 + points - 1, 0]));
  });
});
