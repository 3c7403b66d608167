/**
 * Every way a process ends, against the real server: what the agent accepted reaches the server
 * exactly once (now, or from the journal with `mlflow-autolog sync`), runs end with the right
 * status, and the process's own exit code, output and timing are what they are without the agent.
 * Each scenario prints `logged N / on server N`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadModel } from '../../src/models/model-api';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { freePort, testServer } from '../harness/mlflow-server';
import { runNode, type NodeResult } from '../harness/node';
import { REPO_ROOT, readRun } from '../harness/python';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'trust');
const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const PRELOAD = ['--require', 'mlflow-autolog/register'];

/** A child's environment: its own journal folder and experiment, the real server. */
function scenario(serverUrl: string, prefix: string): { env: NodeJS.ProcessEnv; experiment: string } {
  const experiment = uniqueName(prefix);
  const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment, MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')) };
  return { env, experiment };
}

function sync(env: NodeJS.ProcessEnv): Promise<NodeResult> {
  return runNode([CLI, 'sync'], env, mkdtempSync(join(tmpdir(), 'no-local-store-')));
}

function report(what: string, logged: number, onServer: number): void {
  process.stdout.write(`${what}: logged ${logged} / on server ${onServer}\n`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for `condition`, for a minute at most. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `${what} within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function onlyRun(experiment: string) {
  const runs = await runsOf(experiment);
  assert.equal(runs.length, 1, `exactly one run in ${experiment}`);
  return runs[0]!;
}

describe('every way a process ends', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
    configure({ trackingUri: serverUrl });
  });

  test('process.exit(0) with 20,000 queued points: the exit says what is journaled, and sync sends every point once', async () => {
    const { env, experiment } = scenario(serverUrl, 'exit-queued');
    const exited = await runNode([join(FIXTURES, 'exit-with-queued.js')], { ...env, POINTS: '20000' });
    assert.equal(exited.code, 0, exited.stderr);
    assert.match(exited.stderr, /did not reach .*npx mlflow-autolog sync/s);
    const synced = await sync(env);
    assert.equal(synced.code, 0, synced.stderr);
    const run = await readRun(serverUrl, (await onlyRun(experiment)).info.runId);
    report('process.exit(0)', 20000, run.metrics.loss?.length ?? 0);
    assert.equal(run.metrics.loss?.length, 20000);
    assert.equal(new Set(run.metrics.loss!.map((m) => m.step)).size, 20000);
    assert.equal(run.params.points, '20000');
    assert.equal(run.info.status, 'FINISHED');
    const again = await sync(env);
    assert.match(again.stdout, /^0 journal\(s\)/, 'a second sync has nothing left to send');
  });

  for (const lib of ['brainjs', 'mljs', 'natural']) {
    test(`process.exit() right after a synchronous ${lib} training: after sync the run is on the server, FINISHED, with its params and its model, which predicts as the trained one did`, async () => {
      const { env, experiment } = scenario(serverUrl, `exit-${lib}`);
      const plain = await runNode([join(FIXTURES, 'sync-training.js'), lib], { EXIT: '1' });
      const exited = await runNode([...PRELOAD, join(FIXTURES, 'sync-training.js'), lib], { ...env, EXIT: '1' });
      assert.equal(exited.code, 0, exited.stderr);
      const printed = exited.stdout.trim().split('\n').pop()!;
      assert.equal(printed, plain.stdout.trim().split('\n').pop(), 'training results are identical with and without the agent');
      assert.doesNotMatch(exited.stderr, /had not saved their model/);
      const synced = await sync(env);
      assert.equal(synced.code, 0, synced.stderr);
      const summary = await onlyRun(experiment);
      const run = await readRun(serverUrl, summary.info.runId);
      report(`process.exit() after ${lib}: run and model`, 2, 1 + run.outputs.length);
      assert.equal(run.info.status, 'FINISHED');
      assert.equal(run.tags['mlflow.autologging'], lib);
      assert.ok(Object.keys(run.params).length > 0, 'the params were journaled');
      // NB: the model's folder was journaled the moment train() returned, and written out by sync.
      assert.equal(run.outputs.length, 1, 'one logged model, linked to the run');
      const { probe, expected } = JSON.parse(printed) as { probe: unknown[]; expected: unknown[] };
      const model = await loadModel(`models:/${run.outputs[0]}`);
      assert.deepEqual(await model.predict(probe), expected);
    });
  }

  test('a natural end with more queued than the exit may wait for: the process ends, and a background process completes the run, its params and its model from the journal', async () => {
    const { env, experiment } = scenario(serverUrl, 'exit-handoff');
    const plain = await runNode([join(FIXTURES, 'sync-training.js'), 'mljs'], {});
    // NB: an exit bound of 1 ms: whatever the run's end still has to send is more than the exit waits for.
    // NB: the test run turns the background sender off (test/run.ts); this test waits for it to end.
    const exited = await runNode([...PRELOAD, join(FIXTURES, 'sync-training.js'), 'mljs'], { ...env, MLFLOW_AUTOLOG_EXIT_TIMEOUT: '0.001', MLFLOW_AUTOLOG_EXIT_HANDOFF: 'true' });
    assert.equal(exited.code, 0, exited.stderr);
    assert.equal(exited.stdout, plain.stdout, 'the output is the same as without the agent');
    const pid = Number(/a background process \(pid (\d+)\) sends them/.exec(exited.stderr)?.[1]);
    assert.ok(pid > 0, `the exit line names the background process: ${exited.stderr}`);
    await until(() => !alive(pid), 'the background process ended');
    const run = await readRun(serverUrl, (await onlyRun(experiment)).info.runId);
    report('exit handed to a background process: run and model', 2, 1 + run.outputs.length);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'mljs');
    assert.ok(Object.keys(run.params).length > 0);
    assert.equal(run.outputs.length, 1, 'one logged model, linked to the run');
    const { probe, expected } = JSON.parse(exited.stdout.trim().split('\n').pop()!) as { probe: unknown[]; expected: unknown[] };
    assert.deepEqual(await (await loadModel(`models:/${run.outputs[0]}`)).predict(probe), expected);
    const left = readdirSync(env.MLFLOW_AUTOLOG_JOURNAL_DIR!, { recursive: true }).map(String).filter((f) => f.includes('.jsonl'));
    assert.deepEqual(left, [], 'the background process left no journal');
  });

  test('with MLFLOW_AUTOLOG_EXIT_HANDOFF=false the same end starts no background process: the exit line says what is journaled and how to send it, and sync completes the run', async () => {
    const { env, experiment } = scenario(serverUrl, 'exit-no-handoff');
    const exited = await runNode([...PRELOAD, join(FIXTURES, 'sync-training.js'), 'mljs'], { ...env, MLFLOW_AUTOLOG_EXIT_TIMEOUT: '0.001', MLFLOW_AUTOLOG_EXIT_HANDOFF: 'false' });
    assert.equal(exited.code, 0, exited.stderr);
    assert.doesNotMatch(exited.stderr, /background process/);
    assert.match(exited.stderr, /\d+ logged value\(s\) of 1 run\(s\) did not reach .*kept in .*npx mlflow-autolog sync/s);
    const synced = await sync(env);
    assert.equal(synced.code, 0, synced.stderr);
    const run = await readRun(serverUrl, (await onlyRun(experiment)).info.runId);
    report('exit without a background process, then sync: run and model', 2, 1 + run.outputs.length);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.outputs.length, 1, 'one logged model, linked to the run');
  });

  test('await startRun() against an unreachable server settles: the caller gets the error, the process does not end with the await pending', async () => {
    const script = `require(${JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'index.js'))}).startRun().then(() => console.log('resolved'), (e) => console.log('rejected ' + e.name));`;
    const result = await runNode(['-e', script], { MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}`, MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'rejected MlflowRestError');
  });

  for (const crash of ['exception', 'rejection'] as const) {
    test(`an uncaught ${crash} keeps Node's message and exit code 1, and the open run ends FAILED with its metrics`, async () => {
      const { env, experiment } = scenario(serverUrl, `crash-${crash}`);
      const result = await runNode([join(FIXTURES, 'crash-after-logging.js')], { ...env, CRASH: crash });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, crash === 'exception' ? /Error: boom from the training script/ : /Error: rejected in the training script/);
      const synced = await sync(env);
      assert.equal(synced.code, 0, synced.stderr);
      const run = await readRun(serverUrl, (await onlyRun(experiment)).info.runId);
      report(`uncaught ${crash}`, 100, run.metrics.loss?.length ?? 0);
      assert.equal(run.metrics.loss?.length, 100);
      assert.equal(run.info.status, 'FAILED');
    });
  }

  test('SIGKILL: what was journaled survives; sync sends it once and ends the run KILLED at its last known time', async () => {
    const { env, experiment } = scenario(serverUrl, 'sigkill');
    const child = spawn(process.execPath, [join(FIXTURES, 'killed-after-logging.js')], { cwd: REPO_ROOT, env: { ...process.env, ...env, POINTS: '1000' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    child.kill('SIGKILL');
    await exited;
    const synced = await sync(env);
    assert.equal(synced.code, 0, synced.stderr);
    const run = await readRun(serverUrl, (await onlyRun(experiment)).info.runId);
    report('SIGKILL', 1000, run.metrics.loss?.length ?? 0);
    assert.equal(run.metrics.loss?.length, 1000);
    assert.equal(run.info.status, 'KILLED');
    const lastPoint = Math.max(...run.metrics.loss!.map((m) => m.timestamp));
    assert.equal(run.info.end_time, lastPoint, 'the end time is the last time the journal knew of');
  });

  for (const lib of ['brainjs', 'mljs', 'natural']) {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      test(`${signal} during a synchronous ${lib} training ends the process within 1 s with exit code ${code}`, async () => {
        const { env } = scenario(serverUrl, `signal-${lib}`);
        const child = spawn(process.execPath, [...PRELOAD, join(FIXTURES, 'sync-training.js'), lib], { cwd: REPO_ROOT, env: { ...process.env, ...env, LONG: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (c, s) => resolve({ code: c, signal: s, at: Date.now() })));
        await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('training') && resolve()));
        // NB: well inside the training call, which runs for minutes.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const sent = Date.now();
        child.kill(signal);
        const result = await exited;
        assert.equal(result.code ?? 128 + constants.signals[result.signal!], code, stderr);
        assert.ok(result.at - sent < 1000, `exited ${result.at - sent} ms after the signal`);
      });
    }
  }
});
