/**
 * The version matrix (test/harness/version-matrix.ts): each supported major's lowest and highest
 * minor of every instrumented library, trained by a plain script with the built agent preloaded
 * (`node --require dist/src/register.js`) against the real MLflow server. Each run must hold the
 * library's params and metrics and a logged model that a fresh process loads with loadModel (the
 * flavor loading the same library version) and that predicts what the trained model predicted,
 * with no agent warning. The versions manifests' `tested` lists are the matrix's versions, and a
 * version outside its range gets one warning and trains as without the agent.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import semver from 'semver';
import { BRAINJS_VERSIONS } from '../../instrumentations/brainjs/versions';
import { MLJS_EXTRA_MODULES, MLJS_VERSIONS } from '../../instrumentations/mljs/versions';
import { NATURAL_VERSIONS } from '../../instrumentations/natural/versions';
import { TFJS_VERSIONS } from '../../instrumentations/tfjs/versions';
import { checkVersion } from '../../src/autolog/versions';
import type { VersionsManifest } from '../../src/autolog/types';
import type { Run } from '../../src/store/types';
import { configure, getClient } from '../../src/tracking/fluent';
import { runsOf, tagOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { lastJson } from '../harness/node';
import { REPO_ROOT } from '../harness/python';
import { FULL_MATRIX, MATRIX, OUTSIDE_RANGE, Projects, inCiSubset, matrixVersions, predict, train, type Library, type MatrixCase, type Trained } from '../harness/version-matrix';

const MANIFESTS: readonly VersionsManifest[] = [TFJS_VERSIONS, BRAINJS_VERSIONS, NATURAL_VERSIONS, MLJS_VERSIONS, ...MLJS_EXTRA_MODULES];

const CLASSIFIER = ['training_accuracy_score', 'training_precision_score', 'training_recall_score', 'training_f1_score', 'training_score'];
const REGRESSOR = ['training_mean_squared_error', 'training_root_mean_squared_error', 'training_mean_absolute_error', 'training_r2_score', 'training_score'];

/** What each model train.js trains must have logged: its tag, some params, and its metrics. */
interface Expected {
  estimatorClass?: string;
  params: Record<string, string>;
  metrics: string[];
}

const EXPECTED: Record<Library, Record<string, Expected>> = {
  tfjs: {
    Sequential: {
      params: { epochs: '3', batch_size: '10', validation_split: '0.25', opt_name: 'Adam', opt_learning_rate: '0.05', loss: 'categoricalCrossentropy' },
      metrics: ['loss', 'acc', 'val_loss', 'val_acc'],
    },
  },
  brainjs: {
    NeuralNetwork: {
      estimatorClass: 'brain.js.NeuralNetwork',
      params: { hiddenLayers: '[4]', iterations: '200', errorThresh: '0.001', learningRate: '0.5', callbackPeriod: '50', sizes: '[2,4,1]' },
      metrics: ['training_error', 'iterations'],
    },
  },
  natural: {
    BayesClassifier: { estimatorClass: 'natural.BayesClassifier', params: { classifier_type: 'BayesClassifier', num_classes: '2', num_documents: '6' }, metrics: ['training_accuracy_score'] },
    LogisticRegressionClassifier: {
      estimatorClass: 'natural.LogisticRegressionClassifier',
      params: { classifier_type: 'LogisticRegressionClassifier', num_classes: '2', num_documents: '6' },
      metrics: ['training_accuracy_score'],
    },
  },
  mljs: {
    RandomForestClassifier: { estimatorClass: 'ml-random-forest.RandomForestClassifier', params: { nEstimators: '5', noOOB: 'true' }, metrics: CLASSIFIER },
    DecisionTreeRegression: { estimatorClass: 'ml-cart.DecisionTreeRegression', params: { gainFunction: 'regression', maxDepth: '4' }, metrics: REGRESSOR },
    LogisticRegression: { estimatorClass: 'ml-logistic-regression.LogisticRegression', params: { numSteps: '200', learningRate: '0.05' }, metrics: CLASSIFIER },
    GaussianNB: { estimatorClass: 'ml-naivebayes.GaussianNB', params: {}, metrics: CLASSIFIER },
    SVM: { estimatorClass: 'ml-svm.SVM', params: { C: '1', kernel: 'linear' }, metrics: CLASSIFIER },
    KNN: { estimatorClass: 'ml-knn.KNN', params: { k: '3', distance: 'euclidean' }, metrics: CLASSIFIER },
    SimpleLinearRegression: { estimatorClass: 'ml-regression-simple-linear.SimpleLinearRegression', params: {}, metrics: REGRESSOR },
    PolynomialRegression: { estimatorClass: 'ml-regression-polynomial.PolynomialRegression', params: { degree: '2' }, metrics: REGRESSOR },
    ExponentialRegression: { estimatorClass: 'ml-regression-exponential.ExponentialRegression', params: {}, metrics: REGRESSOR },
    PowerRegression: { estimatorClass: 'ml-regression-power.PowerRegression', params: {}, metrics: REGRESSOR },
    TheilSenRegression: { estimatorClass: 'ml-regression-theil-sen.TheilSenRegression', params: {}, metrics: REGRESSOR },
    RobustPolynomialRegression: { estimatorClass: 'ml-regression-robust-polynomial.RobustPolynomialRegression', params: { degree: '2' }, metrics: REGRESSOR },
    MultivariateLinearRegression: { estimatorClass: 'ml-regression-multivariate-linear.MultivariateLinearRegression', params: { intercept: 'true' }, metrics: REGRESSOR },
    PCA: { estimatorClass: 'ml-pca.PCA', params: { method: 'SVD', scale: 'true' }, metrics: ['training_explained_variance_ratio'] },
    kmeans: { estimatorClass: 'ml-kmeans.kmeans', params: { K: '2', seed: '3' }, metrics: ['training_inertia'] },
  },
};

