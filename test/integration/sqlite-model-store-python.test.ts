/**
 * The SQLite model store against MLflow itself: logged models and registered versions written by
 * the agent are read back by the pinned MLflow's `MlflowClient('sqlite:///…')` with every value;
 * those MLflow's client wrote are read by the agent (and added to, and read back again); and a
 * database at MLflow 3.7's schema (no workspace columns) written by the agent survives
 * `mlflow db upgrade`. No server is involved.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite';
import { REPO_ROOT, runPython } from '../harness/python';

const base = mkdtempSync(join(tmpdir(), 'sqlite-model-store-it-'));
after(() => rmSync(base, { recursive: true, force: true }));
const HELPER = join(REPO_ROOT, 'test', 'python', 'logged_models.py');

/** Runs test/python/logged_models.py and parses the JSON it prints last. */
async function helper<T>(...args: string[]): Promise<T> {
  const lines = (await runPython([HELPER, ...args])).trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

interface PyVersion {
  name: string; version: string; creation_timestamp: number; last_updated_timestamp: number; description: string | null;
  user_id: string | null; current_stage: string; source: string; run_id: string | null; run_link: string | null; status: string;
  status_message: string | null; tags: Record<string, string>; aliases: string[];
}
interface PyModel {
  model_id: string; experiment_id: string; name: string; artifact_location: string; creation_timestamp: number; last_updated_timestamp: number;
  status: string; model_type: string | null; source_run_id: string | null; status_message: string | null;
  tags: Record<string, string>; params: Record<string, string>;
  metrics: { key: string; value: number; timestamp: number; step: number; run_id: string; model_id: string; dataset_name: string | null; dataset_digest: string | null }[];
}
interface ReadBack {
  model: PyModel;
  search: string[];
  search_by_param: string[];
  registered: {
    name: string; creation_timestamp: number; last_updated_timestamp: number; description: string | null; tags: Record<string, string>;
    aliases: Record<string, number>; latest_versions: PyVersion[];
  };
  versions: PyVersion[];
  by_alias: Record<string, PyVersion>;
  download_uris: Record<string, string>;
  run_outputs: [string, number][];
}

/** What MLflow reads of a version the agent wrote with `source`, `runId` and `tags`. */
const pyVersion = (name: string, version: string, created: number, source: string, runId: string | null, tags: Record<string, string>, aliases: string[]): PyVersion => ({
  name, version, creation_timestamp: created, last_updated_timestamp: created, description: null, user_id: null, current_stage: 'None',
  source, run_id: runId, run_link: null, status: 'READY', status_message: null, tags, aliases,
});

describe('the SQLite model store and MLflow', () => {
  test('a logged model, its metric and two registered versions with aliases written here are read by MlflowClient with every value', async () => {
    const dir = mkdtempSync(join(base, 'ours-'));
    const store = new SqliteStore(join(dir, 'mlflow.db'), { artifactRoot: join(dir, 'mlruns') });
    const experimentId = await store.createExperiment('models-it');
    const run = await store.createRun({ experimentId, userId: 'alice', startTime: 1700000000000, tags: [], runName: 'train' });
    const created = await store.models.createLoggedModel({
      experimentId, name: 'iris-clf', modelType: 'tfjs', sourceRunId: run.runId, params: { lr: '0.01', epochs: '5' }, tags: { team: 'ml' },
    });
    const modelId = created.info.model_id;
    await store.models.setLoggedModelTags(modelId, { stage: 'dev' });
    await store.models.logLoggedModelParams(modelId, { batch: '32' });
    await store.logBatch(run.runId, {
      metrics: [{ key: 'accuracy', value: 0.93, timestamp: 1700000000500, step: 3, modelId, datasetName: 'iris', datasetDigest: 'abc123' }],
      params: [],
      tags: [],
    });
    await store.logOutputs(run.runId, [{ modelId, step: 3 }]);
    const ready = await store.models.finalizeLoggedModel(modelId, 'LOGGED_MODEL_READY');
    const other = await store.models.createLoggedModel({ experimentId, name: 'other', params: { lr: '0.01' } });
    await store.models.createRegisteredModel('IrisClassifier');
    const v1 = await store.models.createModelVersion({ name: 'IrisClassifier', source: `models:/${modelId}`, runId: run.runId, modelId, tags: { token: 't1' } });
    const v2 = await store.models.createModelVersion({ name: 'IrisClassifier', source: `models:/${modelId}`, modelId, description: 'second' });
    await store.models.setRegisteredModelAlias('IrisClassifier', 'champion', '1');
    await store.models.setRegisteredModelAlias('IrisClassifier', 'challenger', '1');
    await store.models.setRegisteredModelAlias('IrisClassifier', 'champion', '2');
    const ours = await store.models.getLoggedModel(modelId);
    store.close();

    const back = await helper<ReadBack>('read', `sqlite:///${store.location}`, modelId, 'IrisClassifier');
    const artifactLocation = `${dir}/mlruns/${experimentId}/models/${modelId}/artifacts`;
    assert.equal(ours.info.artifact_uri, artifactLocation);
    assert.deepEqual(back.model, {
      model_id: modelId, experiment_id: experimentId, name: 'iris-clf', artifact_location: artifactLocation,
      creation_timestamp: created.info.creation_timestamp_ms, last_updated_timestamp: ready.info.last_updated_timestamp_ms,
      status: 'READY', model_type: 'tfjs', source_run_id: run.runId, status_message: null,
      tags: { team: 'ml', stage: 'dev', 'mlflow.modelVersions': '[{"name": "IrisClassifier", "version": 1}, {"name": "IrisClassifier", "version": 2}]' },
      params: { lr: '0.01', epochs: '5', batch: '32' },
      metrics: [{ key: 'accuracy', value: 0.93, timestamp: 1700000000500, step: 3, run_id: run.runId, model_id: modelId, dataset_name: 'iris', dataset_digest: 'abc123' }],
    });
    assert.deepEqual(Object.fromEntries((ours.info.tags ?? []).map((t) => [t.key, t.value])), back.model.tags);
    // NB: MLflow's default order is newest first; both were made within a few milliseconds, so only the set is certain.
    assert.deepEqual([...back.search].sort(), [modelId, other.info.model_id].sort());
    assert.deepEqual(back.search_by_param, [modelId]);
    assert.deepEqual(back.run_outputs, [[modelId, 3]]);

    const first = pyVersion('IrisClassifier', '1', v1.creation_timestamp!, `models:/${modelId}`, run.runId, { token: 't1' }, ['challenger']);
    const second = { ...pyVersion('IrisClassifier', '2', v2.creation_timestamp!, `models:/${modelId}`, run.runId, {}, ['champion']), description: 'second' };
    assert.equal(v2.run_id, run.runId, 'the run of the logged model, as MLflow takes it when none is given');
    // NB: MLflow's SQL store gives alias versions as integers (the column's type), versions themselves as strings.
    assert.deepEqual(back.registered, {
      name: 'IrisClassifier', creation_timestamp: back.registered.creation_timestamp, last_updated_timestamp: v2.creation_timestamp, description: null,
      tags: {}, aliases: { champion: 2, challenger: 1 }, latest_versions: [{ ...second, aliases: [] }],
    });
    assert.ok(back.registered.creation_timestamp <= v1.creation_timestamp!);
    // NB: MLflow's search leaves a version's aliases out; its other lookups fill them in.
    assert.deepEqual(back.versions, [{ ...second, aliases: [] }, { ...first, aliases: [] }]);
    assert.deepEqual(back.by_alias, { champion: second, challenger: first });
    assert.deepEqual(back.download_uris, { 1: artifactLocation, 2: artifactLocation });
  });

  test('a logged model and versions MLflow\'s client wrote are read here, and a version added here is read by MLflow', async () => {
    const dir = mkdtempSync(join(base, 'theirs-'));
    const db = join(dir, 'mlflow.db');
    const made = await helper<{ experiment_id: string; run_id: string; model_id: string; versions: string[] }>('write', `sqlite:///${db}`);
    assert.deepEqual(made.versions, ['1', '2']);
    const store = new SqliteStore(db, { artifactRoot: join(dir, 'mlruns') });
    const model = await store.models.getLoggedModel(made.model_id);
    const artifactUri = `${dir}/mlruns/${made.experiment_id}/models/${made.model_id}/artifacts`;
    assert.deepEqual(model, {
      info: {
        model_id: made.model_id, experiment_id: made.experiment_id, name: 'py-model', artifact_uri: artifactUri,
        creation_timestamp_ms: model.info.creation_timestamp_ms, last_updated_timestamp_ms: model.info.last_updated_timestamp_ms,
        status: 'LOGGED_MODEL_READY', model_type: 'sklearn', source_run_id: made.run_id,
        tags: [{ key: 'origin', value: 'python' }, { key: 'mlflow.modelVersions', value: '[{"name": "PyModel", "version": 1}]' }],
      },
      data: {
        params: [{ key: 'alpha', value: '0.5' }],
        metrics: [{ key: 'rmse', value: 0.25, timestamp: 1700000000000, step: 2, model_id: made.model_id, dataset_name: 'holdout', dataset_digest: 'f00d' }],
      },
    });
    assert.ok(model.info.last_updated_timestamp_ms! >= model.info.creation_timestamp_ms!);
    assert.equal((await store.models.findLoggedModelByTag(made.experiment_id, 'origin', 'python'))?.info.model_id, made.model_id);
    assert.deepEqual((await store.models.listLoggedModels([made.experiment_id])).map((m) => m.info.model_id), [made.model_id]);

    const v1 = await store.models.getModelVersion('PyModel', '1');
    assert.deepEqual(v1, {
      name: 'PyModel', version: '1', creation_timestamp: v1.creation_timestamp, source: `models:/${made.model_id}`, run_id: made.run_id,
      status: 'READY', aliases: ['prod'],
    });
    assert.deepEqual(await store.models.getModelVersionByAlias('PyModel', 'prod'), v1);
    const v2 = await store.models.getModelVersion('PyModel', '2');
    assert.deepEqual([v2.source, v2.run_id, v2.aliases], ['/data/py-model-copy', made.run_id, []]);
    assert.deepEqual(await store.models.getLatestVersions('PyModel'), [v2]);
    assert.equal(await store.models.getModelVersionDownloadUri('PyModel', '1'), artifactUri);
    assert.equal(await store.models.getModelVersionDownloadUri('PyModel', '2'), '/data/py-model-copy');
    assert.deepEqual(await store.models.findModelVersionsOf(made.model_id), [v1]);
    assert.deepEqual(await store.models.findModelVersionByTag('PyModel', 'copy', 'yes'), v2);
    await assert.rejects(store.models.createRegisteredModel('PyModel'), /Registered Model \(name=PyModel\) already exists\./);

    const v3 = await store.models.createModelVersion({ name: 'PyModel', source: `models:/${made.model_id}`, modelId: made.model_id });
    assert.equal(v3.version, '3');
    await store.models.setRegisteredModelAlias('PyModel', 'prod', '3');
    store.close();
    const back = await helper<ReadBack>('read', `sqlite:///${db}`, made.model_id, 'PyModel');
    assert.deepEqual(back.by_alias, { prod: pyVersion('PyModel', '3', v3.creation_timestamp!, `models:/${made.model_id}`, made.run_id, {}, ['prod']) });
    assert.equal(back.model.tags['mlflow.modelVersions'], '[{"name": "PyModel", "version": 1}, {"name": "PyModel", "version": 3}]');
    assert.deepEqual(back.versions.map((v) => v.version), ['3', '2', '1']);
    assert.equal(back.registered.last_updated_timestamp, v3.creation_timestamp);
    assert.equal(back.download_uris[3], artifactUri);
  });

  test('a database at MLflow 3.7\'s schema gets models and versions without workspaces, and MLflow reads them after `mlflow db upgrade`', async () => {
    const dir = mkdtempSync(join(base, 'old-'));
    const db = join(dir, 'mlflow.db');
    await helper('create-at', 'bf29a5ff90ea', db);
    const store = new SqliteStore(db, { artifactRoot: join(dir, 'mlruns') });
    const experimentId = await store.createExperiment('old-schema');
    const model = await store.models.createLoggedModel({ experimentId, name: 'old', params: { lr: '0.01' } });
    await store.models.finalizeLoggedModel(model.info.model_id, 'LOGGED_MODEL_READY');
    await store.models.createRegisteredModel('Old');
    const v1 = await store.models.createModelVersion({ name: 'Old', source: `models:/${model.info.model_id}`, modelId: model.info.model_id });
    await store.models.setRegisteredModelAlias('Old', 'champion', '1');
    store.close();
    await helper('upgrade', db);
    const back = await helper<ReadBack>('read', `sqlite:///${db}`, model.info.model_id, 'Old');
    assert.equal(back.model.status, 'READY');
    assert.deepEqual(back.model.params, { lr: '0.01' });
    assert.deepEqual(back.by_alias, {
      champion: pyVersion('Old', '1', v1.creation_timestamp!, `models:/${model.info.model_id}`, null, {}, ['champion']),
    });
    assert.deepEqual(back.download_uris, { 1: model.info.artifact_uri });
  });
});
