/**
 * `mlflow-autolog runs list` and `runs show` read the runs MLflow's own Python client reads, from
 * the real tracking server, from a local SQLite store (named, or the default ./mlflow.db) and from
 * a folder MLflow itself wrote: with --json field for field (Run.to_dictionary(), the logged
 * models and their registrations), as tables with the same ids, values and models.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, fillStore, type FilledStore } from '../harness/cli';
import { testServer } from '../harness/mlflow-server';
import { pythonJson, REPO_ROOT, runPython } from '../harness/python';

const base = mkdtempSync(join(tmpdir(), 'cli-runs-it-'));
after(() => rmSync(base, { recursive: true, force: true }));
const tempDir = (prefix: string) => mkdtempSync(join(base, prefix));

interface RunDict {
  info: { run_id: string; run_name: string; status: string; experiment_id: string };
  data: { metrics: Record<string, number | string>; params: Record<string, string>; tags: Record<string, string> };
  outputs: { model_outputs: { model_id: string; step: number }[] };
}
interface ModelDict {
  status_message: string | null;
  model_id: string;
  name: string;
  status: string;
  registrations: { name: string; version: string }[];
}
interface Described {
  runs: RunDict[];
  models: Record<string, ModelDict[]>;
}

/** What MLflow's client reads of the store's experiment (test/python/describe_runs.py). */
async function describeWithMlflow(store: FilledStore): Promise<Described> {
  const out = await runPython([join(REPO_ROOT, 'test', 'python', 'describe_runs.py'), store.trackingUri, store.experiment, store.model]);
  const described = JSON.parse(out) as Described;
  // NB: MLflow's client reads an unset status message as '' from a server (the proto's default)
  // and as None from a database; the CLI says null for both.
  for (const models of Object.values(described.models)) for (const m of models) m.status_message = m.status_message === '' ? null : m.status_message;
  return described;
}

/** The lines of a table printed by the CLI, each split into its cells (two or more spaces apart). */
function tableRows(text: string, header: RegExp): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => header.test(line));
  assert.ok(start >= 0, `a table headed ${header} in:\n${text}`);
  assert.match(lines[start + 1]!, /^-+( {2}-+)*$/, 'a row of dashes under the headers');
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    rows.push(line.split(/ {2,}/));
  }
  return rows;
}

/** The checks every store must pass: list and show, JSON and tables, against MLflow's reading. */
async function assertReadsAsMlflow(store: FilledStore, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<void> {
  const expected = await describeWithMlflow(store);
  assert.equal(expected.runs.length, store.ids.runIds.length, 'MLflow reads every run the fixture made');

  const listed = await cli(['runs', 'list', '--experiment-name', store.experiment, '--json', ...args], env, cwd);
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(JSON.parse(listed.stdout), expected.runs, 'runs list --json is what MLflow\'s search_runs gives, in its order');

  const table = await cli(['runs', 'list', '--experiment-name', store.experiment, ...args], env, cwd);
  assert.equal(table.code, 0, table.stderr);
  const rows = tableRows(table.stdout, /^Date +Name +ID +Status +Duration$/);
  assert.deepEqual(
    rows.map((r) => [r[1], r[2], r[3]]),
    expected.runs.map((r) => [r.info.run_name, r.info.run_id, r.info.status]),
    'one row per run, newest first, with its name, id and status',
  );
  assert.match(table.stdout, new RegExp(`${expected.runs.length} run\\(s\\) of experiment "${store.experiment}"`));

  const forestId = store.ids.runIds.at(-1)!;
  const shown = await cli(['runs', 'show', forestId, '--json', ...args], env, cwd);
  assert.equal(shown.code, 0, shown.stderr);
  const forest = expected.runs.find((r) => r.info.run_id === forestId)!;
  assert.deepEqual(JSON.parse(shown.stdout), { ...forest, logged_models: expected.models[forestId] }, 'runs show --json is MLflow\'s reading of the run and its model');
  const [model] = expected.models[forestId]!;
  assert.equal(model!.model_id, store.ids.modelId);
  assert.deepEqual(model!.registrations, [{ name: store.model, version: store.ids.version }], 'the registration is there to compare');

  const human = await cli(['runs', 'show', forestId, ...args], env, cwd);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`^Run: +${forestId}$`, 'm'));
  assert.match(human.stdout, new RegExp(`^Experiment: +${store.experiment} \\(id ${forest.info.experiment_id}\\)$`, 'm'));
  const params = tableRows(human.stdout, /^Key +Value$/);
  assert.deepEqual(Object.fromEntries(params.map(([k, v]) => [k, v ?? ''])), forest.data.params, 'every param with its value');
  const metrics = tableRows(human.stdout, /^Key +Value +Step +Time$/);
  assert.deepEqual(Object.fromEntries(metrics.map(([k, v]) => [k, v === 'NaN' ? 'NaN' : Number(v)])), forest.data.metrics, 'every metric with its latest value');
  assert.deepEqual(tableRows(human.stdout, /^ID +Name +Status +Step +Registered as$/), [
    [store.ids.modelId, model!.name, 'READY', '0', `${store.model} v${store.ids.version}`],
  ]);

  const child = expected.runs.find((r) => r.info.run_name === 'child')!;
  const childShown = await cli(['runs', 'show', child.info.run_id, ...args], env, cwd).then((r) => r.stdout);
  assert.match(childShown, /^Logged models: none$/m);
  assert.match(childShown, /^child_metric +42 +1 /m);
}

