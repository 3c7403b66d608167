/**
 * The local file store on its own: the files it lays down (names, meta.yaml fields, metric lines)
 * and its rules (write-once params, errors, locking). MLflow reading them back is tested in
 * test/integration/file-store-readback.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MlflowRestError, ValidationError } from '../../src/errors';
import { setSilent } from '../../src/util/logger';
import { FileStore } from '../../src/store/file-store';
import { formatPythonFloat, parsePythonFloat } from '../../src/store/file-store-format';
import { withFileLock } from '../../src/store/file-store-lock';
import { dumpYaml, parseYaml, yamlString } from '../../src/store/file-store-yaml';

setSilent(true);

const base = mkdtempSync(join(tmpdir(), 'file-store-'));
after(() => rmSync(base, { recursive: true, force: true }));
const root = () => join(mkdtempSync(join(base, 'case-')), 'mlruns');
const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');
const meta = (...parts: string[]) => parseYaml(read(...parts, 'meta.yaml'))!;

function rejectsWith(code: string, status: number) {
  return (error: unknown) => {
    assert.ok(error instanceof MlflowRestError, `expected an MlflowRestError, got ${String(error)}`);
    assert.equal(error.errorCode, code);
    assert.equal(error.httpStatus, status);
    return true;
  };
}

async function newRun(store: FileStore, runName = 'r') {
  const experimentId = await store.createExperiment(`exp-${Math.random()}`);
  const info = await store.createRun({ experimentId, userId: 'alice', startTime: 1000, tags: [], runName });
  return { experimentId, info, runDir: join(store.location, experimentId, info.runId) };
}

/** Every file or folder name under `dir`, recursively. */
function allNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => p.split('/').pop()!);
}

describe('experiments in the file store', () => {
  test('first use creates the Default experiment with id 0 and the .trash folder', async () => {
    const store = new FileStore(root());
    assert.equal(await store.getExperimentByName('nope'), undefined);
    const m = meta(store.location, '0');
    assert.equal(m.experiment_id, '0');
    assert.equal(m.name, 'Default');
    assert.equal(m.lifecycle_stage, 'active');
    assert.equal(m.artifact_location, `file://${store.location}/0`);
    assert.equal(typeof m.creation_time, 'number');
    assert.ok(existsSync(join(store.location, '.trash')));
    assert.equal((await store.getExperimentByName('Default'))?.experimentId, '0');
  });

  test('a new experiment gets an 18-digit id, a file:// artifact location and its tags as files', async () => {
    const store = new FileStore(root());
    const id = await store.createExperiment('my exp', { tags: [{ key: 'team', value: 'ml' }, { key: 'a/b', value: 'c' }] });
    assert.match(id, /^[1-9]\d{17}$/);
    assert.equal(read(store.location, id, 'tags', 'a', 'b'), 'c');
    assert.equal(read(store.location, id, 'tags', 'team'), 'ml');
    const experiment = await store.getExperiment(id);
    assert.equal(experiment.name, 'my exp');
    assert.equal(experiment.artifactLocation, `file://${store.location}/${id}`);
    assert.deepEqual(experiment.tags.sort((x, y) => x.key.localeCompare(y.key)), [
      { key: 'a/b', value: 'c' },
      { key: 'team', value: 'ml' },
    ]);
    assert.equal(meta(store.location, id).experiment_id, id);
  });

  test('an artifact location with spaces is percent-encoded like pathlib, and a given one is kept', async () => {
    const store = new FileStore(join(root(), 'with space'));
    const id = await store.createExperiment('e');
    assert.equal((await store.getExperiment(id)).artifactLocation, `file://${store.location.replace(' ', '%20')}/${id}`);
    const s3 = await store.createExperiment('s3', { artifactLocation: 's3://bucket/path' });
    const run = await store.createRun({ experimentId: s3, userId: 'u', startTime: 1, tags: [] });
    assert.equal(run.artifactUri, `s3://bucket/path/${run.runId}/artifacts`);
  });

  test('a taken name is refused with RESOURCE_ALREADY_EXISTS and status 400', async () => {
    const store = new FileStore(root());
    await store.createExperiment('dup');
    await assert.rejects(store.createExperiment('dup'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400));
    await assert.rejects(store.createExperiment('Default'), rejectsWith('RESOURCE_ALREADY_EXISTS', 400));
  });

  test('simultaneous creations of one name, even through separate store objects, make one experiment', async () => {
    const dir = root();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => new FileStore(dir).createExperiment('race')));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') rejectsWith('RESOURCE_ALREADY_EXISTS', 400)(r.reason);
    const named = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'meta.yaml')) && meta(dir, d).name === 'race');
    assert.equal(named.length, 1);
  });

  test('an unknown experiment is RESOURCE_DOES_NOT_EXIST with status 404 and an id with a path is refused', async () => {
    const store = new FileStore(root());
    await assert.rejects(store.getExperiment('12345'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
    await assert.rejects(store.getExperiment('../0'), rejectsWith('INVALID_PARAMETER_VALUE', 400));
    await assert.rejects(store.createExperiment('  '), rejectsWith('INVALID_PARAMETER_VALUE', 400));
  });

  test('a stale lock file left by a crashed process is broken; a live one is waited for', async () => {
    const store = new FileStore(root());
    await store.getExperimentByName('x');
    const lock = join(store.location, '.create-experiment.lock');
    writeFileSync(lock, 'crashed');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    assert.match(await store.createExperiment('after-crash'), /^\d{18}$/);
    assert.equal(existsSync(lock), false);

    const order: string[] = [];
    let release!: () => void;
    let holding!: () => void;
    const acquired = new Promise<void>((r) => (holding = r));
    const held = withFileLock(lock, () => {
      holding();
      return new Promise<void>((r) => (release = r)).then(() => order.push('holder done'));
    });
    await acquired;
    const waiting = store.createExperiment('waits').then(() => order.push('created'));
    // NB: nothing to wait for: the waiter must NOT get the lock, so it is given time to try.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(order, []);
    release();
    await Promise.all([held, waiting]);
    assert.deepEqual(order, ['holder done', 'created']);
  });
});

