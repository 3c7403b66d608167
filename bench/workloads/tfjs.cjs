/**
 * Benchmark workload: TensorFlow.js (@tensorflow/tfjs, pure JS "cpu" backend) model.fit().
 * Run by bench/run.mjs with and without the agent preloaded; prints one JSON line
 * {"short": {"ms", "cpuMs", "steps"}, "long": {…}, "firstMs"}: two timed fit() calls (after an untimed one) of fresh,
 * identically seeded models, SHORT and LONG epochs, so the runner can split per-epoch time (the
 * slope; the agent logs epoch metrics) from what a call costs once (its run's start, and the end
 * that fit awaits). Only the awaited fit() calls are timed; data is synthetic and seeded.
 */
'use strict';
const tf = require('@tensorflow/tfjs');

const SHORT = 10;
const LONG = 40;
const ROWS = 512;
const FEATURES = 16;

const { prng } = require('./prng.cjs');
const { cpuSince } = require('./cpu.cjs');

/** The timed model: seeded initialisers, so the weights are the same on every run. */
function makeModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [FEATURES], units: 32, activation: 'relu',
    kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid',
    kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  const rand = prng(2);
  const xs = new Float32Array(ROWS * FEATURES);
  const ys = new Float32Array(ROWS);
  for (let r = 0; r < ROWS; r++) {
    let s = 0;
    for (let f = 0; f < FEATURES; f++) {
      const v = rand() * 2 - 1;
      xs[r * FEATURES + f] = v;
      s += f % 2 === 0 ? v : -0.5 * v;
    }
    ys[r] = s > 0 ? 1 : 0;
  }
  const x = tf.tensor2d(xs, [ROWS, FEATURES]);
  const y = tf.tensor2d(ys, [ROWS, 1]);

  // The first training call of a process also pays for loading the agent's tracking code: timed
  // apart (firstMs, one epoch of a throwaway copy), so that the per-epoch figure is the agent's
  // cost per epoch.
  const warm = tf.sequential();
  warm.add(tf.layers.dense({ inputShape: [FEATURES], units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }));
  warm.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const firstStart = process.hrtime.bigint();
  await warm.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: false });
  const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6;
  warm.dispose();

  /** One timed fit() of a fresh model for `epochs`. */
  async function timed(epochs) {
    const model = makeModel();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const history = await model.fit(x, y, { epochs, batchSize: 32, verbose: 0, shuffle: false });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpuMs = cpuSince(cpuStart);
    model.dispose();
    if (history.epoch.length !== epochs) {
      throw new Error(`expected ${epochs} epochs, fit ran ${history.epoch.length}`);
    }
    return { ms, cpuMs, steps: epochs };
  }

  // NB: one untimed call first: the JIT warms up on the timed architecture, so the short call
  // is not slower per step than the long one for that reason alone.
  await timed(SHORT);
  const short = await timed(SHORT);
  const long = await timed(LONG);
  x.dispose();
  y.dispose();
  process.stdout.write(`${JSON.stringify({ short, long, firstMs })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
