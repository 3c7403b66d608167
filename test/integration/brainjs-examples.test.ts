/**
 * The brain.js example, run as its README says (`node --require mlflow-autolog/register`, the
 * built package, the real MLflow server) against brain.js 1.6.1 and 2.0.0-beta.24, then read back
 * with MLflow's own Python client. Each run must hold the resolved network and training options,
 * the training_error curve every callbackPeriod and the final error, and a model that a fresh
 * process loads with loadModel and that predicts exactly what the script's trained network
 * predicted on held-out rows.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { BRAINJS_VERSIONS } from '../../instrumentations/brainjs/versions';
import { downloadModel } from '../../src/models/model-api';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { REPO_ROOT, readRun, type ReadBackRun } from '../harness/python';

/** The folder where scripts/install-brainjs-2.sh installs brain.js 2.0.0-beta.24. */
const BRAINJS_2 = join(REPO_ROOT, 'test', 'fixtures', 'brainjs-2');
const EXAMPLE = join(REPO_ROOT, 'examples', 'brainjs', 'train.js');

interface Setup {
  version: string;
  /** The script to run: the example itself, or an unmodified copy in a project with brain.js 2. */
  script: () => string;
  /** Where a fresh process loading the model resolves the same brain.js. */
  loadFrom: string;
}

const temporary: string[] = [];

