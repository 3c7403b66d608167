/**
 * What the file store writes is what MLflow 3's own client reads from a `file://` tracking URI
 * (with MLFLOW_ALLOW_FILE_STORE=true), also when several processes write at once and after
 * `mlflow migrate-filestore` moves it into sqlite; and what MLflow writes, the file store reads.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { LocalArtifactRepository } from '../../src/artifacts/local-artifact-repo';
import { FileStore } from '../../src/store/file-store';
import { REPO_ROOT, pythonJson, readRun, runPython, type ReadBackRun } from '../harness/python';
import { runValue, sharedValue } from '../fixtures/file-store-writer';

const execFileAsync = promisify(execFile);
const FILE_STORE_ENV = { MLFLOW_ALLOW_FILE_STORE: 'true' };
const base = mkdtempSync(join(tmpdir(), 'file-store-readback-'));
after(() => rmSync(base, { recursive: true, force: true }));
const newRoot = () => join(mkdtempSync(join(base, 'case-')), 'mlruns');
const fileUri = (path: string) => pathToFileURL(path).href;

/** Logs one run with a bit of everything; returns its id and what the read-back must show. */
async function writeRichRun(root: string) {
  const store = new FileStore(root);
  const experimentId = await store.createExperiment('readback experiment', { tags: [{ key: 'team/area', value: 'ml' }] });
  assert.equal((await store.getExperimentByName('readback experiment'))?.experimentId, experimentId);
  const info = await store.createRun({
    experimentId, userId: 'alice', startTime: 1_700_000_000_000, runName: 'rich run', tags: [{ key: 'purpose', value: 'readback' }],
  });
  const values = [0.5, NaN, Infinity, -Infinity, 3, 1e-7];
  await store.logBatch(info.runId, {
    params: [{ key: 'lr', value: '0.01' }, { key: 'layers', value: '[64, 32]' }, { key: 'flag', value: 'yes' }],
    tags: [{ key: 'nested/key/deep', value: 'slash' }, { key: 'multi', value: 'line one\nline two' }],
    metrics: values.map((value, step) => ({ key: 'loss', value, timestamp: 1_700_000_000_100 + step, step: step * 10 })),
  });
  await store.logBatch(info.runId, {
    params: [],
    tags: [],
    metrics: [{ key: 'val/acc', value: 0.75, timestamp: 1_700_000_000_200, step: 5 }],
  });
  await store.logInputs(info.runId, [{
    dataset: {
      name: 'train-set',
      digest: 'd1g3st',
      sourceType: 'local',
      source: '{"uri": "/data/train.csv"}',
      schema: '{"mlflow_colspec": []}',
      profile: '{"num_rows": 10}',
    },
    tags: [{ key: 'mlflow.data.context', value: 'training' }],
  }]);
  await store.logOutputs(info.runId, [{ modelId: 'm-0123456789abcdef', step: 60 }]);
  const local = mkdtempSync(join(base, 'artifact-'));
  writeFileSync(join(local, 'weights.bin'), Buffer.alloc(1234, 7));
  await new LocalArtifactRepository(info.artifactUri).logArtifact(join(local, 'weights.bin'), 'model');
  await store.updateRun(info.runId, { status: 'FINISHED', endTime: 1_700_000_009_000 });
  return { store, experimentId, runId: info.runId, artifactUri: info.artifactUri, values };
}

/** The values the read-back prints for our metric values (NaN and ±Infinity as strings). */
const printed = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);

