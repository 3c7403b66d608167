/**
 * The SQLite model store on its own: logged models and the model registry written into MLflow's
 * tables as MLflow's SQL stores write them (rows checked column by column), MLflow's errors and
 * messages, version numbering, aliases, and databases before 3.10 (no workspace columns). Runs
 * with each driver this Node has. MLflow reading the database back is tested in
 * test/integration/sqlite-model-store-python.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MlflowRestError } from '../../src/errors';
import { loadBuiltin, loadFallback, type LoadedDriver, type SqlRow } from '../../src/store/sqlite/driver';
import { SqliteModelStore } from '../../src/store/sqlite';
import { SqliteSchemaError } from '../../src/store/sqlite/schema';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { setSilent } from '../../src/util/logger';

setSilent(true);

const base = mkdtempSync(join(tmpdir(), 'sqlite-model-store-'));
after(() => rmSync(base, { recursive: true, force: true }));
const newDir = () => mkdtempSync(join(base, 'case-'));

const drivers: LoadedDriver[] = [loadFallback(), ...[loadBuiltin()].filter((d): d is LoadedDriver => d !== undefined)];

function rejectsWith(code: string, status: number, message?: RegExp | string) {
  return (error: unknown) => {
    assert.ok(error instanceof MlflowRestError, `expected an MlflowRestError, got ${String(error)}`);
    assert.equal(error.errorCode, code);
    assert.equal(error.httpStatus, status);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  };
}

/** Rebuilds a head database's experiments and registry tables as MLflow 3.7-3.9 had them: no workspace columns. */
const PRE_WORKSPACES =
  'PRAGMA foreign_keys = OFF; ' +
  'CREATE TABLE new_experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256), ' +
  'lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT, CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), UNIQUE (name)); ' +
  'INSERT INTO new_experiments SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments; ' +
  'DROP TABLE experiments; ALTER TABLE new_experiments RENAME TO experiments; ' +
  'DROP TABLE registered_models; DROP TABLE model_versions; DROP TABLE registered_model_tags; DROP TABLE model_version_tags; DROP TABLE registered_model_aliases; ' +
  'CREATE TABLE registered_models (name VARCHAR(256) NOT NULL, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000), ' +
  'CONSTRAINT registered_model_pk PRIMARY KEY (name), UNIQUE (name)); ' +
  'CREATE TABLE model_versions (name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, creation_time BIGINT, last_updated_time BIGINT, ' +
  'description VARCHAR(5000), user_id VARCHAR(256), current_stage VARCHAR(20), source VARCHAR(500), run_id VARCHAR(32), status VARCHAR(20), ' +
  'status_message VARCHAR(500), run_link VARCHAR(500), storage_location VARCHAR(500), CONSTRAINT model_version_pk PRIMARY KEY (name, version), ' +
  'FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE CASCADE); ' +
  'CREATE TABLE registered_model_tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(5000), name VARCHAR(256) NOT NULL, ' +
  'CONSTRAINT registered_model_tag_pk PRIMARY KEY ("key", name), FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE CASCADE); ' +
  'CREATE TABLE model_version_tags ("key" VARCHAR(250) NOT NULL, value TEXT, name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, ' +
  'CONSTRAINT model_version_tag_pk PRIMARY KEY ("key", name, version), FOREIGN KEY(name, version) REFERENCES model_versions (name, version) ON UPDATE CASCADE); ' +
  'CREATE TABLE registered_model_aliases (alias VARCHAR(256) NOT NULL, version INTEGER NOT NULL, name VARCHAR(256) NOT NULL, ' +
  'CONSTRAINT registered_model_alias_pk PRIMARY KEY (name, alias), FOREIGN KEY(name) REFERENCES registered_models (name) ON DELETE CASCADE ON UPDATE CASCADE); ' +
  "UPDATE alembic_version SET version_num = 'bf29a5ff90ea';";

