/**
 * The default local store (`./mlflow.db`) when the process ends at once: `process.exit()` right
 * after a synchronous training call, an exit with 20,000 points queued, an uncaught exception.
 * What the agent accepted is in the database when the process is gone (written by the exit, see
 * src/journal/exit-write.ts), read back with MLflow's Python client, and the process's exit code
 * and output are what they are without the agent.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runNode } from '../harness/node';
import { REPO_ROOT, pythonJson, readRun } from '../harness/python';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'trust');
const PRELOAD = ['--require', join(REPO_ROOT, 'dist', 'src', 'register.js')];

/** A fresh working folder (so `./mlflow.db` is its own) and journal folder, no tracking URI. */
function localScenario(): { cwd: string; env: NodeJS.ProcessEnv; uri: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'local-exit-'));
  const env = { MLFLOW_TRACKING_URI: '', MLFLOW_AUTOLOG_JOURNAL_DIR: join(cwd, 'journal') };
  return { cwd, env, uri: `sqlite:///${join(cwd, 'mlflow.db')}` };
}

/** The runs in the database at `uri`, by name. */
async function runIds(uri: string): Promise<Record<string, string>> {
  return pythonJson<Record<string, string>>(
    `import json, mlflow\nc = mlflow.MlflowClient(${JSON.stringify(uri)})\n` +
      'print(json.dumps({r.info.run_name: r.info.run_id for e in c.search_experiments() for r in c.search_runs([e.experiment_id])}))',
  );
}

async function onlyRunId(uri: string): Promise<string> {
  const ids = Object.values(await runIds(uri));
  assert.equal(ids.length, 1, `exactly one run in ${uri}`);
  return ids[0]!;
}

function noJournalLeft(env: NodeJS.ProcessEnv): void {
  const dir = env.MLFLOW_AUTOLOG_JOURNAL_DIR!;
  const left = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl') || f.includes('.replay-')) : [];
  assert.deepEqual(left, [], 'the exit wrote everything: no journal is left for the next start');
}

describe('the local store when the process ends at once', () => {
  for (const lib of ['brainjs', 'mljs', 'natural']) {
    test(`process.exit() right after a synchronous ${lib} training: the run is in ./mlflow.db, FINISHED, with its params and model`, async () => {
      const { cwd, env, uri } = localScenario();
      const plain = await runNode([join(FIXTURES, 'sync-training.js'), lib], { EXIT: '1' }, cwd);
      // NB: a generous bound for the exit's write (10 s by default): under the load of the other
      // test files it once took longer, and this test is about what is written, not how fast.
      const exited = await runNode([...PRELOAD, join(FIXTURES, 'sync-training.js'), lib], { ...env, EXIT: '1', MLFLOW_AUTOLOG_EXIT_TIMEOUT: '120' }, cwd);
      assert.equal(exited.code, 0, exited.stderr);
      assert.equal(exited.stdout, plain.stdout, 'the output is the same as without the agent');
      assert.equal(exited.stderr, '', 'no warning: nothing was lost');
      const run = await readRun(uri, await onlyRunId(uri));
      assert.equal(run.info.status, 'FINISHED');
      assert.equal(run.tags['mlflow.autologging'], lib);
      assert.ok(Object.keys(run.params).length > 0, 'the params are in the database');
      assert.equal(run.outputs.length, 1, 'the model is logged and linked to the run');
      noJournalLeft(env);
    });
  }

  test('process.exit(0) with 20,000 points queued: every point is in the database once', async () => {
    const { cwd, env, uri } = localScenario();
    // NB: a generous bound for the exit's write on a busy machine: this test is about what is written.
    const exited = await runNode([join(FIXTURES, 'exit-with-queued.js')], { ...env, POINTS: '20000', MLFLOW_AUTOLOG_EXIT_TIMEOUT: '120' }, cwd);
    assert.equal(exited.code, 0, exited.stderr);
    assert.equal(exited.stderr, '');
    const run = await readRun(uri, await onlyRunId(uri));
    assert.equal(run.metrics.loss?.length, 20000);
    assert.equal(new Set(run.metrics.loss!.map((m) => m.step)).size, 20000);
    assert.equal(run.params.points, '20000');
    assert.equal(run.info.status, 'FINISHED');
    noJournalLeft(env);
  });

  test("an uncaught exception keeps Node's message and exit code 1, and the run is in the database FAILED with its metrics", async () => {
    const { cwd, env, uri } = localScenario();
    const result = await runNode([join(FIXTURES, 'crash-after-logging.js')], { ...env, CRASH: 'exception', MLFLOW_AUTOLOG_EXIT_TIMEOUT: '120' }, cwd);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Error: boom from the training script/);
    const run = await readRun(uri, await onlyRunId(uri));
    assert.equal(run.metrics.loss?.length, 100);
    assert.equal(run.info.status, 'FAILED');
  });

  test('a queue the exit could not write stays journaled, is named in one warning, and goes in when the store is next logged to', async () => {
    const { cwd, env, uri } = localScenario();
    // NB: no time at all for the exit's child process: the journal file is what remains.
    const exited = await runNode([join(FIXTURES, 'exit-with-queued.js')], { ...env, POINTS: '500', MLFLOW_AUTOLOG_EXIT_TIMEOUT: '0.001' }, cwd);
    assert.equal(exited.code, 0, exited.stderr);
    assert.match(exited.stderr, /did not reach sqlite:.*they are kept in .*\.jsonl and go in the next time this store is logged to/s);
    const before = (await runIds(uri))['exit-with-queued'];
    if (before) assert.ok(((await readRun(uri, before)).metrics.loss?.length ?? 0) < 500, 'the points are not in the database yet');
    const index = JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'index.js'));
    const next = await runNode(['-e', `const m = require(${index}); m.startRun({ runName: 'next' }).then(() => m.endRun())`], env, cwd);
    assert.equal(next.code, 0, next.stderr);
    const ids = await runIds(uri);
    assert.deepEqual(Object.keys(ids).sort(), ['exit-with-queued', 'next']);
    const run = await readRun(uri, ids['exit-with-queued']!);
    assert.equal(run.metrics.loss?.length, 500);
    assert.equal(run.info.status, 'FINISHED');
  });
});
