/**
 * Training inside the tests of a test runner, as users run them: jest (worker processes and in
 * band), vitest (its default pool, forks) and node's test runner, each a child process on the
 * fixture projects in test/fixtures/runners. Each test file's training is a complete run on the
 * real server, read back with MLflow's Python client, and the runner's results and exit code are
 * those it gives without the agent (one test of the fixtures fails on request, so that a failing
 * run is compared too).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode, type NodeResult } from '../harness/node';
import { PYTHON, REPO_ROOT } from '../harness/python';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'runners');
const JEST = join(REPO_ROOT, 'node_modules', '.bin', 'jest');
const VITEST = join(REPO_ROOT, 'node_modules', '.bin', 'vitest');
const PRELOAD = '--require mlflow-autolog/register';

/** A run as the Python client reads it, reduced to what these tests check. */
interface RunSummary {
  status: string;
  estimator: string | null;
  params: Record<string, string>;
  trainingErrorSteps: number[];
  models: string[];
}

/**
 * MLflow's Python client in one process for the whole file, started first so that its slow
 * `import mlflow` overlaps the runners: each line in is a JSON list of experiment names, each
 * line out their runs.
 */
function startRunReader(serverUrl: string): { runsIn(experiments: string[]): Promise<Record<string, RunSummary[]>>; stop(): void } {
  const code = `
import json, sys
from mlflow import MlflowClient
client = MlflowClient(sys.argv[1])
for line in sys.stdin:
    out = {}
    for name in json.loads(line):
        experiment = client.get_experiment_by_name(name)
        runs = client.search_runs([experiment.experiment_id]) if experiment else []
        out[name] = [{
            "status": r.info.status,
            "estimator": r.data.tags.get("estimator_class"),
            "params": r.data.params,
            "trainingErrorSteps": sorted(m.step for m in client.get_metric_history(r.info.run_id, "training_error")),
            "models": [o.model_id for o in r.outputs.model_outputs] if r.outputs else [],
        } for r in runs]
    print(json.dumps(out), flush=True)`;
  const child = spawn(PYTHON, ['-c', code, serverUrl], { env: { ...process.env, PYTHONWARNINGS: 'ignore' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // NB: one question at a time (node:test runs this file's tests in order).
  return {
    runsIn: (experiments) =>
      new Promise((resolve, reject) => {
        const onExit = () => reject(new Error(`the run reader exited: ${stderr}`));
        child.once('exit', onExit);
        lines.once('line', (line) => {
          child.off('exit', onExit);
          resolve(JSON.parse(line) as Record<string, RunSummary[]>);
        });
        child.stdin.write(`${JSON.stringify(experiments)}\n`);
      }),
    stop: () => child.stdin.end(),
  };
}

/** The environment of one runner invocation: the server, its own experiment and journal. */
function envFor(serverUrl: string, experiment: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    MLFLOW_TRACKING_URI: serverUrl,
    MLFLOW_EXPERIMENT_NAME: experiment,
    MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')),
    NODE_OPTIONS: '',
    // NB: set by the node --test running this file; a child `node --test` would then run nothing.
    NODE_TEST_CONTEXT: undefined,
    ...extra,
  };
}

/** The brain.js XOR run every fixture's training gives. */
function assertBrainRun(run: RunSummary | undefined, where: string): void {
  assert.ok(run, `${where}: a brain.js run`);
  assert.equal(run.status, 'FINISHED', where);
  assert.equal(run.params.iterations, '200', where);
  assert.equal(run.params.callbackPeriod, '50', where);
  assert.equal(run.params.hiddenLayers, '[3]', where);
  assert.deepEqual(run.trainingErrorSteps, [50, 100, 150, 200], `${where}: brain.js's error curve`);
  assert.equal(run.models.length, 1, `${where}: the logged model`);
}

/** stderr without anything the agent may have said, for `where`'s checks. */
function assertQuiet(result: NodeResult, where: string): void {
  assert.doesNotMatch(result.stderr, /mlflow-autolog:/, `${where}: no agent warning`);
}

/** Jest's `--json` results, without what differs between two runs (times, paths). */
function jestResults(result: NodeResult): unknown {
  const json = JSON.parse(result.stdout) as {
    success: boolean;
    numTotalTests: number;
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
    testResults: { name: string; status: string; assertionResults: { title: string; status: string }[] }[];
  };
  return {
    code: result.code,
    success: json.success,
    counts: [json.numTotalTests, json.numPassedTests, json.numFailedTests, json.numFailedTestSuites],
    files: json.testResults
      .map((f) => ({ file: f.name.split('/').pop(), status: f.status, tests: f.assertionResults.map((a) => [a.title, a.status]) }))
      .sort((a, b) => a.file!.localeCompare(b.file!)),
  };
}

/** Vitest's `--reporter=json` results, the same way. */
function vitestResults(result: NodeResult): unknown {
  return jestResults(result);
}

/** Node's TAP results: each test's verdict and the totals. */
function tapResults(result: NodeResult): unknown {
  const lines = result.stdout.split('\n');
  return {
    code: result.code,
    tests: lines.filter((l) => /^(not )?ok \d+ - /.test(l)).map((l) => l.replace(/ # .*$/, '')),
    totals: lines.filter((l) => /^# (tests|pass|fail|cancelled) \d+$/.test(l)),
  };
}

describe('autologging under test runners', () => {
  let serverUrl: string;
  let reader: ReturnType<typeof startRunReader>;
  const runsIn = (experiments: string[]) => reader.runsIn(experiments);
  before(async () => {
    serverUrl = (await testServer()).url;
    reader = startRunReader(serverUrl);
  });
  after(() => reader?.stop());

  test('jest in worker processes, preloaded with NODE_OPTIONS: each test file is a complete run, and jest reports and exits as without the agent', async () => {
    const cwd = join(FIXTURES, 'jest');
    const experiment = uniqueName('jest-workers');
    const args = [JEST, '--json', '--ci'];
    const [plain, agent] = await Promise.all([
      runNode(args, envFor(serverUrl, uniqueName('jest-plain'), { RUNNER_FIXTURE_FAIL: '1' }), cwd),
      runNode(args, envFor(serverUrl, experiment, { RUNNER_FIXTURE_FAIL: '1', NODE_OPTIONS: PRELOAD }), cwd),
    ]);
    assert.equal(plain.code, 1, plain.stderr);
    assert.deepEqual(jestResults(agent), jestResults(plain));
    assertQuiet(agent, 'jest');
    // NB: what a worker killed before its runs were sent would make jest say.
    assert.doesNotMatch(agent.stderr, /failed to exit gracefully/);

    const runs = (await runsIn([experiment]))[experiment]!;
    assert.equal(runs.length, 2, 'one run per training call');
    assertBrainRun(runs.find((r) => r.estimator === 'brain.js.NeuralNetwork'), 'jest (workers)');
    const knn = runs.find((r) => r.estimator === 'ml-knn.KNN');
    assert.ok(knn, 'the ml-knn run');
    assert.deepEqual([knn.status, knn.params.k, knn.models.length], ['FINISHED', '3', 1]);
  });

  test('jest with setupFiles: [mlflow-autolog/jest], in band and with --forceExit: the runs are complete before jest exits', async () => {
    const cwd = join(FIXTURES, 'jest');
    const experiment = uniqueName('jest-setup-files');
    const args = (config: string) => [JEST, '--json', '--ci', '--runInBand', '--forceExit', '--config', config];
    const [plain, agent] = await Promise.all([
      runNode(args('jest.config.js'), envFor(serverUrl, uniqueName('jest-plain')), cwd),
      runNode(args('jest.setup-files.config.js'), envFor(serverUrl, experiment), cwd),
    ]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(jestResults(agent), jestResults(plain));
    assertQuiet(agent, 'jest');

    const runs = (await runsIn([experiment]))[experiment]!;
    assert.deepEqual(runs.map((r) => r.estimator).sort(), ['brain.js.NeuralNetwork', 'ml-knn.KNN']);
    assertBrainRun(runs.find((r) => r.estimator === 'brain.js.NeuralNetwork'), 'jest (setupFiles)');
    assert.ok(runs.every((r) => r.status === 'FINISHED' && r.models.length === 1));
  });

  test('jest with autolog() in the test files, after they loaded brain.js: each file is a complete run', async () => {
    const experiment = uniqueName('jest-autolog');
    const result = await runNode([JEST, '--json', '--ci'], envFor(serverUrl, experiment), join(FIXTURES, 'jest-autolog'));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((jestResults(result) as { counts: number[] }).counts, [2, 2, 0, 0]);
    assertQuiet(result, 'jest with autolog()');

    const runs = (await runsIn([experiment]))[experiment]!;
    assert.equal(runs.length, 2);
    for (const run of runs) assertBrainRun(run, 'jest with autolog()');
  });

  test("vitest's forks pool with setupFiles: [mlflow-autolog/vitest]: an ES module importing brain.js is a complete run, and vitest reports and exits as without the agent", async () => {
    const cwd = join(FIXTURES, 'vitest');
    const experiment = uniqueName('vitest');
    const args = (config: string) => [VITEST, 'run', '--reporter=json', '--config', config];
    const env = { RUNNER_FIXTURE_FAIL: '1' };
    const [plain, agent] = await Promise.all([
      runNode(args('vitest.no-agent.config.mjs'), envFor(serverUrl, uniqueName('vitest-plain'), env), cwd),
      runNode(args('vitest.config.mjs'), envFor(serverUrl, experiment, env), cwd),
    ]);
    assert.equal(plain.code, 1, plain.stderr);
    assert.deepEqual(vitestResults(agent), vitestResults(plain));
    assertQuiet(agent, 'vitest');

    const runs = (await runsIn([experiment]))[experiment]!;
    assert.equal(runs.length, 1);
    assertBrainRun(runs[0], 'vitest');
  });

  test("node --test: the preload flag reaches each test file's process, autolog() at the top of an ES module test file works too, and the results are as without the agent", async () => {
    const cwd = join(FIXTURES, 'node-test');
    const preloaded = uniqueName('node-test-preload');
    const inFile = uniqueName('node-test-autolog');
    const tap = ['--test', '--test-reporter=tap'];
    const env = { RUNNER_FIXTURE_FAIL: '1' };
    const [plain, agent, autologInFile] = await Promise.all([
      runNode([...tap, 'xor.test.js'], envFor(serverUrl, uniqueName('node-test-plain'), env), cwd),
      runNode([...tap, '--require', 'mlflow-autolog/register', 'xor.test.js'], envFor(serverUrl, preloaded, env), cwd),
      runNode([...tap, 'autolog.test.mjs'], envFor(serverUrl, inFile), cwd),
    ]);
    assert.equal(plain.code, 1, plain.stderr);
    assert.deepEqual(tapResults(agent), tapResults(plain));
    assertQuiet(agent, 'node --test');
    assert.equal(autologInFile.code, 0, autologInFile.stdout + autologInFile.stderr);
    assertQuiet(autologInFile, 'node --test with autolog()');

    const runs = await runsIn([preloaded, inFile]);
    assertBrainRun(runs[preloaded]![0], 'node --test --require');
    assertBrainRun(runs[inFile]![0], 'node --test, autolog() in the file');
    assert.deepEqual([runs[preloaded]!.length, runs[inFile]!.length], [1, 1]);
  });
});