/** An application folder holding a copy of the example and brain.js 2 as its node_modules. */
function projectWithBrainjs2(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brainjs-2-app-'));
  temporary.push(dir);
  copyFileSync(EXAMPLE, join(dir, 'train.js'));
  symlinkSync(join(BRAINJS_2, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'train.js');
}

const SETUPS: Setup[] = [
  { version: '1.6.1', script: () => EXAMPLE, loadFrom: REPO_ROOT },
  { version: '2.0.0-beta.24', script: projectWithBrainjs2, loadFrom: BRAINJS_2 },
];

interface ScriptOutput {
  error: number;
  iterations: number;
  heldOut: number[][];
  predictions: number[][];
}

function scriptOutput(stdout: string): ScriptOutput {
  const line = stdout.split('\n').find((l) => l.startsWith('{"error"'));
  assert.ok(line, `the script printed its result: ${stdout}`);
  return JSON.parse(line) as ScriptOutput;
}

function assertBrainjsRun(run: ReadBackRun, output: ScriptOutput): void {
  assert.equal(run.info.status, 'FINISHED');
  assert.equal(run.tags['mlflow.autologging'], 'brainjs');
  assert.equal(run.tags.estimator_name, 'NeuralNetwork');
  assert.equal(run.tags.estimator_class, 'brain.js.NeuralNetwork');
  const p = run.params;
  // NB: given by the script, then brain.js's defaults, then what training settled on.
  assert.deepEqual(
    { hiddenLayers: p.hiddenLayers, iterations: p.iterations, errorThresh: p.errorThresh, learningRate: p.learningRate, callbackPeriod: p.callbackPeriod },
    { hiddenLayers: '[4]', iterations: '200', errorThresh: '0.001', learningRate: '0.5', callbackPeriod: '50' },
  );
  assert.deepEqual(
    { momentum: p.momentum, activation: p.activation, logPeriod: p.logPeriod, log: p.log, timeout: p.timeout, binaryThresh: p.binaryThresh },
    { momentum: '0.1', activation: 'sigmoid', logPeriod: '10', log: 'false', timeout: 'Infinity', binaryThresh: '0.5' },
  );
  assert.equal(p.sizes, '[2,4,1]');
  assert.equal(p.callback, undefined, 'the callback is not a param');
  const curve = run.metrics.training_error ?? [];
  assert.deepEqual(curve.map((m) => m.step).sort((a, b) => a - b), [50, 100, 150, 200], 'every callbackPeriod, the final one not twice');
  assert.equal(curve.find((m) => m.step === output.iterations)?.value, output.error, 'the final training error is the one train() returned');
  assert.deepEqual(run.metrics.iterations?.map((m) => [m.step, m.value]), [[0, output.iterations]]);
  // NB: the 40 training items' inputs and outputs, as MLflow logs array data.
  assert.deepEqual(
    run.inputs.map((i) => ({ context: i.tags['mlflow.data.context'], source_type: i.source_type, profile: JSON.parse(i.profile) as unknown })),
    [{ context: 'train', source_type: 'code', profile: { features_shape: [40, 2], features_size: 80, features_nbytes: 640, targets_shape: [40, 1], targets_size: 40, targets_nbytes: 320 } }],
  );
}

describe('the brain.js example, run as its README says', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  after(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  test('the two versions the suite runs are tested versions', () => {
    // NB: the version matrix (test/integration/version-matrix.test.ts) runs the others.
    for (const setup of SETUPS) assert.ok(BRAINJS_VERSIONS.tested.includes(setup.version), `${setup.version} is in tested: ${BRAINJS_VERSIONS.tested.join(', ')}`);
    for (const setup of SETUPS) {
      const manifest = JSON.parse(readFileSync(join(setup.loadFrom, 'node_modules', 'brain.js', 'package.json'), 'utf8')) as { version: string };
      assert.equal(manifest.version, setup.version, `brain.js in ${setup.loadFrom}`);
    }
  });

  for (const setup of SETUPS) {
    test(`with brain.js ${setup.version}: one run with the options, the error curve and a model a fresh process loads and that predicts as the trained network`, async () => {
      const experiment = uniqueName('brainjs-example');
      const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment };
      const script = setup.script();
      assert.equal(readFileSync(script, 'utf8'), readFileSync(EXAMPLE, 'utf8'), 'the example runs unmodified');
      const { code, stdout, stderr } = await runNode(['--require', 'mlflow-autolog/register', script], env);
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /mlflow-autolog:/, 'no agent warnings');
      // NB: the script's own callback still runs, every callbackPeriod, with brain.js's numbers.
      assert.deepEqual(stderr.split('\n').filter((l) => l.startsWith('iteration ')).map((l) => l.split(':')[0]), [
        'iteration 50',
        'iteration 100',
        'iteration 150',
        'iteration 200',
      ]);
      const output = scriptOutput(stdout);

      configure({ trackingUri: serverUrl, experimentName: experiment });
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 1);
      const runId = runs[0]!.info.runId;
      assertBrainjsRun(await readRun(serverUrl, runId), output);

      const uri = `runs:/${runId}/model`;
      const mlmodel = parse(readFileSync(join(await downloadModel(uri), 'MLmodel'), 'utf8')) as {
        flavors: { brainjs: Record<string, unknown> };
        signature: { inputs: string; outputs: string };
      };
      assert.deepEqual(mlmodel.flavors.brainjs, { brainjs_version: setup.version, network_class: 'NeuralNetwork', data: 'model.json' });
      assert.deepEqual(JSON.parse(mlmodel.signature.inputs), [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 2] } }]);
      assert.deepEqual(JSON.parse(mlmodel.signature.outputs), [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 1] } }]);

      const loaded = await runNode([join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js'), uri, JSON.stringify(output.heldOut)], env, setup.loadFrom);
      assert.equal(loaded.code, 0, loaded.stderr);
      assert.doesNotMatch(loaded.stderr, /mlflow-autolog:/, 'no warning: the model pins the brain.js it was trained with');
      assert.deepEqual(JSON.parse(loaded.stdout.trim().split('\n').at(-1)!), output.predictions);
    });
  }

  test('the preload with MLFLOW_AUTOLOG_DISABLE=true trains as usual and creates nothing', async () => {
    const experiment = uniqueName('brainjs-disabled');
    const { code, stdout, stderr } = await runNode(['--require', 'mlflow-autolog/register', EXAMPLE], {
      MLFLOW_TRACKING_URI: serverUrl,
      MLFLOW_EXPERIMENT_NAME: experiment,
      MLFLOW_AUTOLOG_DISABLE: 'true',
    });
    assert.equal(code, 0, stderr);
    assert.equal(scriptOutput(stdout).predictions.length, 5);
    configure({ trackingUri: serverUrl, experimentName: experiment });
    assert.deepEqual(await runsOf(experiment), []);
  });
});
