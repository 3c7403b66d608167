/**
 * Faults between the agent and a real MLflow server: retried requests land exactly once, and a
 * SIGTERM mid-run flushes what was logged, ends the run KILLED and keeps the exit code.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { configure, endRun, logMetric, logParam, startRun } from '../../src/index';
import { useFaultProxies } from '../harness/fault-proxy';
import { runNode } from '../harness/node';
import { REPO_ROOT, readRun } from '../harness/python';

describe('resilience against a flaky server', () => {
  const faults = useFaultProxies();
  let serverUrl: string;
  before(() => {
    serverUrl = faults.serverUrl();
  });

  test('a log-batch answered 503 three times and then forwarded arrives exactly once', async () => {
    const proxy = await faults.proxy([
      { path: /runs\/log-batch/, faults: [1, 2, 3].map(() => ({ kind: 'status' as const, status: 503, body: 'busy' })) },
    ]);
    process.env.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR = '0';
    process.env.MLFLOW_HTTP_REQUEST_BACKOFF_JITTER = '0';
    try {
      configure({ trackingUri: proxy.url, experimentName: 'resilience' });
      const run = await startRun({ runName: 'flaky' });
      logParam('optimizer', 'adam');
      for (let step = 0; step < 50; step++) logMetric('loss', 1 / (step + 1), { step });
      await endRun();

      const faults = proxy.log.filter((r) => r.path.includes('log-batch') && !r.forwarded);
      const forwarded = proxy.log.filter((r) => r.path.includes('log-batch') && r.forwarded);
      assert.equal(faults.length, 3);
      assert.equal(forwarded.length, 1);
      const readBack = await readRun(serverUrl, run.runId!);
      assert.equal(readBack.params.optimizer, 'adam');
      const steps = readBack.metrics.loss!.map((p) => p.step).sort((a, b) => a - b);
      assert.deepEqual(steps, Array.from({ length: 50 }, (_, i) => i));
      assert.equal(readBack.info.status, 'FINISHED');
    } finally {
      delete process.env.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR;
      delete process.env.MLFLOW_HTTP_REQUEST_BACKOFF_JITTER;
    }
  });

  for (const [status, times] of [
    [503, 1],
    [429, 4],
  ] as const) {
    test(`a script ending with await endRun() lives through ${times} log-batch refusal(s) ${status} with Retry-After, waits each out, and its run arrives FINISHED`, async () => {
      // NB: more refusals than the HTTP client's own retries of background sends: the sender waits the rest out.
      const proxy = await faults.proxy([
        { path: /runs\/log-batch/, faults: Array.from({ length: times }, () => ({ kind: 'status' as const, status, headers: { 'Retry-After': '1' }, body: 'busy' })) },
      ]);
      const started = Date.now();
      const { code, stdout, stderr } = await runNode([join(REPO_ROOT, 'test', 'fixtures', 'await-end-run.js')], {
        MLFLOW_TRACKING_URI: proxy.url,
        MLFLOW_EXPERIMENT_NAME: 'resilience',
      });
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /did not reach|does not answer/, 'throttling is neither journaled at exit nor taken for silence');
      const batches = proxy.log.filter((r) => r.path.includes('log-batch'));
      assert.deepEqual(
        batches.map((r) => r.forwarded),
        [...Array.from({ length: times }, () => false), true],
      );
      assert.ok(Date.now() - started >= times * 1000, `each Retry-After of 1 s was waited out (${Date.now() - started} ms for ${times})`);
      const runId = /run (\w+)/.exec(stdout)![1]!;
      const run = await readRun(serverUrl, runId);
      assert.equal(run.info.status, 'FINISHED');
      assert.deepEqual(
        run.metrics.loss!.map((p) => p.step).sort((a, b) => a - b),
        [0, 1, 2, 3, 4],
      );
    });
  }

  test('SIGTERM while metrics are queued ends the run KILLED with every metric on the server and exit code 143', async () => {
    // NB: a slow server makes sure data is still queued when the signal arrives.
    const proxy = await faults.proxy([
      { path: /runs\/log-batch/, faults: [1, 2, 3].map(() => ({ kind: 'delay' as const, ms: 400 })) },
    ]);
    const child = spawn(process.execPath, [join(REPO_ROOT, 'test', 'fixtures', 'sigterm-training.js')], {
      cwd: REPO_ROOT,
      env: { ...process.env, MLFLOW_TRACKING_URI: proxy.url, MLFLOW_EXPERIMENT_NAME: 'resilience', POINTS: '2000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const runId = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /ready (\w+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`exited before ready: ${stderr}`)));
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGTERM');
    const { code, signal } = await exit;
    const exitCode = code ?? 128 + constants.signals[signal!];
    assert.equal(exitCode, 143, `exit ${code} ${signal}: ${stderr}`);

    const run = await readRun(serverUrl, runId);
    assert.equal(run.info.status, 'KILLED');
    assert.equal(run.metrics.loss?.length, 2000);
  });
});
