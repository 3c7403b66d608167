/**
 * The ml.js training metrics are scikit-learn's: each one, computed here on the same data, equals
 * what scikit-learn (from the project's .venv) computes for MLflow's sklearn autolog.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binaryRocAuc, classifierMetrics, inertia, regressorMetrics } from '../../instrumentations/mljs/metrics';
import { pythonJson } from '../harness/python';

/** A deterministic pseudo-random sequence in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** sklearn's values for the classifier metrics MLflow logs (log loss and ROC AUC as mlflow/sklearn/utils.py calls them). */
async function sklearnClassifier(yTrue: unknown[], yPred: unknown[], proba: number[][] | undefined): Promise<Record<string, number>> {
  return pythonJson(
    `import json, os, numpy as np
from sklearn import metrics as m
d = json.loads(os.environ['DATA'])
t, p = np.array(d['t']), np.array(d['p'])
out = {
  'training_accuracy_score': m.accuracy_score(t, p),
  'training_precision_score': m.precision_score(t, p, average='weighted'),
  'training_recall_score': m.recall_score(t, p, average='weighted'),
  'training_f1_score': m.f1_score(t, p, average='weighted'),
  'training_score': m.accuracy_score(t, p),
}
if d['proba'] is not None:
  pr = np.array(d['proba'])
  out['training_log_loss'] = m.log_loss(t, pr)
  score = pr[:, 1] if pr.shape[1] == 2 else pr
  out['training_roc_auc'] = m.roc_auc_score(t, score, average='weighted', multi_class='ovo')
print(json.dumps({k: float(v) for k, v in out.items()}))`,
    { DATA: JSON.stringify({ t: yTrue, p: yPred, proba: proba ?? null }) },
  );
}

async function sklearnRegressor(yTrue: number[] | number[][], yPred: number[] | number[][]): Promise<Record<string, number>> {
  return pythonJson(
    `import json, os, numpy as np
from sklearn import metrics as m
d = json.loads(os.environ['DATA'])
t, p = np.array(d['t']), np.array(d['p'])
print(json.dumps({
  'training_mean_squared_error': float(m.mean_squared_error(t, p)),
  'training_root_mean_squared_error': float(m.root_mean_squared_error(t, p)),
  'training_mean_absolute_error': float(m.mean_absolute_error(t, p)),
  'training_r2_score': float(m.r2_score(t, p)),
  'training_score': float(m.r2_score(t, p)),
}))`,
    { DATA: JSON.stringify({ t: yTrue, p: yPred }) },
  );
}

function assertClose(actual: Record<string, number>, expected: Record<string, number>): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) {
    assert.ok(Math.abs(actual[key]! - value) < 1e-9, `${key}: ${actual[key]} vs scikit-learn's ${value}`);
  }
}

/** Rows of class probabilities that sum to 1, with ties (as a forest's vote shares have). */
function probabilities(n: number, k: number, random: () => number): number[][] {
  return Array.from({ length: n }, () => {
    const votes = Array.from({ length: k }, () => Math.floor(random() * 4));
    votes[Math.floor(random() * k)]! += 1;
    const total = votes.reduce((a, b) => a + b, 0);
    return votes.map((v) => v / total);
  });
}

describe('ml.js training metrics against scikit-learn', () => {
  test('binary classification metrics and probabilities match scikit-learn', async () => {
    const random = lcg(3);
    const yTrue = Array.from({ length: 40 }, () => (random() < 0.4 ? 1 : 0));
    const yPred = yTrue.map((y) => (random() < 0.8 ? y : 1 - y));
    const proba = probabilities(40, 2, random);
    assertClose(classifierMetrics(yTrue, yPred, { proba, classes: [0, 1] }), await sklearnClassifier(yTrue, yPred, proba));
  });

  test('multiclass metrics (weighted averages, one-vs-one ROC AUC weighted by prevalence) match scikit-learn', async () => {
    const random = lcg(11);
    const yTrue = Array.from({ length: 60 }, () => Math.floor(random() * 3));
    const yPred = yTrue.map((y) => (random() < 0.7 ? y : Math.floor(random() * 3)));
    const proba = probabilities(60, 3, random);
    assertClose(classifierMetrics(yTrue, yPred, { proba, classes: [0, 1, 2] }), await sklearnClassifier(yTrue, yPred, proba));
  });

  test('a predicted label absent from the truth and a true label never predicted count as scikit-learn counts them', async () => {
    const yTrue = [-1, -1, 1, 1, 1, 2, 2];
    const yPred = [-1, 3, 1, 1, 3, 1, 1];
    assertClose(classifierMetrics(yTrue, yPred), await sklearnClassifier(yTrue, yPred, undefined));
  });

  test('string labels are sorted and compared as scikit-learn does', async () => {
    const yTrue = ['cat', 'dog', 'dog', 'emu', 'cat', 'emu'];
    const yPred = ['cat', 'dog', 'cat', 'emu', 'emu', 'emu'];
    assertClose(classifierMetrics(yTrue, yPred), await sklearnClassifier(yTrue, yPred, undefined));
  });

  test('single-output regression metrics match scikit-learn', async () => {
    const random = lcg(5);
    const yTrue = Array.from({ length: 30 }, () => random() * 10);
    const yPred = yTrue.map((y) => y + (random() - 0.5));
    assertClose(regressorMetrics(yTrue, yPred), await sklearnRegressor(yTrue, yPred));
  });

  test('multi-output regression metrics are averaged uniformly over outputs, as scikit-learn does', async () => {
    const random = lcg(8);
    const yTrue = Array.from({ length: 20 }, () => [random() * 5, random() * 50]);
    const yPred = yTrue.map(([a, b]) => [a! + random() - 0.5, b! + 5 * (random() - 0.5)]);
    assertClose(regressorMetrics(yTrue, yPred), await sklearnRegressor(yTrue, yPred));
  });

  test('a constant target gives r2 1 when predicted exactly and 0 otherwise, as scikit-learn does', async () => {
    assertClose(regressorMetrics([2, 2, 2], [2, 2, 2]), await sklearnRegressor([2, 2, 2], [2, 2, 2]));
    assertClose(regressorMetrics([2, 2, 2], [2, 3, 2]), await sklearnRegressor([2, 2, 2], [2, 3, 2]));
  });

  test('ROC AUC ranks tied scores by their average rank', () => {
    assert.equal(binaryRocAuc([false, true, false, true], [0.5, 0.5, 0.2, 0.9]), 0.875);
    assert.ok(Number.isNaN(binaryRocAuc([true, true], [0.1, 0.2])));
  });

  test("k-means inertia is scikit-learn's: squared distances of the points to their centroids", async () => {
    const points = [[0, 0], [0, 1], [5, 5], [6, 5], [5, 6]];
    const centroids = [[0, 0.5], [16 / 3, 16 / 3]];
    const clusters = [0, 0, 1, 1, 1];
    const expected = await pythonJson<number>(
      `import json, numpy as np
from sklearn.cluster import KMeans
X = np.array(${JSON.stringify(points)}, dtype=float)
k = KMeans(n_clusters=2, init=np.array(${JSON.stringify(centroids)}), n_init=1, max_iter=1).fit(X)
print(json.dumps(float(k.inertia_)))`,
    );
    assert.ok(Math.abs(inertia(points, centroids, clusters) - expected) < 1e-9, `${inertia(points, centroids, clusters)} vs ${expected}`);
  });
});
