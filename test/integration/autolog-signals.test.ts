/**
 * A managed run interrupted by SIGTERM or SIGINT mid-training ends KILLED, with the epochs
 * logged so far on the server and the process's usual exit code.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { before, describe, test } from 'node:test';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, readRun } from '../harness/python';

// NB: an unmodified training loop that would run for minutes; it says when epoch 2 ends (the
// user's callbacks run before autologging's, so epochs 0 and 1 are logged by then).
// Epochs take ~150 ms, as real ones do: the exit flush (LogQueue.flush) only settles once the
// queue is momentarily empty, so a loop that logs faster than the server answers would keep it
// busy until the flush timeout (reported, in src/tracking, not autolog's to change).
const TRAINING = `
const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' }));
model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
model.fit(tf.ones([8, 3]), tf.ones([8, 2]), {
  epochs: 100000,
  verbose: 0,
  callbacks: { onEpochEnd: async (epoch) => { if (epoch === 2) console.log('training'); await new Promise((r) => setTimeout(r, 150)); } },
});
`;

describe('signals during autologged training', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} mid-training ends the managed run KILLED with the epochs so far, and the exit code stays ${code}`, async () => {
      const experiment = uniqueName(`signal-${signal}`);
      const child = spawn(process.execPath, ['--require', 'mlflow-autolog/register', '-e', TRAINING], {
        cwd: REPO_ROOT,
        env: { ...process.env, MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (c, s) => resolve({ code: c, signal: s })));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('training') && resolve());
        void exited.then(() => reject(new Error(`exited before training: ${stderr}`)));
      });
      child.kill(signal);
      const result = await exited;
      assert.equal(result.code ?? 128 + constants.signals[result.signal!], code, stderr);

      configure({ trackingUri: serverUrl, experimentName: experiment });
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 1);
      const run = await readRun(serverUrl, runs[0]!.info.runId);
      assert.equal(run.info.status, 'KILLED');
      assert.equal(run.tags['mlflow.autologging'], 'tfjs');
      const steps = (run.metrics.loss ?? []).map((m) => m.step).sort((a, b) => a - b);
      assert.ok(steps.length >= 2, `epochs 0 and 1 at least: ${steps.join(',')}`);
      assert.deepEqual(steps, steps.map((_, i) => i));
    });
  }
});
