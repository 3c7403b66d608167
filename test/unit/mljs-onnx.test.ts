/**
 * ml.js models exported to ONNX predict what the mljs flavor's Node predict gives, run with
 * onnxruntime-node: labels exactly, numbers within 1e-5; models ONNX cannot express are refused
 * with an OnnxExportError that names them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mljsToOnnx } from '../../instrumentations/mljs/onnx';
import { OnnxExportError } from '../../src/onnx/graph';
import { assertSameAsNode, ml, mljsCase, mljsZoo, treeThresholds } from '../fixtures/ml-onnx-zoo';

describe('ml.js models exported to ONNX', () => {
  for (const { name, model, rows } of mljsZoo()) {
    test(`${name} predicts in onnxruntime what it predicts in Node`, async () => {
      await assertSameAsNode(mljsCase(name, model, rows));
    });
  }

  test('the forest test data has rows whose trees tie in their votes, so ml-array-mode\'s order is exercised', () => {
    const zoo = mljsZoo();
    const forest = zoo.find((z) => z.name.startsWith('ml-random-forest RandomForestClassifier, 3 classes'))!;
    const votes = (forest.model as unknown as { predictionValues(rows: number[][]): { to2DArray(): number[][] } }).predictionValues(forest.rows as number[][]).to2DArray();
    const tied = votes.filter((row) => {
      const counts = new Map<number, number>();
      for (const v of row) counts.set(v, (counts.get(v) ?? 0) + 1);
      const top = Math.max(...counts.values());
      return [...counts.values()].filter((n) => n === top).length > 1;
    });
    assert.ok(tied.length >= 3, `only ${tied.length} rows with tied votes`);
  });

  test('the tree test rows sit on and just below thresholds where ml-cart predicts differently, so < against <= is exercised', () => {
    for (const prefix of ['ml-cart DecisionTreeClassifier, 3 classes', 'ml-cart DecisionTreeRegression']) {
      const { name, model, rows } = mljsZoo().find((z) => z.name.startsWith(prefix))!;
      const thresholds = treeThresholds(model as never);
      const predicted = mljsCase(name, model, rows).expected;
      const values = Object.values(predicted)[0]!.data;
      const first = rows.length - 3 * thresholds.length;
      // Rows come in threes per threshold: on it, just below, just above.
      const differing = thresholds.filter((_, i) => values[first + 3 * i] !== values[first + 3 * i + 1]);
      assert.ok(differing.length >= 2, `${name}: only ${differing.length} of ${thresholds.length} thresholds change the prediction`);
    }
  });

  test('a binary tree classifier with labels 3 and 7 predicts 3 and 7, not 0 and 1', () => {
    const c = mljsZoo().find((z) => z.name.includes('labels 3 and 7'))!;
    const { expected } = mljsCase(c.name, c.model, c.rows);
    assert.deepEqual([...new Set(expected.label!.data)].sort(), [3, 7]);
  });

  test('a random forest regression with a selection method other than mean or median is refused by name', () => {
    const { RandomForestRegression } = require('ml-random-forest') as typeof import('ml-random-forest');
    const forest = new RandomForestRegression({ nEstimators: 2, seed: 1, noOOB: true });
    forest.train([[1], [2], [3], [4]], [1, 2, 3, 4]);
    (forest as unknown as { selectionMethod: string }).selectionMethod = 'mode';
    assert.throws(() => mljsToOnnx(forest as never), (e: unknown) => e instanceof OnnxExportError && /RandomForestRegression with selectionMethod mode/.test(e.message));
  });

  const unsupported: [string, () => unknown, RegExp][] = [
    ['ml-knn KNN', () => new (require('ml-knn'))([[0, 0], [1, 1], [2, 2]], [0, 1, 1], { k: 1 }), /ONNX export does not support ml-knn KNN models/],
    ['ml-naivebayes GaussianNB', () => {
      const { GaussianNB } = require('ml-naivebayes');
      const nb = new GaussianNB();
      nb.train([[0, 0], [0.1, 0.2], [1, 1], [1.1, 0.9]], [0, 0, 1, 1]);
      return nb;
    }, /ONNX export does not support ml-naivebayes GaussianNB models/],
    ['ml-pca PCA', () => new (require('ml-pca').PCA)([[1, 2], [3, 4.5], [5, 5]]), /ONNX export does not support ml-pca PCA models/],
    ['ml-svm SVM', () => new (require('ml-svm'))({}), /ONNX export does not support ml-svm SVM models/],
  ];
  for (const [name, build, message] of unsupported) {
    test(`a ${name} model is refused with an OnnxExportError naming it`, () => {
      assert.throws(() => mljsToOnnx(build() as never), (e: unknown) => e instanceof OnnxExportError && message.test(e.message));
    });
  }

  test('a k-means result with a custom distance is refused: ONNX computes the squared Euclidean one', () => {
    const { kmeans } = ml.kmeans();
    const manhattan = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0);
    const result = kmeans([[0, 0], [1, 1], [5, 5], [6, 6]], 2, { seed: 1, distanceFunction: manhattan });
    assert.throws(() => mljsToOnnx(result as never), (e: unknown) => e instanceof OnnxExportError && /custom distance \(manhattan\)/.test(e.message));
  });

  test('something that is no ml.js model is refused with its class name', () => {
    class Mystery {}
    assert.throws(() => mljsToOnnx(new Mystery() as never), (e: unknown) => e instanceof OnnxExportError && /Mystery/.test(e.message));
  });
});