function caseName(c: MatrixCase): string {
  const versions = Object.entries(c.versions).map(([name, version]) => (c.library === 'mljs' ? `${name} ${version}` : version));
  return `${c.library} ${[...new Set(versions)].join(', ')} (${c.install})`;
}

/** The run that logged the model train.js calls `name`: the only run for a library with one estimator per class. */
function runOf(runs: Run[], library: Library, name: string): Run {
  const estimatorClass = EXPECTED[library][name]?.estimatorClass;
  const found = estimatorClass ? runs.filter((r) => tagOf(r, 'estimator_class') === estimatorClass) : runs;
  assert.equal(found.length, 1, `one run for ${name}`);
  return found[0]!;
}

async function assertRun(run: Run, library: Library, name: string): Promise<void> {
  const expected = EXPECTED[library][name];
  assert.ok(expected, `the test knows what ${library} ${name} logs`);
  assert.equal(run.info.status, 'FINISHED');
  assert.equal(tagOf(run, 'mlflow.autologging'), library);
  const params = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
  assert.deepEqual(Object.fromEntries(Object.keys(expected.params).map((k) => [k, params[k]])), expected.params, `${name}'s params`);
  const metrics = new Set(run.data.metrics.map((m) => m.key));
  for (const key of expected.metrics) assert.ok(metrics.has(key), `${name} logged the metric ${key}: ${[...metrics].join(', ')}`);
  if (library === 'tfjs') {
    const steps = (await getClient().getMetricHistory(run.info.runId, 'loss')).map((m) => m.step).sort((a, b) => a - b);
    assert.deepEqual(steps, [0, 1, 2], 'the loss at every epoch');
  }
}

/** Equal in shape, and numbers within `tolerance` of each other. */
function assertClose(actual: unknown, expected: unknown, tolerance: number, path = 'predictions'): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', path);
    assert.ok(Math.abs((actual as number) - expected) <= tolerance, `${path}: ${String(actual)} is not within ${tolerance} of ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: ${JSON.stringify(actual)} has the shape of ${JSON.stringify(expected)}`);
    expected.forEach((e, i) => assertClose((actual as unknown[])[i], e, tolerance, `${path}[${i}]`));
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