describe('runs in the file store', () => {
  test('a new run has a 32-hex id, MLflow\'s meta.yaml fields and the metrics, params and artifacts folders', async () => {
    const store = new FileStore(root());
    const { experimentId, info, runDir } = await newRun(store, 'first');
    assert.match(info.runId, /^[0-9a-f]{32}$/);
    assert.equal(info.artifactUri, `file://${store.location}/${experimentId}/${info.runId}/artifacts`);
    assert.deepEqual(meta(runDir), {
      artifact_uri: info.artifactUri,
      end_time: null,
      entry_point_name: '',
      experiment_id: experimentId,
      lifecycle_stage: 'active',
      run_id: info.runId,
      run_name: 'first',
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: 1000,
      status: 1,
      tags: [],
      user_id: 'alice',
    });
    for (const d of ['metrics', 'params', 'artifacts']) assert.ok(existsSync(join(runDir, d)), d);
    assert.equal(read(runDir, 'tags', 'mlflow.runName'), 'first');
  });

  test('a run without a name gets a generated one, also recorded as the mlflow.runName tag', async () => {
    const store = new FileStore(root());
    const info = await store.createRun({ experimentId: '0', userId: 'u', startTime: 5, tags: [] });
    assert.match(info.runName, /^[a-z]+-[a-z]+-\d{1,4}$/);
    assert.equal(read(store.location, '0', info.runId, 'tags', 'mlflow.runName'), info.runName);
  });

  test('a run name that contradicts the mlflow.runName tag is refused', async () => {
    const store = new FileStore(root());
    const request = { experimentId: '0', userId: 'u', startTime: 5, runName: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] };
    await assert.rejects(store.createRun(request), rejectsWith('INVALID_PARAMETER_VALUE', 400));
  });

  test('unknown runs are RESOURCE_DOES_NOT_EXIST with status 404 and run ids with paths are refused', async () => {
    const store = new FileStore(root());
    await assert.rejects(store.getRun('0123456789abcdef0123456789abcdef'), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
    await assert.rejects(store.logBatch('../../etc', { metrics: [], params: [], tags: [] }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
    await assert.rejects(store.createRun({ experimentId: '42', userId: 'u', startTime: 1, tags: [] }), rejectsWith('RESOURCE_DOES_NOT_EXIST', 404));
  });

  test('metric lines are "timestamp value step" with Python float spelling, nan, inf and -inf', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    const values = [1.5, 3, NaN, Infinity, -Infinity, 1e20, 1.234e-7, -0];
    await store.logBatch(info.runId, {
      metrics: values.map((value, step) => ({ key: 'loss/val', value, timestamp: 100 + step, step })),
      params: [],
      tags: [],
    });
    assert.equal(
      read(runDir, 'metrics', 'loss', 'val'),
      '100 1.5 0\n101 3.0 1\n102 nan 2\n103 inf 3\n104 -inf 4\n105 1e+20 5\n106 1.234e-07 6\n107 -0.0 7\n',
    );
    const history = await store.getMetricHistory(info.runId, 'loss/val');
    assert.deepEqual(history.map((m) => m.value), values);
    assert.deepEqual(history.map((m) => m.step), [0, 1, 2, 3, 4, 5, 6, 7]);
    await assert.rejects(
      store.logBatch(info.runId, { metrics: [{ key: 'x', value: 1, timestamp: 1.5, step: 0 }], params: [], tags: [] }),
      ValidationError,
    );
  });

  test('a metric naming a dataset gets the five-field line, unless whitespace would break the line', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    await store.logBatch(info.runId, {
      metrics: [
        { key: 'acc', value: 0.5, timestamp: 7, step: 2, datasetName: 'train', datasetDigest: 'abc' },
        { key: 'acc', value: 0.25, timestamp: 8, step: 3, datasetName: 'my data', datasetDigest: 'abc' },
      ],
      params: [],
      tags: [],
    });
    assert.equal(read(runDir, 'metrics', 'acc'), '7 0.5 2 train abc\n8 0.25 3\n');
    const [first] = await store.getMetricHistory(info.runId, 'acc');
    assert.equal(first?.datasetName, 'train');
    assert.equal(first?.datasetDigest, 'abc');
  });

  test('a half-appended last metric line is ignored when reading', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    await mkdir(join(runDir, 'metrics'), { recursive: true });
    writeFileSync(join(runDir, 'metrics', 'm'), '1 1.0 0\n2 2.0 1\n3 3.');
    assert.deepEqual((await store.getMetricHistory(info.runId, 'm')).map((m) => m.value), [1, 2]);
  });

  test('a param may be logged again with the same value; a different value is refused and the batch writes nothing', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    await store.logBatch(info.runId, { metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    await store.logBatch(info.runId, { metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    await assert.rejects(
      store.logBatch(info.runId, {
        metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }],
        params: [{ key: 'a_new', value: '1' }, { key: 'lr', value: '0.2' }],
        tags: [],
      }),
      rejectsWith('INVALID_PARAMETER_VALUE', 400),
    );
    assert.equal(read(runDir, 'params', 'lr'), '0.1');
    assert.equal(existsSync(join(runDir, 'params', 'a_new')), false);
    assert.equal(existsSync(join(runDir, 'metrics', 'm')), false);
  });

  test('tags overwrite, and the mlflow.runName tag renames the run in meta.yaml', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store, 'before');
    await store.setTag(info.runId, { key: 'stage', value: 'one' });
    await store.logBatch(info.runId, { metrics: [], params: [], tags: [{ key: 'stage', value: 'two\nlines' }] });
    assert.equal(read(runDir, 'tags', 'stage'), 'two\nlines');
    await store.setTag(info.runId, { key: 'mlflow.runName', value: 'after' });
    assert.equal(meta(runDir).run_name, 'after');
    assert.equal((await store.getRun(info.runId)).info.runName, 'after');
  });

  test('keys that are not their own path are refused, and a key under a key that is a file is INVALID_PARAMETER_VALUE', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    for (const key of ['a/', 'a/./b', '../up', '/abs']) {
      await assert.rejects(store.setTag(info.runId, { key, value: 'v' }), ValidationError, key);
    }
    await store.setTag(info.runId, { key: 'k', value: 'file' });
    await assert.rejects(store.setTag(info.runId, { key: 'k/sub', value: 'v' }), rejectsWith('INVALID_PARAMETER_VALUE', 400));
    assert.equal(read(runDir, 'tags', 'k'), 'file');
    assert.deepEqual(allNames(runDir).filter((n) => n.endsWith('.tmp')), []);
  });

  test('updateRun stores the status as MLflow\'s number, the end time and a new name', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    const updated = await store.updateRun(info.runId, { status: 'FINISHED', endTime: 2000, runName: 'done' });
    assert.equal(updated.status, 'FINISHED');
    const m = meta(runDir);
    assert.equal(m.status, 3);
    assert.equal(m.end_time, 2000);
    assert.equal(m.run_name, 'done');
    assert.equal(read(runDir, 'tags', 'mlflow.runName'), 'done');
    await store.updateRun(info.runId, { status: 'KILLED' });
    assert.equal(meta(runDir).status, 5);
    assert.equal(meta(runDir).end_time, 2000);
  });

  test('getRun returns the latest value of each metric by step, then timestamp, with params and tags', async () => {
    const store = new FileStore(root());
    const { info } = await newRun(store);
    await store.logBatch(info.runId, {
      metrics: [
        { key: 'm', value: 9, timestamp: 50, step: 1 },
        { key: 'm', value: 7, timestamp: 10, step: 3 },
        { key: 'm', value: 8, timestamp: 20, step: 3 },
        { key: 'm', value: 1, timestamp: 99, step: 2 },
      ],
      params: [{ key: 'p', value: 'v' }],
      tags: [{ key: 't/u', value: 'w' }],
    });
    const run = await store.getRun(info.runId);
    assert.deepEqual(run.data.metrics.map((m) => [m.key, m.value, m.step, m.timestamp]), [['m', 8, 3, 20]]);
    assert.deepEqual(run.data.params, [{ key: 'p', value: 'v' }]);
    assert.ok(run.data.tags.some((t) => t.key === 't/u' && t.value === 'w'));
  });

  test('logInputs writes the dataset under the experiment and the input under the run, named by md5, once', async () => {
    const store = new FileStore(root());
    const { experimentId, info, runDir } = await newRun(store);
    const dataset = { name: 'ds', digest: 'abc123', sourceType: 'local', source: '/tmp/x.csv', schema: '{"a":1}' };
    const input = { dataset, tags: [{ key: 'mlflow.data.context', value: 'train' }] };
    await store.logInputs(info.runId, [input], [{ modelId: 'm-in' }]);
    await store.logInputs(info.runId, [input]);
    // NB: ids computed by MLflow itself for ('ds', 'abc123') and that dataset in this run's folder.
    const datasetDir = join(store.location, experimentId, 'datasets', 'a7f4729de18103618af1e4d9f167faf7');
    assert.deepEqual(meta(datasetDir), {
      digest: 'abc123', name: 'ds', profile: null, schema: '{"a":1}', source: '/tmp/x.csv', source_type: 'local',
    });
    const inputs = readdirSync(join(runDir, 'inputs'));
    assert.equal(inputs.length, 2);
    const datasetInput = inputs.map((d) => meta(runDir, 'inputs', d)).find((m) => m.source_type === 'DATASET');
    assert.deepEqual(datasetInput, {
      destination_id: 'a7f4729de18103618af1e4d9f167faf7',
      destination_type: 'RUN',
      source_id: 'a7f4729de18103618af1e4d9f167faf7',
      source_type: 'DATASET',
      tags: { 'mlflow.data.context': 'train' },
    });
    const run = await store.getRun(info.runId);
    assert.deepEqual(run.inputs.datasetInputs, [input]);
    assert.deepEqual(run.inputs.modelInputs, [{ modelId: 'm-in' }]);
  });

  test('logOutputs writes outputs/<model_id>/meta.yaml and refuses a model id that is a path', async () => {
    const store = new FileStore(root());
    const { info, runDir } = await newRun(store);
    await store.logOutputs(info.runId, [{ modelId: 'm-123', step: 7 }]);
    assert.deepEqual(meta(runDir, 'outputs', 'm-123'), {
      destination_id: 'm-123', destination_type: 'MODEL_OUTPUT', source_id: 'm-123', source_type: 'RUN_OUTPUT', step: 7, tags: {},
    });
    assert.deepEqual((await store.getRun(info.runId)).outputs.modelOutputs, [{ modelId: 'm-123', step: 7 }]);
    await assert.rejects(store.logOutputs(info.runId, [{ modelId: '../evil' }]), rejectsWith('INVALID_PARAMETER_VALUE', 400));
  });

  test('a metric with a model id also goes to that logged model\'s metrics when the store holds the model', async () => {
    const store = new FileStore(root());
    const { experimentId, info } = await newRun(store);
    const modelDir = join(store.location, experimentId, 'models', 'm-1');
    await mkdir(modelDir, { recursive: true });
    writeFileSync(join(modelDir, 'meta.yaml'), 'model_id: m-1\n');
    await store.logBatch(info.runId, {
      metrics: [
        { key: 'acc', value: 0.5, timestamp: 3, step: 1, modelId: 'm-1' },
        { key: 'acc', value: 0.5, timestamp: 3, step: 1, modelId: 'unknown-model' },
      ],
      params: [],
      tags: [],
    });
    assert.equal(read(modelDir, 'metrics', 'acc'), `3 0.5 1 ${info.runId}\n`);
    assert.equal(existsSync(join(store.location, experimentId, 'models', 'unknown-model')), false);
  });

  test('searchRuns returns active runs newest first, pages with a token, and refuses filters', async () => {
    const store = new FileStore(root());
    const experimentId = await store.createExperiment('search');
    const ids: string[] = [];
    for (const startTime of [300, 100, 200]) {
      ids.push((await store.createRun({ experimentId, userId: 'u', startTime, tags: [] })).runId);
    }
    const first = await store.searchRuns({ experimentIds: [experimentId], maxResults: 2 });
    assert.deepEqual(first.runs.map((r) => r.info.startTime), [300, 200]);
    assert.ok(first.nextPageToken);
    const second = await store.searchRuns({ experimentIds: [experimentId], maxResults: 2, pageToken: first.nextPageToken });
    assert.deepEqual(second.runs.map((r) => r.info.runId), [ids[1]]);
    assert.equal(second.nextPageToken, undefined);
    await assert.rejects(store.searchRuns({ experimentIds: [experimentId], filter: "params.a = '1'" }), ValidationError);
  });

  test('writes leave no temporary files behind', async () => {
    const store = new FileStore(root());
    const { info } = await newRun(store);
    await store.logBatch(info.runId, {
      metrics: [{ key: 'a', value: 1, timestamp: 1, step: 0 }],
      params: [{ key: 'p/q', value: '1' }],
      tags: [{ key: 't', value: '1' }],
    });
    await store.logInputs(info.runId, [{ dataset: { name: 'd', digest: 'x', sourceType: 's', source: 'y' }, tags: [] }]);
    await store.logOutputs(info.runId, [{ modelId: 'm' }]);
    await store.updateRun(info.runId, { status: 'FINISHED', endTime: 3 });
    assert.deepEqual(allNames(store.location).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock')), []);
  });
});