function assertRichRun(run: ReadBackRun, expected: Awaited<ReturnType<typeof writeRichRun>>, infinity = Infinity) {
  assert.equal(run.info.run_id, expected.runId);
  assert.equal(run.info.experiment_id, expected.experimentId);
  assert.equal(run.info.run_name, 'rich run');
  assert.equal(run.info.user_id, 'alice');
  assert.equal(run.info.status, 'FINISHED');
  assert.equal(run.info.start_time, 1_700_000_000_000);
  assert.equal(run.info.end_time, 1_700_000_009_000);
  assert.equal(run.info.lifecycle_stage, 'active');
  assert.deepEqual(run.params, { lr: '0.01', layers: '[64, 32]', flag: 'yes' });
  assert.deepEqual(run.tags, {
    purpose: 'readback', 'mlflow.runName': 'rich run', 'nested/key/deep': 'slash', multi: 'line one\nline two',
  });
  const loss = [...run.metrics.loss!].sort((a, b) => a.step - b.step);
  assert.deepEqual(loss.map((p) => p.step), [0, 10, 20, 30, 40, 50]);
  assert.deepEqual(loss.map((p) => p.timestamp), expected.values.map((_, i) => 1_700_000_000_100 + i));
  const want = expected.values.map((v) => printed(v === Infinity ? infinity : v === -Infinity ? -infinity : v));
  assert.deepEqual(loss.map((p) => p.value), want);
  assert.deepEqual(run.metrics['val/acc'], [{ step: 5, value: 0.75, timestamp: 1_700_000_000_200 }]);
  assert.deepEqual(run.inputs, [{
    name: 'train-set', digest: 'd1g3st', source_type: 'local', schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 10}',
    tags: { 'mlflow.data.context': 'training' },
  }]);
  assert.deepEqual(run.outputs, ['m-0123456789abcdef']);
  assert.deepEqual(run.artifacts, [
    { path: 'model', is_dir: true, file_size: null },
    { path: 'model/weights.bin', is_dir: false, file_size: 1234 },
  ]);
}