describe('the version matrix', () => {
  let serverUrl: string;
  const projects = new Projects();

  before(async () => {
    serverUrl = (await testServer()).url;
  });
  after(() => projects.removeAll());

  test("every manifest's tested versions are the matrix's versions, each supported and tested, as the README's table says", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Supported libraries'), readme.indexOf('## Autolog options')).split('\n');
    for (const manifest of MANIFESTS) {
      const versions = matrixVersions(manifest.module).sort(semver.compare);
      assert.ok(versions.length > 0, `the matrix covers ${manifest.module}`);
      assert.deepEqual([...manifest.tested].sort(semver.compare), versions, `${manifest.module}'s tested versions`);
      for (const version of versions) assert.equal(checkVersion(manifest, version), 'tested', `${manifest.module}@${version}`);
      const says = [manifest.module, ...manifest.supported.map((range) => `\`${range}\``), `(tested: ${versions.join(', ')})`];
      assert.ok(table.some((line) => says.every((text) => line.includes(text))), `a line of the README's table says ${says.join(' ')}`);
    }
  });

  // NB: the cases outside the CI subset are not registered at all (CI has no skipped tests);
  // npm run test:version-matrix runs every one.
  for (const c of MATRIX.filter((m) => FULL_MATRIX || inCiSubset(m.install))) {
    test(`${caseName(c)}: each model is one run with its params and metrics, and loads back in a fresh process predicting as trained, with no agent warning`, async () => {
      const experiment = uniqueName(`version-matrix-${c.library}`);
      const env = {
        MLFLOW_TRACKING_URI: serverUrl,
        MLFLOW_EXPERIMENT_NAME: experiment,
      };
      // NB: the ml.js cases train 15 models on the same data: their runs log the same new dataset
      // at once, which MLflow's SQL store can refuse once with "UNIQUE constraint failed:
      // datasets…" (src/tracking/delivery.ts asks again); no warning is allowed below.
      const trained = await train(projects, c, env);
      assert.equal(trained.code, 0, trained.stderr);
      assert.doesNotMatch(trained.stderr, /mlflow-autolog:/, 'no agent warning');
      const output = lastJson<Trained>(trained.stdout);
      assert.deepEqual(Object.fromEntries(Object.keys(c.versions).map((k) => [k, output.versions[k]])), c.versions, 'the versions the script loaded');

      configure({ trackingUri: serverUrl, experimentName: experiment });
      const runs = await runsOf(experiment);
      assert.equal(runs.length, output.models.length, 'one run per trained model');
      const models = [];
      for (const model of output.models) {
        const run = runOf(runs, c.library, model.name);
        await assertRun(run, c.library, model.name);
        models.push({ uri: `runs:/${run.info.runId}/model`, rows: model.rows });
      }

      const loaded = await predict(projects, c, models, { MLFLOW_TRACKING_URI: serverUrl });
      assert.equal(loaded.code, 0, loaded.stderr);
      assert.doesNotMatch(loaded.stderr, /mlflow-autolog:/, 'no warning on loading: the model pins the versions it was trained with');
      const predictions = lastJson<{ predictions: unknown[] }>(loaded.stdout).predictions;
      // NB: the loader prefers tfjs-node where it is installed (the repository has it), and its
      // native kernels round float32 differently from the cpu backend the script trained on.
      if (c.library === 'tfjs') assertClose(predictions, output.models.map((m) => m.predictions), 1e-6);
      else assert.deepEqual(predictions, output.models.map((m) => m.predictions));
    });
  }

  test(`a version outside its supported range (${caseName(OUTSIDE_RANGE)}) gets one warning, no run, and trains as without the agent`, async () => {
    const [[module, version]] = Object.entries(OUTSIDE_RANGE.versions) as [[string, string]];
    const manifest = MANIFESTS.find((m) => m.module === module)!;
    assert.equal(checkVersion(manifest, version), 'unsupported');
    const experiment = uniqueName('version-matrix-outside');
    const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment };
    const [patched, plain] = await Promise.all([train(projects, OUTSIDE_RANGE, env), train(projects, OUTSIDE_RANGE, env, false)]);
    assert.equal(patched.code, 0, patched.stderr);
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(patched.stderr.split('\n').filter((l) => l.startsWith('mlflow-autolog:')), [
      `mlflow-autolog: mljs autologging is off for ${module}@${version}: supported versions are ${manifest.supported.join(' || ')}. Install a supported version to autolog it.`,
    ]);
    assert.deepEqual(lastJson<Trained>(patched.stdout), lastJson<Trained>(plain.stdout));
    configure({ trackingUri: serverUrl, experimentName: experiment });
    assert.deepEqual(await runsOf(experiment), []);
  });
});