describe('mlflow-autolog runs', () => {
  let url: string;
  let onServer: FilledStore;
  let local: FilledStore;
  before(async () => {
    url = (await testServer()).url;
    [onServer, local] = await Promise.all([fillStore(url, 2, 20, base), fillStore(undefined, 2, 20, base)]);
  });

  test('list and show read from the tracking server what MLflow\'s client reads, as JSON and as tables', async () => {
    await assertReadsAsMlflow(onServer, [], { MLFLOW_TRACKING_URI: url });
    // NB: --tracking-uri wins over the environment.
    const viaFlag = await cli(['runs', 'list', '--experiment-name', onServer.experiment, '--json', '--tracking-uri', url], { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' });
    assert.equal(viaFlag.code, 0, viaFlag.stderr);
    assert.equal((JSON.parse(viaFlag.stdout) as unknown[]).length, onServer.ids.runIds.length);
  });

  test('a local SQLite store is read as MLflow reads it, named by a sqlite:/// URI or found as ./mlflow.db', async () => {
    await assertReadsAsMlflow(local, ['--tracking-uri', local.trackingUri]);
    await assertReadsAsMlflow(local, [], {}, local.cwd);
    const byEnv = await cli(['runs', 'list', '--json'], { MLFLOW_TRACKING_URI: local.trackingUri, MLFLOW_EXPERIMENT_NAME: local.experiment });
    assert.equal(byEnv.code, 0, byEnv.stderr);
    assert.equal((JSON.parse(byEnv.stdout) as unknown[]).length, local.ids.runIds.length, 'MLFLOW_EXPERIMENT_NAME picks the experiment');
  });

  test('--max-results shows the newest runs and says whether there are more, from the server and a local store', async () => {
    for (const [store, args] of [[onServer, ['--tracking-uri', url]], [local, ['--tracking-uri', local.trackingUri]]] as const) {
      const expected = await describeWithMlflow(store);
      const list = (max: number, json = false) => cli(['runs', 'list', '--experiment-name', store.experiment, '--max-results', String(max), ...args, ...(json ? ['--json'] : [])]);
      const two = await list(2, true);
      assert.equal(two.code, 0, two.stderr);
      assert.deepEqual(JSON.parse(two.stdout), expected.runs.slice(0, 2));
      const table = await list(2);
      assert.equal(tableRows(table.stdout, /^Date +Name/).length, 2);
      assert.match(table.stdout, /^2 run\(s\) of .*, the newest; --max-results shows more\.$/m);
      // NB: a full last page must not read as "more": the stores' page tokens must say so.
      const all = expected.runs.length;
      const exactly = await list(all);
      assert.equal(tableRows(exactly.stdout, /^Date +Name/).length, all);
      assert.match(exactly.stdout, new RegExp(`^${all} run\\(s\\) of experiment "${store.experiment}" \\(id \\d+\\) in [^,]*\\.$`, 'm'), 'all shown: no word of more');
    }
  });

  test('a folder MLflow\'s own client wrote is read, a NaN metric as "NaN" and the runs by experiment id', async () => {
    const folder = join(tempDir('cli-file-store-'), 'mlruns');
    const written = await pythonJson<{ experiment_id: string; run_id: string }>(
      `import json, mlflow
mlflow.set_tracking_uri(${JSON.stringify(folder)})
experiment_id = mlflow.create_experiment("written-by-mlflow")
with mlflow.start_run(experiment_id=experiment_id, run_name="nan-run") as run:
    mlflow.log_param("alpha", "0.5")
    mlflow.log_metric("loss", 0.25, step=0)
    mlflow.log_metric("loss", float("nan"), step=1)
    mlflow.set_tag("note", "two\\nlines")
print(json.dumps({"experiment_id": experiment_id, "run_id": run.info.run_id}))`,
      // NB: MLflow 3.18 refuses to write a file store unless told to.
      { MLFLOW_ALLOW_FILE_STORE: 'true' },
    );
    const listed = await cli(['runs', 'list', '--experiment-id', written.experiment_id, '--json', '--tracking-uri', folder]);
    assert.equal(listed.code, 0, listed.stderr);
    const [run] = JSON.parse(listed.stdout) as RunDict[];
    assert.equal(run!.info.run_id, written.run_id);
    assert.deepEqual(run!.data.metrics, { loss: 'NaN' });
    assert.deepEqual(run!.data.params, { alpha: '0.5' });
    const shown = await cli(['runs', 'show', written.run_id, '--tracking-uri', folder]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^loss +NaN +1 /m);
    assert.match(shown.stdout, /^note +two\\nlines$/m, 'a newline in a tag is shown escaped, on one line');
    assert.match(shown.stdout, /^Logged models: none$/m, 'a file store keeps no logged models');
  });

  test('a missing run or experiment exits 1 saying what to check, bad flags exit 2, and a missing local store is not created', async () => {
    const noRun = await cli(['runs', 'show', '0123456789abcdef0123456789abcdef'], { MLFLOW_TRACKING_URI: url });
    assert.equal(noRun.code, 1);
    assert.match(noRun.stderr, /The run "0123456789abcdef0123456789abcdef" does not exist in http:\/\/127\.0\.0\.1:\d+; check the id/);
    const noExperiment = await cli(['runs', 'list', '--experiment-name', 'no-such-experiment-here'], { MLFLOW_TRACKING_URI: url });
    assert.equal(noExperiment.code, 1);
    assert.match(noExperiment.stderr, /No experiment is named "no-such-experiment-here"/);
    const noId = await cli(['runs', 'list', '--experiment-id', '987654321'], { MLFLOW_TRACKING_URI: url });
    assert.equal(noId.code, 1);
    assert.match(noId.stderr, /The experiment with id "987654321" does not exist/);

    const both = await cli(['runs', 'list', '--experiment-name', 'a', '--experiment-id', '1'], { MLFLOW_TRACKING_URI: url });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /not both/);
    const badMax = await cli(['runs', 'list', '--max-results', 'ten'], { MLFLOW_TRACKING_URI: url });
    assert.equal(badMax.code, 2);
    assert.match(badMax.stderr, /--max-results must be a whole number/);
    const noArg = await cli(['runs', 'show'], { MLFLOW_TRACKING_URI: url });
    assert.equal(noArg.code, 2);
    assert.match(noArg.stderr, /missing required argument/);

    const empty = tempDir('cli-no-store-');
    const nothing = await cli(['runs', 'list'], {}, empty);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /No tracking store here: .*mlflow\.db does not exist\. Set MLFLOW_TRACKING_URI or pass --tracking-uri/);
    assert.equal(existsSync(join(empty, 'mlflow.db')), false, 'reading made no database');
  });
});
