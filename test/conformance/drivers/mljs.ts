/**
 * The conformance driver of the ml.js instrumentation, on its main module: a random forest
 * classifier (which trains ml-cart trees inside: those must stay part of the forest's one run).
 * ml.js trains synchronously and its run ends in the background, so each training here awaits
 * `flush()` afterwards, as a script that reads its results back would.
 */
import { isWrapped } from '../../../src/autolog/shimmer';
import { flush } from '../../../src/tracking/fluent';
import { mljsInstrumentation } from '../../../instrumentations/mljs/instrumentation';
import type { ConformanceDriver } from '../driver';
import { thrown } from '../helpers';

interface Forest {
  train(x: unknown, y: unknown): void;
  predict(x: unknown): number[];
  toJSON(): unknown;
}
type ForestClass = { new (options: object): Forest; prototype: object };
let forest: { RandomForestClassifier: ForestClass; RandomForestRegression: ForestClass };

function data(): { x: number[][]; y: number[] } {
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const row = [random(), random(), random()];
    x.push(row);
    y.push(row[0]! + row[1]! > row[2]! + 0.5 ? 1 : 0);
  }
  return { x, y };
}

const model = () => new forest.RandomForestClassifier({ nEstimators: 8, seed: 3, noOOB: true });

export const mljsDriver: ConformanceDriver = {
  instrumentation: mljsInstrumentation,
  epochMetrics: ['training_accuracy_score', 'training_f1_score', 'training_log_loss', 'training_roc_auc'],
  epochs: 1,
  load() {
    // NB: loaded on demand, through require, as an application would: the hooks must see it.
    forest ??= require('ml-random-forest') as typeof forest;
  },
  async train() {
    const { x, y } = data();
    const m = model();
    m.train(x, y);
    await flush();
    return { predictions: m.predict(x), model: JSON.parse(JSON.stringify(m.toJSON())) as unknown };
  },
  async trainThrowing(error) {
    const { x, y } = data();
    // NB: ml.js takes no callbacks; the user's code it runs is the data's own accessors.
    const rows = new Proxy(x, {
      get(target, key, receiver) {
        if (key === '5') throw error;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return thrown(() => model().train(rows, y));
  },
  async trainWithBadInput() {
    return thrown(() => model().train([[1, 2], [3, 4]], [1]));
  },
  isPatched() {
    const wrapped = [forest.RandomForestClassifier, forest.RandomForestRegression].map((C) => isWrapped((C.prototype as { train?: unknown }).train));
    if (wrapped.some((w) => w !== wrapped[0])) throw new Error(`partly patched: ${wrapped.join(',')}`);
    return wrapped[0]!;
  },
};
