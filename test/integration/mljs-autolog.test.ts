/**
 * Every ml.js estimator the instrumentation covers, autologged in-process against the real
 * MLflow server: one run per training call with its estimator tags, params and training metrics,
 * and a logged model that loads back (with the class's static `load`) and predicts as the trained
 * model does. Also: a family package outside its supported versions is left alone with one
 * warning, and a column signature makes the model take records.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { mljsInstrumentation } from '../../instrumentations/mljs/instrumentation';
import { mljsModel } from '../../instrumentations/mljs/flavor';
import { autolog } from '../../src/autolog/autolog';
import { registerInstrumentation } from '../../src/autolog/engine';
import { isWrapped } from '../../src/autolog/shimmer';
import { inferSignature } from '../../src/models/infer-signature';
import { loadModel } from '../../src/models/model-api';
import { TAG_AUTOLOGGING } from '../../src/autolog/session';
import { configure, endRun, flush, getClient, startRun, withRun } from '../../src/tracking/fluent';
import { collectWarnings, runsOf, tagOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { readRun } from '../harness/python';

/** A trained ml.js model, as far as these tests use one. */
interface Trained {
  predict(x: unknown): unknown;
  getExplainedVariance?(): number[];
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const random = lcg(1);
const X = Array.from({ length: 60 }, () => [random(), random(), random()]);
const labels = X.map(([a, b, c]) => (a! + b! > c! + 0.6 ? 1 : 0));
const target = X.map(([a, b, c]) => 3 * a! - b! + 0.5 * c! + 0.1 * random());
const xs = Array.from({ length: 30 }, (_, i) => 1 + i / 3);
const ys = xs.map((v) => 2 * v ** 1.5 + random());
const counts = X.map((row) => row.map((v) => Math.round(5 * v)));

const CLASSIFIER = ['training_accuracy_score', 'training_precision_score', 'training_recall_score', 'training_f1_score', 'training_score'];
const REGRESSOR = ['training_mean_squared_error', 'training_root_mean_squared_error', 'training_mean_absolute_error', 'training_r2_score', 'training_score'];

interface Case {
  estimator: string;
  train(): { model: Trained; rows: unknown };
  metrics: string[];
  params?: Record<string, string>;
}

const CASES: Case[] = [
  { estimator: 'ml-random-forest.RandomForestRegression', metrics: REGRESSOR, params: { nEstimators: '6', selectionMethod: 'median' }, train: () => {
    const m = new (require('ml-random-forest').RandomForestRegression)({ nEstimators: 6, noOOB: true, selectionMethod: 'median' });
    m.train(X, target);
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-cart.DecisionTreeClassifier', metrics: CLASSIFIER, params: { gainFunction: 'gini', minNumSamples: '3', maxDepth: 'Infinity', gainThreshold: '0.01' }, train: () => {
    const m = new (require('ml-cart').DecisionTreeClassifier)();
    m.train(X, labels);
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-cart.DecisionTreeRegression', metrics: REGRESSOR, params: { gainFunction: 'regression', maxDepth: '4' }, train: () => {
    const m = new (require('ml-cart').DecisionTreeRegression)({ maxDepth: 4 });
    m.train(X, target);
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-logistic-regression.LogisticRegression', metrics: CLASSIFIER, params: { numSteps: '200', learningRate: '0.05' }, train: () => {
    const { Matrix } = require('ml-matrix');
    const m = new (require('ml-logistic-regression'))({ numSteps: 200, learningRate: 0.05 });
    m.train(new Matrix(X), Matrix.columnVector(labels));
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-naivebayes.GaussianNB', metrics: CLASSIFIER, train: () => {
    const m = new (require('ml-naivebayes').GaussianNB)();
    m.train(X, labels);
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-naivebayes.MultinomialNB', metrics: CLASSIFIER, train: () => {
    const m = new (require('ml-naivebayes').MultinomialNB)();
    m.train(counts, labels);
    return { model: m, rows: counts.slice(0, 7) };
  } },
  { estimator: 'ml-svm.SVM', metrics: CLASSIFIER, params: { C: '1', kernel: 'linear', tol: '0.0001', whitening: 'true' }, train: () => {
    const m = new (require('ml-svm'))({ C: 1, kernel: 'linear', random: lcg(4) });
    m.train(X, labels.map((l) => (l ? 1 : -1)));
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-knn.KNN', metrics: CLASSIFIER, params: { k: '3', distance: 'euclidean' }, train: () => {
    const KNN = require('ml-knn');
    const m = new KNN(X, labels); // NB: k defaults to the number of classes + 1
    assert.ok(m instanceof KNN);
    return { model: m, rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-regression-simple-linear.SimpleLinearRegression', metrics: REGRESSOR, train: () => ({ model: new (require('ml-regression').SimpleLinearRegression)(xs, ys), rows: xs.slice(0, 7) }) },
  { estimator: 'ml-regression-exponential.ExponentialRegression', metrics: REGRESSOR, train: () => ({ model: new (require('ml-regression').ExponentialRegression)(xs, ys), rows: xs.slice(0, 7) }) },
  { estimator: 'ml-regression-power.PowerRegression', metrics: REGRESSOR, train: () => ({ model: new (require('ml-regression').PowerRegression)(xs, ys), rows: xs.slice(0, 7) }) },
  { estimator: 'ml-regression-theil-sen.TheilSenRegression', metrics: REGRESSOR, train: () => ({ model: new (require('ml-regression').TheilSenRegression)(xs, ys), rows: xs.slice(0, 7) }) },
  { estimator: 'ml-regression-robust-polynomial.RobustPolynomialRegression', metrics: REGRESSOR, params: { degree: '2' }, train: () => ({ model: new (require('ml-regression').RobustPolynomialRegression)(xs, ys, 2), rows: xs.slice(0, 7) }) },
  { estimator: 'ml-regression-multivariate-linear.MultivariateLinearRegression', metrics: REGRESSOR, params: { intercept: 'true', statistics: 'true' }, train: () => {
    const MLR = require('ml-regression-multivariate-linear');
    return { model: new MLR(X, X.map((row, i) => [target[i]!, row[0]! - row[1]!])), rows: X.slice(0, 7) };
  } },
  { estimator: 'ml-pca.PCA', metrics: [], params: { method: 'SVD', center: 'true', scale: 'true' }, train: () => ({ model: new (require('ml-pca').PCA)(X, { scale: true }), rows: X.slice(0, 7) }) },
];

/** Predictions as plain JSON (a PCA projection is a Matrix). */
function plainPredictions(model: Trained, rows: unknown): unknown {
  const input = model.constructor.name === 'LogisticRegression' ? new (require('ml-matrix').Matrix)(rows) : rows;
  const out = model.predict(input) as { to2DArray?: () => unknown } | unknown[];
  return !Array.isArray(out) && typeof out?.to2DArray === 'function' ? out.to2DArray() : out;
}

describe('ml.js autologging across the family', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  for (const c of CASES) {
    test(`${c.estimator} is logged as one run with its params and training metrics, and its model predicts the same after loading`, async () => {
      const experiment = uniqueName('mljs-family');
      configure({ trackingUri: serverUrl, experimentName: experiment });
      autolog();
      const { result, warnings } = await collectWarnings(async () => {
        const trained = c.train();
        await flush();
        return trained;
      });
      assert.deepEqual(warnings, []);
      const { model, rows } = result!;
      const runs = await runsOf(experiment);
      assert.equal(runs.length, 1, 'one run; no runs for models trained inside it');
      assert.equal(tagOf(runs[0]!, 'estimator_class'), c.estimator);
      const run = await readRun(serverUrl, runs[0]!.info.runId);
      assert.equal(run.info.status, 'FINISHED');
      for (const [key, value] of Object.entries(c.params ?? {})) assert.equal(run.params[key], value, `param ${key}`);
      for (const key of c.metrics) assert.equal(typeof run.metrics[key]?.[0]?.value, 'number', `metric ${key}`);
      if (c.estimator === 'ml-pca.PCA') {
        const ratios = run.metrics.training_explained_variance_ratio!.sort((a, b) => a.step - b.step);
        assert.deepEqual(ratios.map((m) => m.value), model.getExplainedVariance!());
      }
      const loaded = (await mljsModel.loadModel(`models:/${run.outputs[0]}`)) as Trained;
      assert.deepEqual(plainPredictions(loaded, rows), plainPredictions(model, rows));
      const generic = await loadModel(`models:/${run.outputs[0]}`);
      assert.deepEqual(await generic.predict(rows), plainPredictions(model, rows));
    });
  }

  test('a family package outside its supported versions gets one warning and no patch, and trains as usual', async () => {
    const experiment = uniqueName('mljs-unsupported');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autolog({ disable: true });
    const extraModules = mljsInstrumentation.extraModules!.map((m) => (m.module === 'ml-cart' ? { ...m, supported: ['<0.0.1'] } : m));
    const { DecisionTreeClassifier } = require('ml-cart');
    try {
      const { warnings } = await collectWarnings(async () => {
        registerInstrumentation({ ...mljsInstrumentation, extraModules } as typeof mljsInstrumentation);
        autolog();
        autolog();
      });
      assert.deepEqual(warnings.map((w) => w.replace(/@[\d.]+/, '@<version>')), [
        'mlflow-autolog: mljs autologging is off for ml-cart@<version>: supported versions are <0.0.1. Install a supported version to autolog it.',
      ]);
      assert.equal(isWrapped(DecisionTreeClassifier.prototype.train), false);
      const tree = new DecisionTreeClassifier();
      tree.train(X, labels);
      await flush();
      assert.equal(tree.predict(X).length, X.length);
      assert.deepEqual(await runsOf(experiment), []);
    } finally {
      registerInstrumentation(mljsInstrumentation);
      autolog();
    }
    assert.equal(isWrapped(DecisionTreeClassifier.prototype.train), true);
  });

  test("inside the user's run, endRun and withRun end it only once the model trained there is logged", async () => {
    const experiment = uniqueName('mljs-user-run');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autolog();
    const { DecisionTreeClassifier } = require('ml-cart');
    // NB: no flush() before ending, and each run read back at once: ending the run must wait for
    // the model logged in the background.
    const check = async (runId: string) => {
      // NB: the REST read at once (a Python reader would start too late to tell), then Python's view.
      const now = await getClient().getRun(runId);
      assert.equal(now.info.status, 'FINISHED');
      assert.equal(now.outputs.modelOutputs.length, 1, 'the logged model is linked to the run when it ends');
      const read = await readRun(serverUrl, runId);
      assert.equal(read.info.status, 'FINISHED');
      assert.equal(read.tags[TAG_AUTOLOGGING], undefined, "the user's run is not an autologging run");
      assert.equal(read.outputs.length, 1);
      assert.equal(read.params.gainFunction, 'gini');
    };
    const started = await startRun({ runName: 'by-hand' });
    new DecisionTreeClassifier().train(X, labels);
    await endRun();
    await check(started.runId!);
    const inWithRun = await withRun(async (run) => {
      new DecisionTreeClassifier().train(X, labels);
      return run;
    });
    await check(inWithRun.runId!);
  });

  test('a model saved with a column signature takes records, in the signature order', async () => {
    const { GaussianNB } = require('ml-naivebayes');
    const nb = new GaussianNB();
    autolog({ disable: true });
    nb.train(X, labels);
    autolog();
    const records = X.slice(0, 5).map(([a, b, c]) => ({ c, a, b }));
    const signature = inferSignature(X.slice(0, 5).map(([a, b, c]) => ({ a, b, c })), nb.predict(X.slice(0, 5)));
    const dir = join(mkdtempSync(join(tmpdir(), 'mljs-records-')), 'model');
    await mljsModel.saveModel(nb, dir, { signature });
    const loaded = await loadModel(dir);
    assert.deepEqual(await loaded.predict(records), nb.predict(X.slice(0, 5)));
  });
});
