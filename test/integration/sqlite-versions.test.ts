/**
 * Databases of three MLflow releases (the oldest 3.x the agent writes, 3.7; a middle one, 3.12,
 * past 3.10's workspace columns; the pinned 3.18) made by that release's `mlflow db upgrade`,
 * written by the agent's `SqliteStore` (a run with params, tags, metric histories with NaN and
 * ±Infinity, dataset inputs; a logged model, a registered version and an alias through its model
 * store), and read back by that same release's `MlflowClient`: every value, and the schema revision
 * left as it was (the agent never migrates, and MLflow opened the database without migrating it).
 *
 * The older releases come from scripts/install-mlflow-versions.sh (test/harness/mlflow-versions.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite';
import type { Metric } from '../../src/store/types';
import { installedRelease, PINNED_RELEASE, releaseJson, releaseMissing, runRelease, type MlflowRelease } from '../harness/mlflow-versions';
import { REPO_ROOT } from '../harness/python';

const RELEASES: MlflowRelease[] = [
  installedRelease('3.7.0', 'bf29a5ff90ea', false),
  installedRelease('3.12.0', '7d34483879f0', false),
  PINNED_RELEASE,
];

const base = mkdtempSync(join(tmpdir(), 'sqlite-versions-it-'));
after(() => rmSync(base, { recursive: true, force: true }));

const T = 1_700_000_000_000;
/** MLflow stores ±Infinity as ±DBL_MAX (`sanitize_metric_value`) and reads that back. */
const MAX = Number.MAX_VALUE;
const READER = join(REPO_ROOT, 'test', 'python', 'read_sqlite_release.py');

/** What a release's Python sees of the database file, without opening it through MLflow. */
const peek = (release: MlflowRelease, db: string, dir: string) =>
  releaseJson<{ revision: string; experiments: [number, string, string][] }>(
    release,
    `import json, sqlite3; c = sqlite3.connect(${JSON.stringify(db)})\n` +
      `print(json.dumps({"revision": c.execute("select version_num from alembic_version").fetchone()[0], ` +
      `"experiments": c.execute("select experiment_id, name, artifact_location from experiments order by experiment_id").fetchall()}))`,
    dir,
  );

/**
 * A new database made by the release's `mlflow db upgrade`. Before 3.14 that command fails on an
 * empty file (its first migration alters `metrics`, which is not there yet: checked below), so a
 * user of such a release gets a new database the way that release makes one: its client (or
 * server) creates every table, stamps its head and adds experiment 0 on first use. `mlflow db
 * upgrade` then runs on it as on any existing database (a no-op at the head).
 */
async function createDatabase(release: MlflowRelease, dir: string): Promise<string> {
  const db = join(dir, 'mlflow.db');
  if (!release.upgradesEmptyFile) {
    const empty = join(dir, 'empty.db');
    await assert.rejects(runRelease(release, ['-m', 'mlflow', 'db', 'upgrade', `sqlite:///${empty}`], dir), /no such table: metrics/);
    await releaseJson(release, `from mlflow import MlflowClient; MlflowClient('sqlite:///${db}').search_experiments(); print(0)`, dir);
  }
  await runRelease(release, ['-m', 'mlflow', 'db', 'upgrade', `sqlite:///${db}`], dir);
  return db;
}

interface ReadBack {
  mlflow_version: string;
  mlflow_file: string;
  revision_before: string;
  revision_after: string;
  experiment: { experiment_id: string; name: string; artifact_location: string; lifecycle_stage: string; tags: Record<string, string> };
  experiments: [string, string][];
  by_name: string;
  run: { info: Record<string, unknown>; params: Record<string, string>; tags: Record<string, string>; metrics: Record<string, number | string> };
  histories: Record<string, { step: number; value: number | string; timestamp: number }[]>;
  search: Record<string, unknown>[];
  search_data: { params: Record<string, string>; metrics: Record<string, number | string> }[];
  search_filtered: string[];
  search_none: string[];
  inputs: { name: string; digest: string; source_type: string; source: string; schema: string | null; profile: string | null; tags: Record<string, string> }[];
  outputs: { model_id: string; step: number }[];
  models: {
    logged_model: Record<string, unknown>;
    searched_models: string[];
    registered_model: { name: string; aliases: Record<string, string | number> };
    model_version: Record<string, unknown>;
    version_by_alias: string;
    download_uri: string;
  };
}

const LONG_PARAM = 'p'.repeat(6000);
const UNICODE = 'π ≈ 3.14159 — ünïcødé ✓ 日本語';
const LONG_TAG = 't'.repeat(5000);