describe('MLflow reads back the file store', () => {
  test('a run with params, nested tags, NaN and infinite metrics, a dataset, a model and an artifact reads back exactly', async () => {
    const root = newRoot();
    const expected = await writeRichRun(root);
    assert.equal(expected.artifactUri, `${fileUri(root)}/${expected.experimentId}/${expected.runId}/artifacts`);
    const run = await readRun(fileUri(root), expected.runId, FILE_STORE_ENV);
    assertRichRun(run, expected);
    const experiment = await pythonJson<{ id: string; name: string; tags: Record<string, string>; default: string }>(
      `import json; from mlflow.tracking import MlflowClient
c = MlflowClient(tracking_uri=${JSON.stringify(fileUri(root))})
e = c.get_experiment_by_name("readback experiment")
print(json.dumps({"id": e.experiment_id, "name": e.name, "tags": e.tags, "default": c.get_experiment("0").name}))`,
      FILE_STORE_ENV,
    );
    assert.deepEqual(experiment, { id: expected.experimentId, name: 'readback experiment', tags: { 'team/area': 'ml' }, default: 'Default' });
  });

  test('names and values YAML 1.1 would misread (yes, 1:20, quotes, newlines, unicode) read back unchanged', async () => {
    const root = newRoot();
    const store = new FileStore(root);
    const names = ['yes', '1:20', "it's: a #test", 'new\nline', ' padded ', 'émoji 😀', '0x1f', '2001-12-14', 'null', '\u2028sep'];
    const written: { experimentId: string; runId: string; name: string }[] = [];
    for (const name of names) {
      const experimentId = await store.createExperiment(name);
      const { runId } = await store.createRun({ experimentId, userId: name, startTime: 1, runName: name, tags: [] });
      await store.logInputs(runId, [{ dataset: { name, digest: 'abc', sourceType: name, source: name }, tags: [{ key: 'k', value: name }] }]);
      written.push({ experimentId, runId, name });
    }
    const back = await pythonJson<{ experiment: string; run: string; user: string; dataset: string[] }[]>(
      `import json; from mlflow.tracking import MlflowClient
c = MlflowClient(tracking_uri=${JSON.stringify(fileUri(root))})
out = []
for e, r in ${JSON.stringify(written.map((w) => [w.experimentId, w.runId]))}:
    run = c.get_run(r)
    d = run.inputs.dataset_inputs[0]
    out.append({"experiment": c.get_experiment(e).name, "run": run.info.run_name, "user": run.info.user_id,
                "dataset": [d.dataset.name, d.dataset.source_type, d.dataset.source, d.tags[0].value]})
print(json.dumps(out))`,
      FILE_STORE_ENV,
    );
    assert.deepEqual(back, names.map((n) => ({ experiment: n, run: n, user: n, dataset: [n, n, n, n] })));
  });

  test('processes creating one experiment name at once end with one experiment, all runs and intact metric lines', async () => {
    const root = newRoot();
    const store = new FileStore(root);
    const sharedExperiment = await store.createExperiment('shared');
    const shared = await store.createRun({ experimentId: sharedExperiment, userId: 'test', startTime: 1, tags: [] });
    const workers = 4;
    const runs = 3;
    const steps = 400;
    const startAt = Date.now() + 4000;
    const fixture = join(REPO_ROOT, 'test', 'fixtures', 'file-store-writer.ts');
    const args = (worker: number) =>
      [fixture, root, 'contended', worker, runs, steps, shared.runId, startAt].map(String);
    const outputs = await Promise.all(Array.from({ length: workers }, (_, worker) =>
      execFileAsync(process.execPath, ['--import', 'tsx', ...args(worker)], { cwd: REPO_ROOT }),
    ));
    type Report = { worker: number; experimentId: string; created: boolean; runIds: string[] };
    const reports = outputs.map((o) => JSON.parse(o.stdout) as Report);
    assert.equal(reports.filter((r) => r.created).length, 1, 'exactly one worker created the experiment');
    assert.equal(new Set(reports.map((r) => r.experimentId)).size, 1);

    type ReadBack = { status: string; worker: string; run: string; loss: [number, number][] };
    const back = await pythonJson<{ ids: string[]; runs: Record<string, ReadBack>; shared: [number, number][] }>(
      `import json; from mlflow.tracking import MlflowClient; from mlflow.entities import ViewType
c = MlflowClient(tracking_uri=${JSON.stringify(fileUri(root))})
ids = [e.experiment_id for e in c.search_experiments(view_type=ViewType.ALL) if e.name == "contended"]
runs = {}
for r in c.search_runs(ids, max_results=1000):
    runs[r.info.run_id] = {"status": r.info.status, "worker": r.data.params["worker"], "run": r.data.params["run"],
        "loss": [[m.step, m.value] for m in c.get_metric_history(r.info.run_id, "loss")]}
shared = [[m.step, m.value] for m in c.get_metric_history(${JSON.stringify(shared.runId)}, "shared")]
print(json.dumps({"ids": ids, "runs": runs, "shared": shared}))`,
      FILE_STORE_ENV,
    );
    assert.deepEqual(back.ids, [reports[0]!.experimentId]);
    const allRunIds = reports.flatMap((r) => r.runIds);
    assert.deepEqual(Object.keys(back.runs).sort(), [...allRunIds].sort());
    for (const report of reports) {
      report.runIds.forEach((runId, run) => {
        const got = back.runs[runId]!;
        assert.equal(got.status, 'FINISHED');
        assert.deepEqual([got.worker, got.run], [String(report.worker), String(run)]);
        const loss = got.loss.sort((a, b) => a[0] - b[0]);
        assert.deepEqual(loss, Array.from({ length: steps }, (_, step) => [step, runValue(report.worker, run, step)]));
      });
    }
    assert.equal(back.shared.length, workers * runs * steps);
    const expectedShared = new Set<string>();
    for (let worker = 0; worker < workers; worker++) {
      for (let step = 0; step < runs * steps; step++) expectedShared.add(`${step} ${sharedValue(worker, step)}`);
    }
    assert.deepEqual(new Set(back.shared.map(([step, value]) => `${step} ${value}`)), expectedShared);
    const lines = readFileSync(join(root, sharedExperiment, shared.runId, 'metrics', 'shared'), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.ok(lines.every((l) => /^\d \d+\.0 \d+$/.test(l)), 'every line of the shared metric file is whole');
    assert.deepEqual(readdirSync(root).filter((n) => n.endsWith('.lock')), []);
  });

  test('mlflow migrate-filestore moves a store we wrote into sqlite, where MLflow reads the run back', async () => {
    const root = newRoot();
    const expected = await writeRichRun(root);
    const db = join(mkdtempSync(join(base, 'migrated-')), 'mlflow.db');
    await runPython(['-m', 'mlflow', 'migrate-filestore', '--source', root, '--target', `sqlite:///${db}`, '--no-progress']);
    const run = await readRun(`sqlite:///${db}`, expected.runId);
    // NB: MLflow's SQL store keeps ±Infinity as ±max float64; that is its rule, not the migration's.
    assertRichRun(run, expected, 1.7976931348623157e308);
    const names = await pythonJson<string[]>(
      `import json; from mlflow.tracking import MlflowClient
print(json.dumps(sorted(e.name for e in MlflowClient(tracking_uri=${JSON.stringify(`sqlite:///${db}`)}).search_experiments())))`,
    );
    assert.deepEqual(names, ['Default', 'readback experiment']);
  });
});

describe('the file store reads what MLflow wrote', () => {
  test('a run logged by MLflow\'s Python client reads back through FileStore with every value', async () => {
    const root = newRoot();
    mkdirSync(root, { recursive: true });
    const ids = await pythonJson<{ experimentId: string; runId: string }>(
      `import json; from mlflow.tracking import MlflowClient
from mlflow.entities import Metric, Param, RunTag, DatasetInput, Dataset, InputTag, LoggedModelOutput
c = MlflowClient(tracking_uri=${JSON.stringify(fileUri(root))})
e = c.create_experiment("from python", tags={"a/b": "c"})
r = c.create_run(e, run_name="py run", tags={"x/y": "z"})
c.log_batch(r.info.run_id, metrics=[Metric("m", 1.5, 10, 0), Metric("m", float("nan"), 11, 1), Metric("m", float("-inf"), 12, 2)],
            params=[Param("p", "on")], tags=[RunTag("t", "yes")])
store = c._tracking_client.store
store.log_inputs(r.info.run_id, datasets=[DatasetInput(Dataset("ds", "dg", "local", "src"), [InputTag("mlflow.data.context", "eval")])])
store.log_outputs(r.info.run_id, [LoggedModelOutput("m-1", 4)])
c.set_terminated(r.info.run_id, "FAILED", end_time=99)
print(json.dumps({"experimentId": e, "runId": r.info.run_id}))`,
      FILE_STORE_ENV,
    );
    const store = new FileStore(root);
    const experiment = (await store.getExperimentByName('from python'))!;
    assert.equal(experiment.experimentId, ids.experimentId);
    assert.deepEqual(experiment.tags, [{ key: 'a/b', value: 'c' }]);
    const run = await store.getRun(ids.runId);
    assert.equal(run.info.runName, 'py run');
    assert.equal(run.info.status, 'FAILED');
    assert.equal(run.info.endTime, 99);
    assert.deepEqual(run.data.params, [{ key: 'p', value: 'on' }]);
    const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
    assert.deepEqual(tags, { 'mlflow.runName': 'py run', t: 'yes', 'x/y': 'z' });
    const history = await store.getMetricHistory(ids.runId, 'm');
    assert.deepEqual(history.map((m) => [m.step, m.value, m.timestamp]), [[0, 1.5, 10], [1, NaN, 11], [2, -Infinity, 12]]);
    assert.deepEqual(run.inputs.datasetInputs, [{
      dataset: { name: 'ds', digest: 'dg', sourceType: 'local', source: 'src' },
      tags: [{ key: 'mlflow.data.context', value: 'eval' }],
    }]);
    assert.deepEqual(run.outputs.modelOutputs, [{ modelId: 'm-1', step: 4 }]);
    const search = await store.searchRuns({ experimentIds: [ids.experimentId] });
    assert.deepEqual(search.runs.map((r) => r.info.runId), [ids.runId]);
  });
});