describe('file store encodings', () => {
  test('floats are spelled as Python\'s repr spells them', () => {
    const cases: [number, string][] = [
      [0, '0.0'], [1, '1.0'], [-2.5, '-2.5'], [0.1, '0.1'], [1 / 3, '0.3333333333333333'], [1e16, '1e+16'],
      [1e15, '1000000000000000.0'], [123456789012345680, '1.2345678901234568e+17'], [0.0001, '0.0001'],
      [0.00001, '1e-05'], [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'], [NaN, 'nan'],
      [Infinity, 'inf'], [-Infinity, '-inf'],
    ];
    for (const [value, text] of cases) {
      assert.equal(formatPythonFloat(value), text);
      assert.ok(Object.is(parsePythonFloat(text), value), text);
    }
  });

  test('YAML strings that YAML 1.1 would read as something else are quoted, and all read back', () => {
    for (const word of ['yes', 'No', 'on', 'OFF', 'null', '~', '0', '1:20', '2001-12-14', '0x1f', '.nan', '']) {
      assert.match(yamlString(word), /^['"]/, word);
    }
    assert.equal(yamlString('my exp'), 'my exp');
    assert.equal(yamlString('53a7083e7dc64564acc2d33072a7eaf4'), '53a7083e7dc64564acc2d33072a7eaf4');
    const tricky = ["it's", 'a: b', '#x', ' lead', 'tab\there', 'new\nline', '\u2028', 'é😀', '- x', '12e5'];
    const back = parseYaml(dumpYaml(Object.fromEntries(tricky.map((s, i) => [`k${i}`, s]))))!;
    assert.deepEqual(tricky.map((_, i) => back[`k${i}`]), tricky);
  });
});
