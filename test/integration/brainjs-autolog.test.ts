/**
 * brain.js autologging in process (`autolog()`), against the real MLflow server, for brain.js
 * 1.6.1 and 2.0.0-beta.24 side by side (the hooks patch each copy): every network class, the
 * chained callback, trainAsync, and the logged model, loaded back by a fresh process that
 * resolves the same brain.js.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';
import { toPlain } from '../../instrumentations/brainjs/utils';
import { autolog } from '../../src/autolog/autolog';
import { configure, flush } from '../../src/tracking/fluent';
import { collectWarnings, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, readRun } from '../harness/python';

type Status = { error: number; iterations: number };
interface Net {
  train(data: unknown, options?: Record<string, unknown>): Status;
  trainAsync(data: unknown, options?: Record<string, unknown>): Promise<Status>;
  run(input: unknown): unknown;
  toJSON(): unknown;
  trainOpts: Record<string, unknown>;
}
type NetClass = new (options?: Record<string, unknown>) => Net;
interface Brain {
  NeuralNetwork: NetClass;
  NeuralNetworkGPU: NetClass;
  recurrent: Record<string, NetClass>;
}

const BRAINJS_2 = join(REPO_ROOT, 'test', 'fixtures', 'brainjs-2');
const VERSIONS = [
  { version: '1.6.1', dir: REPO_ROOT },
  { version: '2.0.0-beta.24', dir: BRAINJS_2 },
];
const XOR = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

/** Each class with data it trains on, rows to predict, and the steps its callback reports. */
const CLASSES = [
  { name: 'NeuralNetworkGPU', path: 'NeuralNetworkGPU', options: { hiddenLayers: [2] }, data: XOR, rows: [[1, 0], [0, 1]], steps: [5, 10, 15, 20] },
  { name: 'RNN', path: 'recurrent.RNN', options: { hiddenLayers: [6] }, data: ['hi mom', 'hello'], rows: ['hi', 'he'], steps: [0, 5, 10, 12] },
  { name: 'LSTM', path: 'recurrent.LSTM', options: { hiddenLayers: [6] }, data: [{ input: 'hi', output: 'yo' }, { input: 'ab', output: 'cd' }], rows: ['hi', 'ab'], steps: [0, 5, 10, 12] },
  { name: 'GRU', path: 'recurrent.GRU', options: { hiddenLayers: [6] }, data: ['abc', 'bcd'], rows: ['a', 'b'], steps: [0, 5, 10, 12] },
  { name: 'RNNTimeStep', path: 'recurrent.RNNTimeStep', options: { hiddenLayers: [6] }, data: [[1, 2, 3, 4], [2, 3, 4, 5]], rows: [[1, 2, 3], [2, 3, 4]], steps: [0, 5, 10, 12] },
  { name: 'LSTMTimeStep', path: 'recurrent.LSTMTimeStep', options: { hiddenLayers: [6] }, data: [[1, 2, 3, 4], [2, 3, 4, 5]], rows: [[1, 2, 3], [2, 3, 4]], steps: [0, 5, 10, 12] },
  { name: 'GRUTimeStep', path: 'recurrent.GRUTimeStep', options: { hiddenLayers: [6] }, data: [[1, 2, 3, 4], [2, 3, 4, 5]], rows: [[1, 2, 3], [2, 3, 4]], steps: [0, 5, 10, 12] },
];

/**
 * Runs `fn` with a seeded Math.random (until the promise it returns settles), so that two
 * trainings start from the same weights.
 */
function seeded<T>(fn: () => T): T {
  const original = Math.random;
  let seed = 5;
  Math.random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const restore = () => void (Math.random = original);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}

function classOf(brain: Brain, path: string): NetClass {
  return path.startsWith('recurrent.') ? brain.recurrent[path.slice('recurrent.'.length)]! : (brain as unknown as Record<string, NetClass>)[path]!;
}

/** Predictions of the run's model by a fresh process whose brain.js is the one in `cwd`. */
async function predictFresh(runId: string, rows: unknown[], cwd: string, serverUrl: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js'), `runs:/${runId}/model`, JSON.stringify(rows)], {
    cwd,
    env: { ...process.env, MLFLOW_TRACKING_URI: serverUrl },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
}

