/**
 * The conformance driver of the brain.js instrumentation: a small NeuralNetwork learning XOR with
 * the synchronous `train`. brain.js 1.6.1 by default; the copy in the folder named by
 * MLFLOW_TEST_BRAINJS_DIR when set (test/integration/brainjs-conformance-2x.test.ts runs the
 * suite that way against 2.0.0-beta.24).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brainjsInstrumentation } from '../../../instrumentations/brainjs/instrumentation';
import { isWrapped } from '../../../src/autolog/shimmer';
import type { ConformanceDriver } from '../driver';
import { settle, thrown } from '../helpers';

interface Net {
  train(data: unknown, options?: Record<string, unknown>): { error: number; iterations: number };
  run(input: number[]): ArrayLike<number>;
  toJSON(): unknown;
}
interface Brain {
  NeuralNetwork: new (options?: Record<string, unknown>) => Net;
  recurrent: Record<string, { prototype: object }>;
}

let brain: Brain;

const XOR = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

/**
 * Runs `fn` with a seeded Math.random: brain.js draws its initial weights from it, and the
 * comparisons need the same network every time.
 */
function seeded<T>(fn: () => T): T {
  const original = Math.random;
  let seed = 11;
  Math.random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

export const brainjsDriver: ConformanceDriver = {
  instrumentation: brainjsInstrumentation,
  // NB: the per-period training_error steps are brain.js's iterations (10, 20, …); `iterations`
  // is the one metric logged once per call at step 0.
  epochMetrics: ['iterations'],
  epochs: 1,
  load() {
    // NB: loaded on demand, through require, as an application would: the hooks must see it.
    const dir = process.env.MLFLOW_TEST_BRAINJS_DIR;
    brain ??= (dir ? createRequire(join(dir, 'package.json'))('brain.js') : require('brain.js')) as Brain;
  },
  async train() {
    const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
    const status = await settle(() => seeded(() => net.train(XOR, { iterations: 60, callbackPeriod: 10, errorThresh: 0.001 })));
    return { status, model: JSON.parse(JSON.stringify(net.toJSON())) as unknown, output: Array.from(net.run([1, 0])) };
  },
  async trainThrowing(error) {
    const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
    return thrown(() =>
      seeded(() =>
        net.train(XOR, {
          iterations: 60,
          callbackPeriod: 10,
          callback: () => {
            throw error;
          },
        }),
      ),
    );
  },
  async trainWithBadInput() {
    return thrown(() => new brain.NeuralNetwork().train([]));
  },
  isPatched() {
    const { recurrent } = brain;
    const proto = brain.NeuralNetwork.prototype as unknown as Record<string, unknown>;
    const methods = [proto.train, proto.trainAsync, (recurrent.RNN!.prototype as Record<string, unknown>).train, (recurrent.RNNTimeStep!.prototype as Record<string, unknown>).train];
    const wrapped = methods.map(isWrapped);
    if (wrapped.some((w) => w !== wrapped[0])) throw new Error(`partly patched: ${wrapped.join(',')}`);
    return wrapped[0]!;
  },
};
