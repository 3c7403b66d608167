/**
 * The ml.js examples, run unmodified as their README says (a child process of the built package
 * against the real MLflow server), then read back with MLflow's own Python client. Each must
 * produce one FINISHED run tagged mlflow.autologging=mljs with the estimator's params and
 * training metrics, and a logged model that a fresh process loads with `loadModel` and that
 * predicts exactly what the trained model predicted on the held-out rows.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode, lastJson } from '../harness/node';
import { pythonJson, readRun, type ReadBackRun } from '../harness/python';

interface Example {
  title: string;
  args: string[];
  estimator: string;
  params: Record<string, string>;
  metrics: string[];
  /** The input signature the logged model must carry. */
  inputs: unknown;
  check?: (run: ReadBackRun) => void;
}

const CLASSIFIER_METRICS = ['training_accuracy_score', 'training_precision_score', 'training_recall_score', 'training_f1_score', 'training_score', 'training_log_loss', 'training_roc_auc'];
const REGRESSOR_METRICS = ['training_mean_squared_error', 'training_root_mean_squared_error', 'training_mean_absolute_error', 'training_r2_score', 'training_score'];

const EXAMPLES: Example[] = [
  {
    title: 'the random forest classifier (CommonJS, --require)',
    args: ['--require', 'mlflow-autolog/register', 'examples/mljs/train-forest.js'],
    estimator: 'ml-random-forest.RandomForestClassifier',
    params: { nEstimators: '25', seed: '7', maxFeatures: '0.8', replacement: 'true', useSampleBagging: 'true', noOOB: 'true', maxSamples: 'None', treeOptions: 'None' },
    metrics: CLASSIFIER_METRICS,
    inputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 4] } }],
    check(run) {
      const accuracy = run.metrics.training_accuracy_score![0]!.value as number;
      assert.ok(accuracy > 0.8 && accuracy <= 1, `training accuracy ${accuracy}`);
      const train = run.inputs.filter((i) => i.tags['mlflow.data.context'] === 'train');
      assert.equal(train.length, 1);
      assert.deepEqual(JSON.parse(train[0]!.profile), { features_shape: [130, 4], features_size: 520, features_nbytes: 4160, targets_shape: [130], targets_size: 130, targets_nbytes: 1040 });
    },
  },
  {
    title: 'the polynomial regression trained by its constructor (CommonJS, --require)',
    args: ['--require', 'mlflow-autolog/register', 'examples/mljs/train-regression.js'],
    estimator: 'ml-regression-polynomial.PolynomialRegression',
    params: { degree: '2' },
    metrics: REGRESSOR_METRICS,
    inputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1] } }],
    check(run) {
      const r2 = run.metrics.training_r2_score![0]!.value as number;
      assert.ok(r2 > 0.9 && r2 <= 1, `training r2 ${r2}`);
    },
  },
  {
    title: 'k-means from the ES module ml-kmeans (ESM, --import)',
    args: ['--import', 'mlflow-autolog/register', 'examples/mljs/train-kmeans.mjs'],
    estimator: 'ml-kmeans.kmeans',
    params: { K: '3', seed: '42', maxIterations: '100', tolerance: '0.000001', initialization: 'kmeans++', distanceFunction: 'squaredEuclidean' },
    metrics: ['training_inertia'],
    inputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 2] } }],
    check(run) {
      const inertia = run.metrics.training_inertia![0]!.value as number;
      // NB: 90 points spread uniformly ±0.5 around 3 centers: about 90 * 2 / 12 = 15.
      assert.ok(inertia > 5 && inertia < 25, `inertia ${inertia}`);
    },
  },
];

describe('the ml.js examples, run as their README says', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  for (const example of EXAMPLES) {
    test(`${example.title} logs one run with params and training metrics, and a model a fresh process loads to predict the same`, async () => {
      const experiment = uniqueName('mljs-example');
      const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment, MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true' };
      const { code, stdout, stderr } = await runNode(example.args, env);
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /mlflow-autolog:/, 'no agent warnings');
      const { heldOut, predictions } = lastJson<{ heldOut: unknown[]; predictions: unknown[] }>(stdout);

      configure({ trackingUri: serverUrl, experimentName: experiment });
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 1, 'one run: the trees inside a forest or fits inside a regression are not runs of their own');
      const run = await readRun(serverUrl, runs[0]!.info.runId);
      assert.equal(run.info.status, 'FINISHED');
      assert.equal(run.tags['mlflow.autologging'], 'mljs');
      assert.equal(run.tags.estimator_class, example.estimator);
      assert.equal(run.tags.estimator_name, example.estimator.split('.').pop());
      for (const [key, value] of Object.entries(example.params)) assert.equal(run.params[key], value, `param ${key}`);
      for (const key of example.metrics) assert.deepEqual(run.metrics[key]?.map((m) => m.step), [0], `metric ${key} at step 0`);
      example.check?.(run);
      assert.equal(run.outputs.length, 1, 'one logged model');

      // NB: a new process, as a service would load it; nothing of the training process is shared.
      const uri = `models:/${run.outputs[0]}`;
      const loaded = await runNode(['examples/mljs/load-and-predict.js', uri, JSON.stringify(heldOut)], { MLFLOW_TRACKING_URI: serverUrl });
      assert.equal(loaded.code, 0, loaded.stderr);
      assert.doesNotMatch(loaded.stderr, /mlflow-autolog:/, 'no warnings when loading');
      assert.deepEqual(lastJson<{ predictions: unknown[] }>(loaded.stdout).predictions, predictions);

      const spec = await readMlmodel(serverUrl, uri);
      assert.equal(spec.flavors.mljs.package, example.estimator.split('.')[0]);
      assert.equal(spec.flavors.js_function.loader_module, 'mlflow-autolog/mljs');
      assert.deepEqual(JSON.parse(spec.signature.inputs), example.inputs);
      assert.ok(spec.saved_input_example_info, 'the input example was saved');
    });
  }

  test('the preload with MLFLOW_AUTOLOG_DISABLE=true trains as usual and creates nothing', async () => {
    const experiment = uniqueName('mljs-disabled');
    const { code, stdout, stderr } = await runNode(['--require', 'mlflow-autolog/register', 'examples/mljs/train-forest.js'], {
      MLFLOW_TRACKING_URI: serverUrl,
      MLFLOW_EXPERIMENT_NAME: experiment,
      MLFLOW_AUTOLOG_DISABLE: 'true',
    });
    assert.equal(code, 0, stderr);
    assert.equal(lastJson<{ predictions: unknown[] }>(stdout).predictions.length, 20);
    configure({ trackingUri: serverUrl, experimentName: experiment });
    assert.deepEqual(await runsOf(experiment), []);
  });
});

/** The logged model's MLmodel, as MLflow's Python client downloads it. */
async function readMlmodel(trackingUri: string, uri: string): Promise<{ flavors: Record<string, Record<string, unknown>>; signature: { inputs: string }; saved_input_example_info?: unknown }> {
  return pythonJson(
    `import json, os, mlflow, yaml
mlflow.set_tracking_uri(os.environ['URI'])
path = mlflow.artifacts.download_artifacts(os.environ['MODEL'])
print(json.dumps(yaml.safe_load(open(os.path.join(path, 'MLmodel'))), default=str))`,
    { URI: trackingUri, MODEL: uri },
  );
}