for (const { version, dir } of VERSIONS) {
  describe(`brain.js ${version} autologging`, () => {
    let serverUrl: string;
    let brain: Brain;
    let experiment: string;
    const fresh = (label: string) => {
      experiment = uniqueName(`brainjs-${label}`);
      configure({ trackingUri: serverUrl, experimentName: experiment });
    };

    before(async () => {
      serverUrl = (await testServer()).url;
      autolog();
      brain = createRequire(join(dir, 'package.json'))('brain.js') as Brain;
    });

    for (const spec of CLASSES) {
      test(`${spec.name}: trains as without the agent, and its run has the options, the error curve at brain.js's iterations and a model that predicts the same`, async () => {
        const options = { iterations: spec.steps.at(-1)!, callbackPeriod: 5, errorThresh: 1e-6 };
        const train = () => {
          const net = new (classOf(brain, spec.path))(spec.options);
          const statuses: Status[] = [];
          const status = seeded(() => net.train(spec.data, { ...options, callback: (s: Status) => statuses.push({ ...s }) }));
          return { net, status, statuses, predictions: spec.rows.map((row) => toPlain(net.run(row))) };
        };
        autolog({ disable: true });
        const reference = train();
        autolog();
        fresh(spec.name);
        const { result, warnings } = await collectWarnings(async () => {
          const trained = train();
          await flush();
          return trained;
        });
        assert.deepEqual(warnings.filter((w) => w.startsWith('mlflow-autolog:')), []);
        assert.deepEqual([result!.status, result!.statuses, result!.predictions], [reference.status, reference.statuses, reference.predictions]);

        const runs = await runsOf(experiment);
        assert.equal(runs.length, 1);
        const run = await readRun(serverUrl, runs[0]!.info.runId);
        assert.equal(run.info.status, 'FINISHED');
        assert.equal(run.tags.estimator_class, `brain.js.${spec.path}`);
        assert.equal(run.params.iterations, String(options.iterations));
        assert.equal(run.params.callbackPeriod, '5');
        assert.equal(run.params.hiddenLayers, JSON.stringify(spec.options.hiddenLayers));
        assert.equal(run.params.callback, undefined);
        assert.deepEqual(run.metrics.training_error?.map((m) => m.step).sort((a, b) => a - b), spec.steps);
        assert.deepEqual(run.metrics.iterations?.map((m) => [m.step, m.value]), [[0, result!.status.iterations]]);
        assert.deepEqual(await predictFresh(run.info.run_id, spec.rows, dir, serverUrl), result!.predictions);
      });
    }

    test("the user's callback keeps its place: called as often with the same statuses, and left in trainOpts after training", async () => {
      const run = () => {
        const calls: unknown[] = [];
        const mine = function (this: unknown, status: Status) {
          calls.push({ ...status });
        };
        // NB: a callback given to the constructor too: 2.x keeps it for train(), 1.6.1 does not.
        const net = new brain.NeuralNetwork({ hiddenLayers: [3], callback: mine, callbackPeriod: 4 });
        seeded(() => net.train(XOR, { iterations: 12 }));
        const first = calls.length;
        seeded(() => net.train(XOR, { iterations: 8, callback: mine, callbackPeriod: 2 }));
        return { calls, first, kept: net.trainOpts.callback === mine };
      };
      autolog({ disable: true });
      const reference = run();
      autolog();
      fresh('user-callback');
      const autologged = run();
      await flush();
      assert.deepEqual(autologged, reference);
      assert.equal(reference.kept, true);
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 2);
      for (const r of runs) assert.ok((await readRun(serverUrl, r.info.runId)).metrics.training_error?.length, 'each call logged its error curve');
    });

    test('after the call, nothing of the agent stays on the network: training it with autologging off logs nothing', async () => {
      fresh('after');
      const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
      net.train(XOR, { iterations: 20, callbackPeriod: 5 });
      await flush();
      const [run] = await runsOf(experiment);
      const before = (await readRun(serverUrl, run!.info.runId)).metrics.training_error!.length;
      autolog({ disable: true });
      try {
        net.train(XOR, { iterations: 20, callbackPeriod: 5 });
        await flush();
      } finally {
        autolog();
      }
      assert.equal((await readRun(serverUrl, run!.info.runId)).metrics.training_error!.length, before);
      assert.equal((await runsOf(experiment)).length, 1);
    });

    test('the logged model is the network as training left it, though the script trains it again at once', async () => {
      fresh('snapshot');
      const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
      net.train(XOR, { iterations: 30 });
      const rows = XOR.map((r) => r.input);
      const afterFirst = rows.map((row) => toPlain(net.run(row)));
      net.train(XOR, { iterations: 300 });
      await flush();
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 2);
      const first = runs.find((r) => r.data.params.some((p) => p.key === 'iterations' && p.value === '30'));
      assert.ok(first, 'the first call has its own run');
      assert.deepEqual(await predictFresh(first.info.runId, rows, dir, serverUrl), afterFirst);
    });

    if (version.startsWith('2.')) {
      test('trainAsync resolves as without the agent, and its run has the options, the error curve and the final error', async () => {
        const train = async () => {
          const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
          // NB: seeded until it settles: the agent starts the original only once its run exists.
          const status = await seeded(async () => await net.trainAsync(XOR, { iterations: 20, callbackPeriod: 5 }));
          return { status, predictions: XOR.map((r) => toPlain(net.run(r.input))) };
        };
        autolog({ disable: true });
        const reference = await train();
        autolog();
        fresh('train-async');
        assert.deepEqual(await train(), reference);
        await flush();
        const [run] = await runsOf(experiment);
        assert.equal(run!.info.status, 'FINISHED');
        const read = await readRun(serverUrl, run!.info.runId);
        assert.equal(read.params.iterations, '20');
        assert.deepEqual(read.metrics.training_error?.map((m) => m.step).sort((a, b) => a - b), [5, 10, 15, 20]);
        assert.deepEqual(read.metrics.iterations?.map((m) => m.value), [20]);
      });
    } else {
      test("trainAsync's own rejection under Node reaches the caller unchanged, the run is FAILED and the callback is given back", async () => {
        const train = async () => {
          const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
          const mine = () => undefined;
          try {
            await net.trainAsync(XOR, { iterations: 20, callback: mine });
          } catch (rejection) {
            return { rejection: rejection as { trainError: Error; status: Status }, kept: net.trainOpts.callback === mine };
          }
          throw new Error('1.6.1 trainAsync was expected to reject under Node');
        };
        autolog({ disable: true });
        const reference = await train();
        autolog();
        fresh('train-async');
        const autologged = await train();
        await flush();
        assert.deepEqual(Object.keys(autologged.rejection), Object.keys(reference.rejection));
        assert.equal(autologged.rejection.trainError.constructor, reference.rejection.trainError.constructor);
        assert.equal(autologged.rejection.trainError.message, reference.rejection.trainError.message);
        assert.deepEqual(autologged.rejection.status, reference.rejection.status);
        assert.equal(autologged.kept, true);
        const runs = await runsOf(experiment);
        assert.equal(runs.length, 1);
        assert.equal(runs[0]!.info.status, 'FAILED');
      });
    }
  });
}