/** Every point logged, in the order logged (each key's timestamps increase, as MLflow orders its history). */
const POINTS: Metric[] = [
  ...[0, 1, 2, 3, 4].map((step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: T + step })),
  { key: 'acc', value: 0.5, step: 0, timestamp: T },
  { key: 'acc', value: 0.6, step: 0, timestamp: T + 5 },
  { key: 'acc', value: 0.7, step: 1, timestamp: T + 6 },
  { key: 'odd', value: NaN, step: 0, timestamp: T + 10 },
  { key: 'odd', value: Infinity, step: 1, timestamp: T + 11 },
  { key: 'odd', value: -Infinity, step: 2, timestamp: T + 12 },
  { key: 'odd', value: 2.5, step: 3, timestamp: T + 13 },
  { key: 'nan_last', value: 1, step: 0, timestamp: T + 20 },
  { key: 'nan_last', value: NaN, step: 1, timestamp: T + 21 },
  { key: 'inf_last', value: -1, step: 0, timestamp: T + 30 },
  { key: 'inf_last', value: Infinity, step: 1, timestamp: T + 31 },
  { key: 'big_step', value: 3, step: 2 ** 40, timestamp: T + 40 },
];

/** A point as MLflow's client returns it (read_sqlite_release.py prints NaN and ±inf as strings). */
const asRead = (m: Metric) => ({
  step: m.step,
  value: Number.isNaN(m.value) ? 'NaN' : m.value === Infinity ? MAX : m.value === -Infinity ? -MAX : m.value,
  timestamp: m.timestamp,
});

const LATEST = { loss: 0.2, acc: 0.7, odd: 2.5, nan_last: 'NaN', inf_last: MAX, big_step: 3 };