for (const driver of drivers) {
  const newStore = (dir = newDir()) => new SqliteStore(join(dir, 'mlflow.db'), { artifactRoot: join(dir, 'mlruns'), driver });
  const query = (store: SqliteStore, sql: string, ...params: (string | number)[]): SqlRow[] => {
    const db = new driver.module.DatabaseSync(store.location);
    try {
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
  /** A store with an experiment, and a logged model in it. */
  async function withModel(dir = newDir()) {
    const store = newStore(dir);
    const experimentId = await store.createExperiment(`exp-${Math.random()}`);
    const model = await store.models.createLoggedModel({ experimentId, name: 'clf', modelType: 'tfjs', params: { lr: '0.1' }, tags: { team: 'ml' } });
    return { store, models: store.models, experimentId, model, modelId: model.info.model_id, dir };
  }

  describe(`logged models in the SQLite store (${driver.name})`, () => {
    test('createLoggedModel writes the row, params and tags MLflow writes, and answers as a server does', async () => {
      const dir = newDir();
      const store = newStore(dir);
      const experimentId = await store.createExperiment('e');
      const run = await store.createRun({ experimentId, userId: 'u', startTime: 1, tags: [] });
      const before = Date.now();
      const model = await store.models.createLoggedModel({
        experimentId, name: 'clf', modelType: 'tfjs', sourceRunId: run.runId, params: { lr: '0.1', layers: '3' }, tags: { team: 'ml' },
      });
      const id = model.info.model_id;
      assert.match(id, /^m-[0-9a-f]{32}$/);
      const artifactUri = `${dir}/mlruns/${experimentId}/models/${id}/artifacts`;
      const [row] = query(store, 'SELECT * FROM logged_models');
      assert.ok(Number(row!.creation_timestamp_ms) >= before && Number(row!.creation_timestamp_ms) <= Date.now());
      assert.deepEqual(row, {
        model_id: id, experiment_id: Number(experimentId), name: 'clf', artifact_location: artifactUri,
        creation_timestamp_ms: row!.creation_timestamp_ms, last_updated_timestamp_ms: row!.creation_timestamp_ms, status: 1,
        lifecycle_stage: 'active', model_type: 'tfjs', source_run_id: run.runId, status_message: null,
      });
      assert.deepEqual(query(store, 'SELECT * FROM logged_model_params ORDER BY rowid'), [
        { model_id: id, experiment_id: Number(experimentId), param_key: 'lr', param_value: '0.1' },
        { model_id: id, experiment_id: Number(experimentId), param_key: 'layers', param_value: '3' },
      ]);
      assert.deepEqual(query(store, 'SELECT * FROM logged_model_tags'), [{ model_id: id, experiment_id: Number(experimentId), tag_key: 'team', tag_value: 'ml' }]);
      assert.deepEqual(model, {
        info: {
          model_id: id, experiment_id: experimentId, name: 'clf', artifact_uri: artifactUri, creation_timestamp_ms: row!.creation_timestamp_ms,
          last_updated_timestamp_ms: row!.creation_timestamp_ms, status: 'LOGGED_MODEL_PENDING', model_type: 'tfjs', source_run_id: run.runId,
          tags: [{ key: 'team', value: 'ml' }],
        },
        data: { params: [{ key: 'lr', value: '0.1' }, { key: 'layers', value: '3' }] },
      });
      assert.deepEqual(await store.models.getLoggedModel(id), model);
      store.close();
    });

    test('a model without a name gets a generated one; bad names, unknown and deleted experiments are refused', async () => {
      const store = newStore();
      const bare = await store.models.createLoggedModel({ experimentId: '0' });
      assert.match(bare.info.name, /^[a-z]+-[a-z]+-\d{1,4}$/);
      assert.deepEqual(bare.data, {});
      assert.equal(bare.info.tags, undefined);
      for (const name of ['a/b', 'x.y', "it's", '']) {
        await assert.rejects(store.models.createLoggedModel({ experimentId: '0', name }), rejectsWith('INVALID_PARAMETER_VALUE', 400, /^Invalid model name \(.*\) provided/));
      }
      await assert.rejects(store.models.createLoggedModel({ experimentId: '77' }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'No Experiment with id=77 exists'));
      await assert.rejects(store.models.createLoggedModel({ experimentId: '../0' }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      const gone = await store.createExperiment('gone');
      exec(store.location, `UPDATE experiments SET lifecycle_stage = 'deleted' WHERE experiment_id = ${gone}`);
      await assert.rejects(
        store.models.createLoggedModel({ experimentId: gone }),
        rejectsWith('INVALID_PARAMETER_VALUE', 400, `The experiment ${gone} must be in the 'active' state. Current state is deleted.`),
      );
      await assert.rejects(store.models.createLoggedModel({ experimentId: '0', params: { '': 'x' } }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      assert.equal(query(store, 'SELECT count(*) AS n FROM logged_models')[0]?.n, 1);
      store.close();
    });

    test('finalizeLoggedModel stores READY as 2 and UPLOAD_FAILED as 3 and bumps last_updated; unknown ids are RESOURCE_DOES_NOT_EXIST', async () => {
      const { store, models, modelId, model } = await withModel();
      exec(store.location, `UPDATE logged_models SET creation_timestamp_ms = 5, last_updated_timestamp_ms = 5 WHERE model_id = '${modelId}'`);
      const ready = await models.finalizeLoggedModel(modelId, 'LOGGED_MODEL_READY');
      assert.equal(ready.info.status, 'LOGGED_MODEL_READY');
      assert.equal(ready.info.creation_timestamp_ms, 5);
      assert.ok(ready.info.last_updated_timestamp_ms! >= model.info.creation_timestamp_ms!);
      assert.deepEqual(query(store, 'SELECT status, last_updated_timestamp_ms AS t FROM logged_models'), [{ status: 2, t: ready.info.last_updated_timestamp_ms }]);
      await models.finalizeLoggedModel(modelId, 'LOGGED_MODEL_UPLOAD_FAILED');
      assert.equal(query(store, 'SELECT status FROM logged_models')[0]?.status, 3);
      assert.equal((await models.getLoggedModel(modelId)).info.status, 'LOGGED_MODEL_UPLOAD_FAILED');
      await assert.rejects(models.finalizeLoggedModel(modelId, 'LOGGED_MODEL_PENDING' as 'LOGGED_MODEL_READY'), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      const unknown = 'm-00000000000000000000000000000000';
      await assert.rejects(models.finalizeLoggedModel(unknown, 'LOGGED_MODEL_READY'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, `Logged model with ID '${unknown}' not found.`));
      await assert.rejects(models.getLoggedModel(unknown), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, `Logged model with ID '${unknown}' not found.`));
      await assert.rejects(models.setLoggedModelTags(unknown, { a: 'b' }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      await assert.rejects(models.logLoggedModelParams(unknown, { a: 'b' }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      store.close();
    });

    test('setLoggedModelTags sets and replaces in place; logLoggedModelParams is write-once and refuses a batch whole', async () => {
      const { store, models, modelId, experimentId } = await withModel();
      await models.setLoggedModelTags(modelId, { stage: 'dev', team: 'ai' });
      await models.setLoggedModelTags(modelId, { stage: 'prod' });
      assert.deepEqual((await models.getLoggedModel(modelId)).info.tags, [
        { key: 'team', value: 'ai' }, { key: 'stage', value: 'prod' },
      ]);
      assert.deepEqual(query(store, 'SELECT DISTINCT experiment_id FROM logged_model_tags'), [{ experiment_id: Number(experimentId) }]);
      await models.logLoggedModelParams(modelId, { epochs: '5', lr: '0.1' });
      await assert.rejects(
        models.logLoggedModelParams(modelId, { batch: '32', lr: '0.2' }),
        rejectsWith('INVALID_PARAMETER_VALUE', 400, /Changing param values is not allowed\. Param with key='lr' was already logged with value='0\.1'/),
      );
      assert.deepEqual((await models.getLoggedModel(modelId)).data?.params, [{ key: 'lr', value: '0.1' }, { key: 'epochs', value: '5' }]);
      store.close();
    });

    test('a metric of a run naming the model is one of the model\'s metrics, with its dataset', async () => {
      const { store, models, modelId, experimentId } = await withModel();
      const run = await store.createRun({ experimentId, userId: 'u', startTime: 1, tags: [] });
      await store.logBatch(run.runId, {
        metrics: [
          { key: 'acc', value: 0.9, timestamp: 10, step: 1, modelId, datasetName: 'val', datasetDigest: 'd1' },
          { key: 'loss', value: NaN, timestamp: 11, step: 2, modelId },
          { key: 'other', value: 1, timestamp: 12, step: 0 },
        ],
        params: [],
        tags: [],
      });
      assert.deepEqual((await models.getLoggedModel(modelId)).data?.metrics, [
        { key: 'acc', value: 0.9, timestamp: 10, step: 1, model_id: modelId, dataset_name: 'val', dataset_digest: 'd1' },
        { key: 'loss', value: 0, timestamp: 11, step: 2, model_id: modelId },
      ]);
      assert.deepEqual(query(store, 'SELECT experiment_id, run_id FROM logged_model_metrics GROUP BY run_id'), [{ experiment_id: Number(experimentId), run_id: run.runId }]);
      store.close();
    });

    test('findLoggedModelByTag answers the newest match of the experiment; listLoggedModels the live ones, oldest first', async () => {
      const { store, models, experimentId, modelId: first } = await withModel();
      const second = (await models.createLoggedModel({ experimentId, tags: { team: 'ml' } })).info.model_id;
      const third = (await models.createLoggedModel({ experimentId, tags: { team: 'ai' } })).info.model_id;
      const elsewhere = (await models.createLoggedModel({ experimentId: '0', tags: { team: 'ml' } })).info.model_id;
      exec(store.location, `UPDATE logged_models SET creation_timestamp_ms = CASE model_id WHEN '${first}' THEN 1 WHEN '${second}' THEN 2 WHEN '${third}' THEN 3 ELSE 4 END`);
      assert.equal((await models.findLoggedModelByTag(experimentId, 'team', 'ml'))?.info.model_id, second);
      assert.equal((await models.findLoggedModelByTag(experimentId, 'team', 'ai'))?.info.model_id, third);
      assert.equal(await models.findLoggedModelByTag(experimentId, 'team', 'nobody'), undefined);
      assert.equal(await models.findLoggedModelByTag('999', 'team', 'ml'), undefined);
      assert.deepEqual((await models.listLoggedModels([experimentId])).map((m) => m.info.model_id), [first, second, third]);
      assert.deepEqual((await models.listLoggedModels(['0', experimentId, '999'])).map((m) => m.info.model_id), [first, second, third, elsewhere]);
      exec(store.location, `UPDATE logged_models SET lifecycle_stage = 'deleted' WHERE model_id = '${second}'`);
      assert.deepEqual((await models.listLoggedModels([experimentId])).map((m) => m.info.model_id), [first, third]);
      assert.equal((await models.findLoggedModelByTag(experimentId, 'team', 'ml'))?.info.model_id, first);
      await assert.rejects(models.getLoggedModel(second), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      // NB: as MLflow's `_get_logged_model_record`, tags may still be set on a deleted model.
      await models.setLoggedModelTags(second, { late: 'yes' });
      store.close();
    });
  });

  describe(`the model registry in the SQLite store (${driver.name})`, () => {
    test('createRegisteredModel writes MLflow\'s row; a taken name is RESOURCE_ALREADY_EXISTS; bad names are refused', async () => {
      const store = newStore();
      await store.models.createRegisteredModel('Iris');
      const [row] = query(store, 'SELECT * FROM registered_models');
      assert.deepEqual(row, { name: 'Iris', creation_time: row!.creation_time, last_updated_time: row!.creation_time, description: null, workspace: 'default' });
      await assert.rejects(store.models.createRegisteredModel('Iris'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400, 'Registered Model (name=Iris) already exists.'));
      exec(store.location, "INSERT INTO registered_models (name) VALUES ('p'); INSERT INTO registered_model_tags (\"key\", value, name) VALUES ('mlflow.prompt.is_prompt', 'true', 'p')");
      await assert.rejects(store.models.createRegisteredModel('p'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400, /^Tried to create a registered model with name 'p', but the name is already taken by a prompt/));
      await assert.rejects(store.models.createRegisteredModel('a/b'), rejectsWith('INVALID_PARAMETER_VALUE', 400, "Invalid model name 'a/b'. Names cannot contain '/' or ':'."));
      await assert.rejects(store.models.createRegisteredModel(' '), rejectsWith('INVALID_PARAMETER_VALUE', 400, "Missing value for required parameter 'name'."));
      await assert.rejects(store.models.createRegisteredModel('..x'), rejectsWith('INVALID_PARAMETER_VALUE', 400, /^Invalid value "\.\.x" for parameter 'name' supplied: Names may be treated as files/));
      store.close();
    });

    test('versions are numbered 1, 2, 3 with MLflow\'s row, a models:/ source resolved to the model\'s folder, and the model told of them', async () => {
      const { store, models, modelId, model, experimentId } = await withModel();
      const run = await store.createRun({ experimentId, userId: 'u', startTime: 1, tags: [] });
      exec(store.location, `UPDATE logged_models SET source_run_id = '${run.runId}'`);
      await models.createRegisteredModel('R');
      exec(store.location, "UPDATE registered_models SET creation_time = 7, last_updated_time = 7");
      const v1 = await models.createModelVersion({ name: 'R', source: `models:/${modelId}`, modelId, tags: { k: 'v' }, description: 'first' });
      const v2 = await models.createModelVersion({ name: 'R', source: `models:/${modelId}`, runId: 'explicit-run', modelId });
      const v3 = await models.createModelVersion({ name: 'R', source: '/elsewhere/model' });
      assert.deepEqual([v1.version, v2.version, v3.version], ['1', '2', '3']);
      assert.deepEqual(v1, { name: 'R', version: '1', creation_timestamp: v1.creation_timestamp, source: `models:/${modelId}`, run_id: run.runId, status: 'READY', aliases: [] });
      assert.equal(v2.run_id, 'explicit-run');
      assert.equal(v3.run_id, undefined);
      const rows = query(store, 'SELECT * FROM model_versions ORDER BY version');
      assert.deepEqual(rows[0], {
        name: 'R', version: 1, creation_time: v1.creation_timestamp, last_updated_time: v1.creation_timestamp, description: 'first', user_id: null,
        current_stage: 'None', source: `models:/${modelId}`, run_id: run.runId, status: 'READY', status_message: null, run_link: null,
        storage_location: model.info.artifact_uri, workspace: 'default',
      });
      assert.deepEqual(rows.map((r) => r.storage_location), [model.info.artifact_uri, model.info.artifact_uri, '/elsewhere/model']);
      assert.deepEqual(query(store, 'SELECT "key", value, name, version, workspace FROM model_version_tags'), [{ key: 'k', value: 'v', name: 'R', version: 1, workspace: 'default' }]);
      assert.deepEqual(query(store, 'SELECT creation_time, last_updated_time FROM registered_models'), [{ creation_time: 7, last_updated_time: v3.creation_timestamp }]);
      const tag = (await models.getLoggedModel(modelId)).info.tags?.find((t) => t.key === 'mlflow.modelVersions')?.value;
      assert.equal(tag, '[{"name": "R", "version": 1}, {"name": "R", "version": 2}]');
      assert.equal(await models.getModelVersionDownloadUri('R', '1'), model.info.artifact_uri);
      assert.equal(await models.getModelVersionDownloadUri('R', '3'), '/elsewhere/model');
      const fromVersion = await models.createModelVersion({ name: 'R', source: 'models:/R/3' });
      assert.equal(query(store, 'SELECT storage_location FROM model_versions WHERE version = 4')[0]?.storage_location, '/elsewhere/model');
      assert.equal(fromVersion.source, 'models:/R/3');
      store.close();
    });

    test('createModelVersion refuses an unknown registered model, an unknown or mismatched logged model, and an alias source', async () => {
      const { store, models, modelId } = await withModel();
      await assert.rejects(models.createModelVersion({ name: 'Q', source: '/x' }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Registered Model with name=Q not found'));
      await models.createRegisteredModel('R');
      const unknown = 'm-ffffffffffffffffffffffffffffffff';
      await assert.rejects(models.createModelVersion({ name: 'R', source: `models:/${unknown}` }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, new RegExp(`Logged model with ID '${unknown}' not found`)));
      await assert.rejects(models.createModelVersion({ name: 'R', source: '/x', modelId: unknown }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      await assert.rejects(models.createModelVersion({ name: 'R', source: `models:/${modelId}`, modelId: unknown }), rejectsWith('INVALID_PARAMETER_VALUE', 400, /^Invalid model version source/));
      await assert.rejects(models.createModelVersion({ name: 'R', source: 'models:/R@champion' }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      await assert.rejects(models.createModelVersion({ name: 'R', source: 'models:/R/9' }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Model Version (name=R, version=9) not found'));
      await assert.rejects(models.createModelVersion({ name: 'R', source: '' }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      await assert.rejects(models.createModelVersion({ name: 'R', source: '/x', tags: { '../k': 'v' } }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
      assert.equal(query(store, 'SELECT count(*) AS n FROM model_versions')[0]?.n, 0);
      assert.equal((await models.getLoggedModel(modelId)).info.tags?.some((t) => t.key === 'mlflow.modelVersions'), false);
      store.close();
    });

    test('getModelVersion and the download URI: unknown versions, unknown models and non-integer versions as MLflow answers them', async () => {
      const store = newStore();
      await store.models.createRegisteredModel('R');
      await store.models.createModelVersion({ name: 'R', source: '/a' });
      assert.equal((await store.models.getModelVersion('R', '1')).source, '/a');
      await assert.rejects(store.models.getModelVersion('R', '2'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Model Version (name=R, version=2) not found'));
      await assert.rejects(store.models.getModelVersion('Q', '1'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Model Version (name=Q, version=1) not found'));
      await assert.rejects(store.models.getModelVersion('R', 'one'), rejectsWith('INVALID_PARAMETER_VALUE', 400, "Parameter 'version' must be an integer, got 'one'."));
      await assert.rejects(store.models.getModelVersionDownloadUri('R', '5'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      exec(store.location, "UPDATE model_versions SET current_stage = 'Deleted_Internal'");
      await assert.rejects(store.models.getModelVersion('R', '1'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
      // NB: a deleted version keeps its number (`max(version)` counts it).
      assert.equal((await store.models.createModelVersion({ name: 'R', source: '/b' })).version, '2');
      store.close();
    });

    test('aliases: set, moved to another version, looked up; unknown aliases, reserved names and unknown versions are refused', async () => {
      const store = newStore();
      const models = store.models;
      await models.createRegisteredModel('R');
      for (const source of ['/1', '/2', '/3']) await models.createModelVersion({ name: 'R', source });
      await models.setRegisteredModelAlias('R', 'champion', '1');
      await models.setRegisteredModelAlias('R', 'canary', '1');
      assert.deepEqual((await models.getModelVersion('R', '1')).aliases, ['champion', 'canary']);
      await models.setRegisteredModelAlias('R', 'champion', '2');
      assert.deepEqual((await models.getModelVersionByAlias('R', 'champion')).version, '2');
      assert.deepEqual((await models.getModelVersionByAlias('R', 'champion')).aliases, ['champion']);
      assert.deepEqual((await models.getModelVersion('R', '1')).aliases, ['canary']);
      assert.deepEqual(query(store, 'SELECT alias, version, name, workspace FROM registered_model_aliases ORDER BY alias'), [
        { alias: 'canary', version: 1, name: 'R', workspace: 'default' }, { alias: 'champion', version: 2, name: 'R', workspace: 'default' },
      ]);
      assert.equal((await models.getModelVersionByAlias('R', 'latest')).version, '3');
      await assert.rejects(models.getModelVersionByAlias('R', 'nope'), rejectsWith('INVALID_PARAMETER_VALUE', 400, 'Registered model alias nope not found.'));
      await assert.rejects(models.getModelVersionByAlias('Q', 'champion'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Registered Model with name=Q not found'));
      await assert.rejects(models.setRegisteredModelAlias('R', 'Latest', '1'), rejectsWith('INVALID_PARAMETER_VALUE', 400, "'latest' alias name (case insensitive) is reserved."));
      await assert.rejects(models.setRegisteredModelAlias('R', 'v2', '1'), rejectsWith('INVALID_PARAMETER_VALUE', 400, "Version alias name 'v2' is reserved."));
      await assert.rejects(models.setRegisteredModelAlias('R', 'a b', '1'), rejectsWith('INVALID_PARAMETER_VALUE', 400, /^Invalid alias name: 'a b'/));
      await assert.rejects(models.setRegisteredModelAlias('R', 'x', '9'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Model Version (name=R, version=9) not found'));
      store.close();
    });

    test('getLatestVersions answers the newest version of each stage; with no versions, no latest alias either', async () => {
      const store = newStore();
      const models = store.models;
      await models.createRegisteredModel('R');
      await assert.rejects(models.getModelVersionByAlias('R', 'latest'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Latest version not found for model R.'));
      assert.deepEqual(await models.getLatestVersions('R'), []);
      for (const source of ['/1', '/2', '/3', '/4']) await models.createModelVersion({ name: 'R', source });
      assert.deepEqual((await models.getLatestVersions('R')).map((v) => v.version), ['4']);
      exec(store.location, "UPDATE model_versions SET current_stage = 'Production' WHERE version IN (1, 2); UPDATE model_versions SET current_stage = 'Deleted_Internal' WHERE version = 4");
      await models.setRegisteredModelAlias('R', 'prod', '2');
      const latest = await models.getLatestVersions('R');
      assert.deepEqual(latest.map((v) => [v.version, v.aliases]), [['2', ['prod']], ['3', []]]);
      await assert.rejects(models.getLatestVersions('Q'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404, 'Registered Model with name=Q not found'));
      store.close();
    });

    test('findModelVersionByTag and findModelVersionsOf find versions by tag, by models:/ source and by the model\'s record', async () => {
      const { store, models, modelId, model } = await withModel();
      await models.createRegisteredModel('B');
      await models.createRegisteredModel('A');
      await models.createModelVersion({ name: 'B', source: `models:/${modelId}`, tags: { token: 't1' } });
      await models.createModelVersion({ name: 'B', source: '/unrelated', tags: { token: 't2' } });
      await models.createModelVersion({ name: 'A', source: model.info.artifact_uri, modelId });
      await models.createModelVersion({ name: 'B', source: `models:/${modelId}`, modelId });
      exec(store.location, 'UPDATE model_versions SET last_updated_time = 50');
      assert.equal((await models.findModelVersionByTag('B', 'token', 't2'))?.version, '2');
      assert.equal(await models.findModelVersionByTag('A', 'token', 't2'), undefined);
      assert.equal(await models.findModelVersionByTag('B', 'token', 'none'), undefined);
      assert.equal(await models.findModelVersionByTag('Nobody', 'token', 't1'), undefined);
      // NB: `search_model_versions`' order: last updated first, then by name, newest version first.
      assert.deepEqual((await models.findModelVersionsOf(modelId)).map((v) => [v.name, v.version]), [['A', '1'], ['B', '3'], ['B', '1']]);
      exec(store.location, "UPDATE model_versions SET last_updated_time = 60 WHERE name = 'B' AND version = 1");
      assert.deepEqual((await models.findModelVersionsOf(modelId)).map((v) => [v.name, v.version]), [['B', '1'], ['A', '1'], ['B', '3']]);
      await models.createModelVersion({ name: 'B', source: '/other', tags: { token: 't2' } });
      assert.equal((await models.findModelVersionByTag('B', 'token', 't2'))?.version, '4');
      assert.deepEqual(await models.findModelVersionsOf('m-unknown'), []);
      store.close();
    });

    test('the models store is one per store, follows the store when it is closed and opened again', async () => {
      const { store, models, modelId } = await withModel();
      assert.equal(store.models, models);
      assert.ok(models instanceof SqliteModelStore);
      store.close();
      assert.equal((await models.getLoggedModel(modelId)).info.model_id, modelId);
      store.close();
    });
  });

  describe(`model tables of existing databases (${driver.name})`, () => {
    /** A database with MLflow's head schema and `sql` applied, closed again. */
    const headDb = (sql: string) => {
      const dir = newDir();
      const path = join(dir, 'mlflow.db');
      const store = new SqliteStore(path, { driver });
      assert.equal(store.driverName, driver.name); // opens it
      store.close();
      exec(path, sql);
      return { dir, path };
    };

    test('a 3.7 head (no workspace columns) gets models, versions and aliases without naming the column', async () => {
      const { dir, path } = headDb(PRE_WORKSPACES);
      const store = new SqliteStore(path, { artifactRoot: join(dir, 'mlruns'), driver });
      const experimentId = await store.createExperiment('old');
      const model = await store.models.createLoggedModel({ experimentId, name: 'm' });
      await store.models.createRegisteredModel('R');
      await assert.rejects(store.models.createRegisteredModel('R'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400));
      for (let i = 0; i < 2; i++) await store.models.createModelVersion({ name: 'R', source: `models:/${model.info.model_id}`, modelId: model.info.model_id, tags: { n: String(i) } });
      await store.models.setRegisteredModelAlias('R', 'champion', '1');
      await store.models.setRegisteredModelAlias('R', 'champion', '2');
      assert.deepEqual(await store.models.getModelVersionByAlias('R', 'champion'), {
        name: 'R', version: '2', creation_timestamp: (await store.models.getModelVersion('R', '2')).creation_timestamp,
        source: `models:/${model.info.model_id}`, status: 'READY', aliases: ['champion'],
      });
      assert.equal((await store.models.findModelVersionByTag('R', 'n', '1'))?.version, '2');
      assert.deepEqual((await store.models.getLatestVersions('R')).map((v) => v.version), ['2']);
      assert.deepEqual(query(store, 'SELECT alias, version, name FROM registered_model_aliases'), [{ alias: 'champion', version: 2, name: 'R' }]);
      assert.equal(query(store, "SELECT count(*) AS n FROM pragma_table_info('model_versions') WHERE name = 'workspace'")[0]?.n, 0);
      store.close();
    });

    test('a database without the registry tables is refused with a SqliteSchemaError; runs still work', async () => {
      const { dir, path } = headDb('DROP TABLE registered_model_aliases');
      const store = new SqliteStore(path, { artifactRoot: join(dir, 'mlruns'), driver });
      assert.equal((await store.getExperiment('0')).name, 'Default');
      await assert.rejects(store.models.getModelVersion('R', '1'), (e: unknown) => e instanceof SqliteSchemaError && /registered_model_aliases.*mlflow db upgrade/.test(e.message));
      store.close();
    });
  });
}
