/** The conformance driver of the TensorFlow.js instrumentation (on tfjs-node under MLFLOW_TEST_TFJS=node). */
import type * as Tf from '@tensorflow/tfjs';
import { isWrapped } from '../../../src/autolog/shimmer';
import { tfjsInstrumentation } from '../../../instrumentations/tfjs/instrumentation';
import { loadTfjs } from '../../harness/tfjs';
import type { ConformanceDriver } from '../driver';

let tf: typeof Tf;

function data(): { x: Tf.Tensor2D; y: Tf.Tensor2D } {
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < 40; i++) {
    const row = [random(), random(), random()];
    xs.push(row);
    ys.push(row[0]! + row[1]! > row[2]! + 0.5 ? [1, 0] : [0, 1]);
  }
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys) };
}

function model(): Tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 6, inputShape: [3], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  m.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  m.compile({ optimizer: tf.train.sgd(0.3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('training was expected to fail but succeeded');
}

export const tfjsDriver: ConformanceDriver = {
  instrumentation: tfjsInstrumentation,
  epochMetrics: ['loss', 'acc', 'val_loss', 'val_acc'],
  epochs: 3,
  load() {
    // NB: loaded on demand, through require, as an application would: the hooks must see it.
    tf ??= loadTfjs();
  },
  async train() {
    const { x, y } = data();
    const m = model();
    const history = await m.fit(x, y, { epochs: 3, batchSize: 8, validationSplit: 0.25, shuffle: false, verbose: 0 });
    return {
      weights: m.getWeights().map((w) => Array.from(w.dataSync())),
      epoch: history.epoch,
      history: history.history,
    };
  },
  async trainThrowing(error) {
    const { x, y } = data();
    return rejection(
      model().fit(x, y, {
        epochs: 2,
        verbose: 0,
        callbacks: {
          onEpochEnd: () => {
            throw error;
          },
        },
      }),
    );
  },
  async trainWithBadInput() {
    const m = model();
    return rejection(m.fit(tf.ones([4, 5]), tf.ones([4, 2]), { epochs: 1, verbose: 0 }));
  },
  isPatched() {
    const layers = (tf as unknown as { LayersModel: { prototype: object }; Sequential: { prototype: object } });
    const proto = layers.LayersModel.prototype as Record<string, unknown>;
    const seq = layers.Sequential.prototype as Record<string, unknown>;
    const wrapped = [proto.fit, proto.fitDataset, seq.fit, seq.fitDataset].map(isWrapped);
    if (wrapped.some((w) => w !== wrapped[0])) throw new Error(`partly patched: ${wrapped.join(',')}`);
    return wrapped[0]!;
  },
};