describe('MLflow SQLite databases of three releases, written by the agent and read back by that release', () => {
  for (const release of RELEASES) {
    test(`MLflow ${release.version}: a database made by its \`mlflow db upgrade\` is written by SqliteStore and read back by its MlflowClient`, async () => {
      const missing = releaseMissing(release);
      assert.equal(missing, undefined, missing);
      const dir = mkdtempSync(join(base, `v${release.version}-`));
      const db = await createDatabase(release, dir);
      const made = await peek(release, db, dir);
      assert.equal(made.revision, release.head, `MLflow ${release.version}'s head`);
      // NB: `mlflow db upgrade` adds no experiment; the client that made an older release's database added 0.
      assert.deepEqual(made.experiments, release.upgradesEmptyFile ? [] : [[0, 'Default', `${dir}/mlruns/0`]]);

      const store = new SqliteStore(db, { artifactRoot: join(dir, 'mlruns') });
      const experimentName = `versions-${release.version}`;
      const experimentId = await store.createExperiment(experimentName, { tags: [{ key: 'project', value: 'versions' }] });
      const info = await store.createRun({
        experimentId,
        userId: 'alice',
        runName: `run-${release.version}`,
        startTime: T - 1000,
        tags: [{ key: 'mlflow.source.type', value: 'LOCAL' }, { key: 'mlflow.source.name', value: 'train.js' }],
      });
      const runId = info.runId;
      const params = { lr: '0.01', layers: '[64,32]', long: LONG_PARAM, unicode: UNICODE };
      // NB: two batches, so latest_metrics is also updated across calls.
      await store.logBatch(runId, {
        params: Object.entries(params).map(([key, value]) => ({ key, value })),
        tags: [{ key: 'team', value: 'ml' }, { key: 'note', value: UNICODE }, { key: 'long', value: LONG_TAG }],
        metrics: POINTS.slice(0, 3),
      });
      await store.logBatch(runId, { params: [], tags: [], metrics: POINTS.slice(3) });
      await store.logInputs(runId, [
        {
          dataset: { name: 'iris', digest: 'd1g3st', sourceType: 'local', source: '{"uri": "/data/iris.csv"}', schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 150}' },
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
        },
        { dataset: { name: 'iris-eval', digest: 'e7a1', sourceType: 'http', source: '{"url": "https://example.com/iris-eval.csv"}' }, tags: [] },
      ]);

      // A logged model (with params, tags and a metric of the run), the run's output, a registered
      // version of it and an alias, through the store's model store.
      const models = store.models;
      const registeredName = `clf-${release.version}`;
      const model = await models.createLoggedModel({
        experimentId, name: 'clf', modelType: 'custom', sourceRunId: runId, params: { alpha: '0.5' }, tags: { stage: 'dev' },
      });
      const modelId = model.info.model_id;
      await models.logLoggedModelParams(modelId, { beta: '2' });
      await models.setLoggedModelTags(modelId, { owner: 'alice' });
      await store.logBatch(runId, {
        params: [], tags: [],
        metrics: [{ key: 'val_acc', value: 0.9, step: 4, timestamp: T + 50, modelId, datasetName: 'iris', datasetDigest: 'd1g3st' }],
      });
      await store.logOutputs(runId, [{ modelId, step: 4 }]);
      await models.finalizeLoggedModel(modelId, 'LOGGED_MODEL_READY');
      await models.createRegisteredModel(registeredName);
      const version = await models.createModelVersion({ name: registeredName, source: `models:/${modelId}`, runId, modelId, tags: { validated: 'yes' } });
      assert.equal(version.version, '1');
      await models.setRegisteredModelAlias(registeredName, 'champion', '1');

      await store.updateRun(runId, { status: 'FINISHED', endTime: T + 60_000 });
      store.close();
      assert.equal((await peek(release, db, dir)).revision, release.head, 'the agent left the revision alone');

      const spec = JSON.stringify({ model_id: modelId, registered_name: registeredName, version: '1', alias: 'champion' });
      const out = await runRelease(release, [READER, db, experimentId, runId, spec], dir);
      const read = JSON.parse(out.trim().split('\n').pop()!) as ReadBack;

      assert.equal(read.mlflow_version, release.version, `read by MLflow ${release.version} (${read.mlflow_file})`);
      if (release.pythonPath) assert.ok(read.mlflow_file.startsWith(release.pythonPath), read.mlflow_file);
      assert.equal(read.revision_before, release.head);
      assert.equal(read.revision_after, release.head, `MLflow ${release.version} opened the database with no migration`);

      const experimentLocation = `${dir}/mlruns/${experimentId}`;
      assert.deepEqual(read.experiment, {
        experiment_id: experimentId, name: experimentName, artifact_location: experimentLocation, lifecycle_stage: 'active', tags: { project: 'versions' },
      });
      // NB: for the 3.18 database the agent added experiment 0, as MLflow's store does on first open.
      assert.deepEqual(read.experiments, [['0', 'Default'], [experimentId, experimentName]]);
      assert.equal(read.by_name, experimentId);

      const runInfo = {
        run_id: runId, run_name: `run-${release.version}`, experiment_id: experimentId, status: 'FINISHED',
        start_time: T - 1000, end_time: T + 60_000, user_id: 'alice',
        artifact_uri: `${experimentLocation}/${runId}/artifacts`, lifecycle_stage: 'active',
      };
      assert.deepEqual(read.run.info, runInfo);
      assert.deepEqual(read.run.params, params);
      assert.deepEqual(read.run.tags, {
        'mlflow.runName': `run-${release.version}`, 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'train.js',
        team: 'ml', note: UNICODE, long: LONG_TAG,
      });
      const latest = { ...LATEST, val_acc: 0.9 };
      assert.deepEqual(read.run.metrics, latest);
      const histories: Record<string, unknown[]> = {};
      for (const point of POINTS) (histories[point.key] ??= []).push(asRead(point));
      histories.val_acc = [{ step: 4, value: 0.9, timestamp: T + 50 }];
      assert.deepEqual(read.histories, histories);

      assert.deepEqual(read.search, [runInfo]);
      assert.deepEqual(read.search_data, [{ params, metrics: latest }]);
      assert.deepEqual(read.search_filtered, [runId], 'filtered in SQL on params, tags, latest metrics and status');
      assert.deepEqual(read.search_none, []);

      assert.deepEqual(read.inputs, [
        { name: 'iris', digest: 'd1g3st', source_type: 'local', source: '{"uri": "/data/iris.csv"}', schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 150}', tags: { 'mlflow.data.context': 'training' } },
        { name: 'iris-eval', digest: 'e7a1', source_type: 'http', source: '{"url": "https://example.com/iris-eval.csv"}', schema: null, profile: null, tags: {} },
      ]);

      const m = read.models;
      const modelLocation = `${experimentLocation}/models/${modelId}/artifacts`;
      assert.deepEqual(read.outputs, [{ model_id: modelId, step: 4 }]);
      assert.deepEqual(m.logged_model, {
        model_id: modelId, experiment_id: experimentId, name: 'clf', artifact_location: modelLocation, status: 'READY',
        model_type: 'custom', source_run_id: runId, params: { alpha: '0.5', beta: '2' },
        // NB: the tag `mlflow.register_model` sets on a registered logged model, in MLflow's JSON spelling.
        tags: { stage: 'dev', owner: 'alice', 'mlflow.modelVersions': `[{"name": "${registeredName}", "version": 1}]` },
        metrics: [{ key: 'val_acc', value: 0.9, step: 4, timestamp: T + 50, run_id: runId, dataset_name: 'iris', dataset_digest: 'd1g3st', model_id: modelId }],
      });
      assert.deepEqual(m.searched_models, [modelId]);
      assert.equal(m.registered_model.name, registeredName);
      assert.deepEqual(Object.fromEntries(Object.entries(m.registered_model.aliases).map(([k, v]) => [k, String(v)])), { champion: '1' });
      assert.deepEqual(m.model_version, {
        name: registeredName, version: '1', source: `models:/${modelId}`, run_id: runId, status: 'READY',
        // NB: MLflow's SQL registry has no model_id column, so its client reads None here even for a version
        // MLflow registers itself (checked with 3.7 and 3.18); the link to the logged model is the source.
        model_id: null, tags: { validated: 'yes' }, aliases: ['champion'], current_stage: 'None',
      });
      assert.equal(m.version_by_alias, '1');
      assert.equal(m.download_uri, modelLocation);
    });
  }
});
