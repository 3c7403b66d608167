/**
 * The SQLite store on its own: the rows it writes in MLflow's schema, the rules it shares with the
 * file store (write-once params, errors and their codes), which existing databases it accepts, the
 * `sqlite:` URIs, and how the driver loads. Every store test runs with each driver this Node has
 * (`@photostructure/sqlite` always, `node:sqlite` from 22.13). MLflow reading the database back is
 * tested in test/integration/sqlite-store.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { resolveTarget } from '../../src/config/config';
import { ConfigError, MlflowRestError, ValidationError } from '../../src/errors';
import { loadBuiltin, loadFallback, type LoadedDriver, type SqlRow } from '../../src/store/sqlite/driver';
import { SqliteSchemaError } from '../../src/store/sqlite/schema';
import { HEAD_DDL, HEAD_REVISION } from '../../src/store/sqlite/schema-ddl';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { runNode } from '../harness/node';
import { setSilent } from '../../src/util/logger';

setSilent(true);

const base = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
after(() => rmSync(base, { recursive: true, force: true }));
const newDir = () => mkdtempSync(join(base, 'case-'));

const drivers: LoadedDriver[] = [loadFallback(), ...[loadBuiltin()].filter((d): d is LoadedDriver => d !== undefined)];

function rejectsWith(code: string, status: number, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof MlflowRestError, `expected an MlflowRestError, got ${String(error)}`);
    assert.equal(error.errorCode, code);
    assert.equal(error.httpStatus, status);
    if (message) assert.match(error.message, message);
    return true;
  };
}

for (const driver of drivers) {
  /** A store on a new database in its own folder, with artifacts under `<folder>/mlruns`. */
  const newStore = (dir = newDir()) => new SqliteStore(join(dir, 'mlflow.db'), { artifactRoot: join(dir, 'mlruns'), driver });
  /** Rows of the store's database, read with a connection of its own. */
  const query = (store: SqliteStore, sql: string, ...params: (string | number)[]): SqlRow[] => {
    const db = new driver.module.DatabaseSync(store.location);
    try {
      // NB: the drivers return null-prototype rows; plain objects compare with deepEqual.
      return db.prepare(sql).all(...params).map((row) => ({ ...row }));
    } finally {
      db.close();
    }
  };
  const exec = (path: string, sql: string) => {
    const db = new driver.module.DatabaseSync(path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  async function newRun(store: SqliteStore, runName = 'r') {
    const experimentId = await store.createExperiment(`exp-${Math.random()}`);
    const info = await store.createRun({ experimentId, userId: 'alice', startTime: 1000, tags: [], runName });
    return { experimentId, info };
  }

  describe(`a new SQLite database (${driver.name})`, () => {
    test('holds every table, index and trigger of MLflow\'s head, its revision, the default workspace and experiment 0', async () => {
      const dir = newDir();
      const store = newStore(dir);
      assert.equal(await store.getExperimentByName('nope'), undefined);
      assert.equal(store.driverName, driver.name);
      const counts = Object.fromEntries(
        query(store, "SELECT type, count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' GROUP BY type").map((r) => [r.type, r.n]),
      );
      assert.deepEqual(counts, { index: 89, table: 71, trigger: 1 });
      assert.equal(HEAD_DDL.length, 161);
      assert.deepEqual(query(store, 'SELECT version_num FROM alembic_version'), [{ version_num: HEAD_REVISION }]);
      assert.deepEqual(query(store, 'SELECT name FROM workspaces'), [{ name: 'default' }]);
      const [zero] = query(store, 'SELECT * FROM experiments');
      assert.equal(zero?.experiment_id, 0);
      assert.equal(zero?.name, 'Default');
      assert.equal(zero?.artifact_location, `${dir}/mlruns/0`);
      assert.equal(zero?.lifecycle_stage, 'active');
      assert.equal(zero?.workspace, 'default');
      assert.deepEqual(query(store, 'PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
      store.close();
    });

    test('the default artifact root is ./mlruns of the working folder, as a plain absolute path', async () => {
      const store = new SqliteStore(join(newDir(), 'x.db'), { driver });
      assert.equal((await store.getExperiment('0')).artifactLocation, join(process.cwd(), 'mlruns', '0'));
      store.close();
    });
  });

  describe(`experiments in the SQLite store (${driver.name})`, () => {
    test('a new experiment takes the next integer id, <root>/<id> as its artifact location, and its tags', async () => {
      const dir = newDir();
      const store = newStore(dir);
      const id = await store.createExperiment('my exp', { tags: [{ key: 'team', value: 'ml' }, { key: 'team', value: 'ai' }] });
      assert.equal(id, '1');
      assert.equal(await store.createExperiment('second'), '2');
      const experiment = await store.getExperiment(id);
      assert.equal(experiment.name, 'my exp');
      assert.equal(experiment.artifactLocation, `${dir}/mlruns/1`);
      assert.deepEqual(experiment.tags, [{ key: 'team', value: 'ai' }]);
      assert.equal((await store.getExperimentByName('my exp'))?.experimentId, '1');
      const s3 = await store.createExperiment('s3', { artifactLocation: 's3://bucket/path' });
      const run = await store.createRun({ experimentId: s3, userId: 'u', startTime: 1, tags: [] });
      assert.equal(run.artifactUri, `s3://bucket/path/${run.runId}/artifacts`);
    });

    test('a taken name is RESOURCE_ALREADY_EXISTS; an unknown id is RESOURCE_DOES_NOT_EXIST; bad ids and names are refused', async () => {
      const store = newStore();
      await store.createExperiment('dup');
      await assert.rejects(store.createExperiment('dup'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400, /Experiment 'dup' already exists/));
      await assert.rejects(store.createExperiment('Default'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400));
      await assert.rejects(store.getExperiment('12345'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, /Could not find experiment with ID 12345/));
      await assert.rejects(store.getExperiment('abc'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      await assert.rejects(store.getExperiment('../0'), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      await assert.rejects(store.createExperiment('  '), rejectsWith('INVALID_PARAMETER_VALUE', 400));
    });

    test('simultaneous creations of one name through separate store objects make one experiment', async () => {
      const dir = newDir();
      const stores = Array.from({ length: 6 }, () => newStore(dir));
      const results = await Promise.allSettled(stores.map((s) => s.createExperiment('race')));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') rejectsWith('RESOURCE_ALREADY_EXISTS', 400)(r.reason);
      assert.deepEqual(query(stores[0]!, "SELECT count(*) AS n FROM experiments WHERE name = 'race'"), [{ n: 1 }]);
      for (const s of stores) s.close();
    });
  });

  describe(`runs in the SQLite store (${driver.name})`, () => {
    test('a new run has a 32-hex id and the row MLflow\'s create_run writes, with its name as the mlflow.runName tag', async () => {
      const dir = newDir();
      const store = newStore(dir);
      const { experimentId, info } = await newRun(store, 'first');
      assert.match(info.runId, /^[0-9a-f]{32}$/);
      assert.equal(info.artifactUri, `${dir}/mlruns/${experimentId}/${info.runId}/artifacts`);
      assert.deepEqual({ ...query(store, 'SELECT * FROM runs')[0] }, {
        run_uuid: info.runId, name: 'first', source_type: 'UNKNOWN', source_name: '', entry_point_name: '', user_id: 'alice',
        status: 'RUNNING', start_time: 1000, end_time: null, source_version: '', lifecycle_stage: 'active',
        artifact_uri: info.artifactUri, experiment_id: Number(experimentId), deleted_time: null,
      });
      assert.deepEqual(query(store, 'SELECT "key", value FROM tags').map((r) => ({ ...r })), [{ key: 'mlflow.runName', value: 'first' }]);
    });

    test('a run without a name gets a generated one; a name contradicting the tag is refused', async () => {
      const store = newStore();
      const info = await store.createRun({ experimentId: '0', userId: 'u', startTime: 5, tags: [] });
      assert.match(info.runName, /^[a-z]+-[a-z]+-\d{1,4}$/);
      assert.equal((await store.getRun(info.runId)).data.tags.find((t) => t.key === 'mlflow.runName')?.value, info.runName);
      const request = { experimentId: '0', userId: 'u', startTime: 5, runName: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] };
      await assert.rejects(store.createRun(request), rejectsWith('INVALID_PARAMETER_VALUE', 400));
    });

    test('unknown runs are RESOURCE_DOES_NOT_EXIST, run ids with paths are refused, an unknown experiment has no runs', async () => {
      const store = newStore();
      await assert.rejects(store.getRun('0123456789abcdef0123456789abcdef'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, /Run '0123456789abcdef0123456789abcdef' not found/));
      await assert.rejects(store.logBatch('../../etc', { metrics: [], params: [], tags: [] }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      await assert.rejects(store.createRun({ experimentId: '42', userId: 'u', startTime: 1, tags: [] }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
    });

    test('NaN is stored as 0 with is_nan and ±Inf as ±1.797e308, as MLflow stores them, and history keeps every point', async () => {
      const store = newStore();
      const { info } = await newRun(store);
      const values = [1.5, 3, NaN, Infinity, -Infinity, 1e20];
      await store.logBatch(info.runId, {
        metrics: values.map((value, step) => ({ key: 'loss/val', value, timestamp: 100 + step, step })),
        params: [],
        tags: [],
      });
      const stored = query(store, 'SELECT value, is_nan, step, timestamp FROM metrics ORDER BY step').map((r) => [r.value, r.is_nan]);
      assert.deepEqual(stored, [[1.5, 0], [3, 0], [0, 1], [1.7976931348623157e308, 0], [-1.7976931348623157e308, 0], [1e20, 0]]);
      const history = await store.getMetricHistory(info.runId, 'loss/val');
      assert.deepEqual(history.map((m) => m.value), [1.5, 3, NaN, 1.7976931348623157e308, -1.7976931348623157e308, 1e20]);
      assert.deepEqual(history.map((m) => m.timestamp), [100, 101, 102, 103, 104, 105]);
      await assert.rejects(
        store.logBatch(info.runId, { metrics: [{ key: 'x', value: 1, timestamp: 1.5, step: 0 }], params: [], tags: [] }),
        ValidationError,
      );
    });

    test('an exact duplicate point is stored once, and latest_metrics follows MLflow\'s (step, timestamp, value) rule across batches', async () => {
      const store = newStore();
      const { info } = await newRun(store);
      const log = (metrics: { value: number; timestamp: number; step: number }[]) =>
        store.logBatch(info.runId, { metrics: metrics.map((m) => ({ key: 'm', ...m })), params: [], tags: [] });
      await log([{ value: 9, timestamp: 50, step: 1 }, { value: 9, timestamp: 50, step: 1 }, { value: 7, timestamp: 10, step: 3 }]);
      await log([{ value: 8, timestamp: 20, step: 3 }, { value: 1, timestamp: 99, step: 2 }]);
      await log([{ value: NaN, timestamp: 20, step: 3 }]);
      assert.equal(query(store, 'SELECT count(*) AS n FROM metrics')[0]?.n, 5);
      const latest = query(store, 'SELECT "key", value, step, timestamp, is_nan FROM latest_metrics').map((r) => ({ ...r }));
      // NB: NaN is stored as 0, which is not greater than 8 at the same step and timestamp.
      assert.deepEqual(latest, [{ key: 'm', value: 8, step: 3, timestamp: 20, is_nan: 0 }]);
      await log([{ value: NaN, timestamp: 21, step: 3 }]);
      const run = await store.getRun(info.runId);
      assert.equal(run.data.metrics.length, 1);
      assert.ok(Number.isNaN(run.data.metrics[0]!.value));
      assert.equal(run.data.metrics[0]!.timestamp, 21);
    });

    test('a param may be logged again with the same value; a different value is refused and the batch writes nothing', async () => {
      const store = newStore();
      const { info } = await newRun(store);
      await store.logBatch(info.runId, { metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
      await store.logBatch(info.runId, { metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
      await assert.rejects(
        store.logBatch(info.runId, {
          metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }],
          params: [{ key: 'a_new', value: '1' }, { key: 'lr', value: '0.2' }],
          tags: [{ key: 't', value: 'x' }],
        }),
        rejectsWith('INVALID_PARAMETER_VALUE', 400, /Changing param values is not allowed. Param with key='lr' was already logged with value='0.1'/),
      );
      const run = await store.getRun(info.runId);
      assert.deepEqual(run.data.params, [{ key: 'lr', value: '0.1' }]);
      assert.deepEqual(run.data.metrics, []);
      assert.equal(run.data.tags.some((t) => t.key === 't'), false);
      await assert.rejects(
        store.logBatch(info.runId, { metrics: [], params: [{ key: 'd', value: '1' }, { key: 'd', value: '1' }], tags: [] }),
        rejectsWith('INVALID_PARAMETER_VALUE', 400),
      );
    });

    test('tags overwrite, and the mlflow.runName tag renames the run', async () => {
      const store = newStore();
      const { info } = await newRun(store, 'before');
      await store.setTag(info.runId, { key: 'stage', value: 'one' });
      await store.logBatch(info.runId, { metrics: [], params: [], tags: [{ key: 'stage', value: 'two\nlines' }] });
      await store.setTag(info.runId, { key: 'mlflow.runName', value: 'after' });
      const run = await store.getRun(info.runId);
      assert.equal(run.data.tags.find((t) => t.key === 'stage')?.value, 'two\nlines');
      assert.equal(run.info.runName, 'after');
      assert.equal(query(store, 'SELECT name FROM runs')[0]?.name, 'after');
      for (const key of ['a/', 'a/./b', '../up', '/abs']) {
        await assert.rejects(store.setTag(info.runId, { key, value: 'v' }), ValidationError, key);
      }
    });

    test('updateRun stores the status name, the end time and a new name (also as the tag)', async () => {
      const store = newStore();
      const { info } = await newRun(store);
      const updated = await store.updateRun(info.runId, { status: 'FINISHED', endTime: 2000, runName: 'done' });
      assert.equal(updated.status, 'FINISHED');
      assert.deepEqual({ ...query(store, 'SELECT status, end_time, name FROM runs')[0] }, { status: 'FINISHED', end_time: 2000, name: 'done' });
      await store.updateRun(info.runId, { status: 'KILLED' });
      assert.deepEqual({ ...query(store, 'SELECT status, end_time FROM runs')[0] }, { status: 'KILLED', end_time: 2000 });
      assert.equal((await store.getRun(info.runId)).data.tags.find((t) => t.key === 'mlflow.runName')?.value, 'done');
    });

    test('logInputs writes one dataset per name and digest, one input per run with its tags, and model inputs once', async () => {
      const store = newStore();
      const { info } = await newRun(store);
      const other = await store.createRun({ experimentId: info.experimentId, userId: 'u', startTime: 2, tags: [] });
      const dataset = { name: 'ds', digest: 'abc123', sourceType: 'local', source: '{"uri": "/tmp/x.csv"}', schema: '{"a":1}' };
      const input = { dataset, tags: [{ key: 'mlflow.data.context', value: 'train' }] };
      await store.logInputs(info.runId, [input, { dataset, tags: [{ key: 'mlflow.data.context', value: 'eval' }] }], [{ modelId: 'm-in' }]);
      await store.logInputs(info.runId, [input], [{ modelId: 'm-in' }]);
      await store.logInputs(other.runId, [input]);
      assert.equal(query(store, 'SELECT count(*) AS n FROM datasets')[0]?.n, 1);
      assert.deepEqual(
        query(store, 'SELECT source_type, destination_type, destination_id FROM inputs ORDER BY rowid').map((r) => [r.source_type, r.destination_type, r.destination_id]),
        [['DATASET', 'RUN', info.runId], ['RUN_INPUT', 'MODEL_INPUT', 'm-in'], ['DATASET', 'RUN', other.runId]],
      );
      assert.match(String(query(store, 'SELECT dataset_uuid FROM datasets')[0]?.dataset_uuid), /^[0-9a-f]{32}$/);
      const run = await store.getRun(info.runId);
      assert.deepEqual(run.inputs.datasetInputs, [input]);
      assert.deepEqual(run.inputs.modelInputs, [{ modelId: 'm-in' }]);
    });

    test('logOutputs records RUN_OUTPUT edges with their step, once, and refuses a model id that is a path', async () => {
      const store = newStore();
      const { info } = await newRun(store);
      await store.logOutputs(info.runId, [{ modelId: 'm-123', step: 7 }]);
      await store.logOutputs(info.runId, [{ modelId: 'm-123', step: 7 }]);
      assert.deepEqual((await store.getRun(info.runId)).outputs.modelOutputs, [{ modelId: 'm-123', step: 7 }]);
      await assert.rejects(store.logOutputs(info.runId, [{ modelId: '../evil' }]), rejectsWith('INVALID_PARAMETER_VALUE', 400));
    });

    test('a metric with a model id also goes to logged_model_metrics when the database holds that model', async () => {
      const store = newStore();
      const { experimentId, info } = await newRun(store);
      store.close();
      exec(
        store.location,
        'INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, status, lifecycle_stage) ' +
          `VALUES ('m-1', ${experimentId}, 'model', '/tmp/m', 1, 1, 2, 'active')`,
      );
      await store.logBatch(info.runId, {
        metrics: [
          { key: 'acc', value: 0.5, timestamp: 3, step: 1, modelId: 'm-1', datasetName: 'train', datasetDigest: 'abc' },
          { key: 'acc', value: 0.5, timestamp: 3, step: 1, modelId: 'unknown-model' },
        ],
        params: [],
        tags: [],
      });
      const rows = query(store, 'SELECT model_id, metric_name, metric_value, run_id, dataset_name, dataset_digest FROM logged_model_metrics').map((r) => ({ ...r }));
      assert.deepEqual(rows, [{ model_id: 'm-1', metric_name: 'acc', metric_value: 0.5, run_id: info.runId, dataset_name: 'train', dataset_digest: 'abc' }]);
      assert.equal(query(store, 'SELECT count(*) AS n FROM metrics')[0]?.n, 1);
    });

    test('searchRuns returns active runs newest first, pages with a token, and refuses filters', async () => {
      const store = newStore();
      const experimentId = await store.createExperiment('search');
      const ids: string[] = [];
      for (const startTime of [300, 100, 200]) ids.push((await store.createRun({ experimentId, userId: 'u', startTime, tags: [] })).runId);
      const first = await store.searchRuns({ experimentIds: [experimentId, '999'], maxResults: 2 });
      assert.deepEqual(first.runs.map((r) => r.info.startTime), [300, 200]);
      assert.ok(first.nextPageToken);
      const second = await store.searchRuns({ experimentIds: [experimentId], maxResults: 2, pageToken: first.nextPageToken });
      assert.deepEqual(second.runs.map((r) => r.info.runId), [ids[1]]);
      assert.equal(second.nextPageToken, undefined);
      await assert.rejects(store.searchRuns({ experimentIds: [experimentId], filter: "params.a = '1'" }), ValidationError);
      await assert.rejects(store.searchRuns({ experimentIds: [experimentId], orderBy: ['metrics.m ASC'] }), ValidationError);
    });
  });

  describe(`existing databases (${driver.name})`, () => {
    /** A database with MLflow's head schema and `sql` applied, closed again. */
    const headDb = (sql = '') => {
      const path = join(newDir(), 'mlflow.db');
      const store = new SqliteStore(path, { driver });
      assert.equal(store.driverName, driver.name); // opens it
      store.close();
      if (sql) exec(path, sql);
      return path;
    };

    test('one made by `mlflow db upgrade` (no experiment 0) gets experiment 0 on first use', async () => {
      const path = headDb('DELETE FROM experiments');
      const store = new SqliteStore(path, { driver });
      assert.equal((await store.getExperiment('0')).name, 'Default');
      store.close();
    });

    test('a 3.7 head (no workspace columns) is written without naming the column', async () => {
      const path = headDb(
        // NB: SQLite's table rebuild (new table, copy, drop, rename), so other tables' foreign keys keep naming `experiments`.
        'PRAGMA foreign_keys = OFF; ' +
          'CREATE TABLE new_experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), ' +
          "lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT, CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), " +
          'UNIQUE (name)); INSERT INTO new_experiments SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments; ' +
          "DROP TABLE experiments; ALTER TABLE new_experiments RENAME TO experiments; UPDATE alembic_version SET version_num = 'bf29a5ff90ea';",
      );
      const store = new SqliteStore(path, { driver });
      const id = await store.createExperiment('old-schema');
      const run = await store.createRun({ experimentId: id, userId: 'u', startTime: 1, tags: [] });
      await store.logBatch(run.runId, { metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }], params: [], tags: [] });
      assert.equal((await store.getExperimentByName('old-schema'))?.experimentId, id);
      assert.equal((await store.getRun(run.runId)).data.metrics.length, 1);
      assert.equal(query(store, "SELECT count(*) AS n FROM pragma_table_info('experiments') WHERE name = 'workspace'")[0]?.n, 0);
      store.close();
    });

    test('an older revision than 3.7\'s head is refused with `mlflow db upgrade`; nothing is written', async () => {
      const path = headDb("UPDATE alembic_version SET version_num = '3da73c924c2f'");
      const store = new SqliteStore(path, { driver });
      await assert.rejects(store.getExperiment('0'), (e: unknown) => e instanceof SqliteSchemaError && /mlflow db upgrade sqlite:\/\/\/\//.test(e.message));
      await assert.rejects(store.createExperiment('x'), SqliteSchemaError);
    });

    test('an unknown newer revision is used when it has every column written here, else refused asking to upgrade mlflow-autolog', async () => {
      const compatible = new SqliteStore(headDb("UPDATE alembic_version SET version_num = 'ffff00001111'; ALTER TABLE runs ADD COLUMN extra TEXT"), { driver });
      assert.equal(await compatible.createExperiment('newer'), '1');
      compatible.close();
      const missing = new SqliteStore(headDb("UPDATE alembic_version SET version_num = 'ffff00001111'; ALTER TABLE params DROP COLUMN value"), { driver });
      await assert.rejects(missing.getExperiment('0'), (e: unknown) => e instanceof SqliteSchemaError && /params\.value.*upgrade mlflow-autolog/.test(e.message));
      const notNull = new SqliteStore(headDb("UPDATE alembic_version SET version_num = 'ffff00001111'; ALTER TABLE tags ADD COLUMN owner TEXT NOT NULL DEFAULT 'x'"), { driver });
      assert.equal((await notNull.getExperiment('0')).name, 'Default');
      notNull.close();
    });

    test('a SQLite file that is not an MLflow database is refused, and left as it was', async () => {
      const path = join(newDir(), 'other.db');
      exec(path, 'CREATE TABLE mine (x INTEGER)');
      const store = new SqliteStore(path, { driver });
      await assert.rejects(store.getExperiment('0'), (e: unknown) => e instanceof SqliteSchemaError && /not an MLflow tracking database/.test(e.message));
      const db = new driver.module.DatabaseSync(path);
      assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name), ['mine']);
      db.close();
    });
  });
}

describe('sqlite: tracking URIs', () => {
  test('sqlite:///relative.db is relative to the working folder and sqlite:////abs/path.db absolute, as in MLflow', () => {
    assert.deepEqual(resolveTarget('sqlite:///mlflow.db'), {
      target: { kind: 'sqlite', path: join(process.cwd(), 'mlflow.db') },
      trackingUri: `sqlite:///${join(process.cwd(), 'mlflow.db')}`,
    });
    assert.deepEqual(resolveTarget('sqlite:////tmp/a%20b/x.db').target, { kind: 'sqlite', path: '/tmp/a b/x.db' });
    assert.deepEqual(resolveTarget('SQLITE:///sub/dir/x.db').target, { kind: 'sqlite', path: join(process.cwd(), 'sub/dir/x.db') });
  });

  test('in-memory databases, hosts, query options and folders are refused with the forms that work', () => {
    for (const uri of ['sqlite://', 'sqlite:///:memory:', 'sqlite://host/x.db', 'sqlite:x.db', 'sqlite:///x.db?timeout=3', 'sqlite:///dir/']) {
      assert.throws(() => resolveTarget(uri), (e: unknown) => e instanceof ConfigError && /sqlite:\/\/\/mlflow\.db/.test(e.message), uri);
    }
  });
});

describe('loading the SQLite driver', () => {
  test('node:sqlite loads without its ExperimentalWarning while other warnings still print', async () => {
    const script =
      "const d = require('./src/store/sqlite/driver.ts'); const b = d.loadBuiltin();" +
      "process.emitWarning('another experiment', 'ExperimentalWarning');" +
      'console.log(JSON.stringify({ builtin: b ? b.name : null, node: process.versions.node }));';
    const { code, stdout, stderr } = await runNode(['--import', 'tsx', '-e', script], {});
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout.trim()) as { builtin: string | null; node: string };
    const [major, minor] = result.node.split('.').map(Number) as [number, number];
    assert.equal(result.builtin, major > 22 || (major === 22 && minor >= 13) ? 'node:sqlite' : null);
    assert.match(stderr, /ExperimentalWarning: another experiment/);
    assert.doesNotMatch(stderr, /SQLite is an experimental feature/);
  });

  test('the preload and a client on a sqlite: URI load no driver; the first call does', async () => {
    const dir = newDir();
    const script =
      "const loaded = () => Object.keys(require.cache).filter((p) => /photostructure|store[\\\\/]sqlite/.test(p)).map((p) => p.replace(/.*node_modules[\\\\/]|.*src[\\\\/]/, ''));" +
      "require('./src/register.ts'); const atPreload = loaded();" +
      `const { MlflowClient } = require('./src/index.ts'); const client = new MlflowClient({ trackingUri: 'sqlite:///${dir}/m.db' });` +
      'const atClient = loaded();' +
      "client.getExperiment('0').then((e) => console.log(JSON.stringify({ atPreload, atClient, after: loaded(), name: e.name })));";
    const { code, stdout, stderr } = await runNode(['--import', 'tsx', '-e', script], { MLFLOW_TRACKING_URI: '' });
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { atPreload: string[]; atClient: string[]; after: string[]; name: string };
    assert.deepEqual(result.atPreload, []);
    assert.equal(result.atClient.some((p) => p.includes('photostructure')), false);
    assert.ok(result.atClient.some((p) => p.includes('sqlite-store')));
    assert.equal(result.name, 'Default');
    const builtin = loadBuiltin() !== undefined;
    assert.equal(result.after.some((p) => p.includes('photostructure')), !builtin);
  });
});
