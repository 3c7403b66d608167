/**
 * End-of-training workload, the agent's side: the tfjs example's training (examples/tfjs-preload:
 * dense 4 → 16 relu → 3 softmax, 150 seeded rows, 4 epochs, validation split 0.2), run with the
 * agent preloaded against a server. A tfjs callback notes when training ended (onTrainEnd, epoch
 * ms); bench/figures/end-of-training.mjs compares it with when the logged model became READY on
 * the server. Prints {"trainEndMs", "fitResolvedMs"}.
 */
'use strict';
const tf = require('@tensorflow/tfjs');

function makeData(n) {
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const xs = [];
  const ys = [];
  for (let i = 0; i < n; i++) {
    const row = [random(), random(), random(), random()];
    const score = row[0] + 2 * row[1] - row[2];
    xs.push(row);
    ys.push(score < 0.6 ? 0 : score < 1.4 ? 1 : 2);
  }
  return { x: tf.tensor2d(xs), y: tf.oneHot(tf.tensor1d(ys, 'int32'), 3).toFloat() };
}

async function main() {
  await tf.setBackend('cpu');
  const { x, y } = makeData(150);
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  let trainEndMs;
  await model.fit(x, y, { epochs: 4, batchSize: 16, validationSplit: 0.2, shuffle: false, verbose: 0, callbacks: { onTrainEnd: () => (trainEndMs = Date.now()) } });
  const fitResolvedMs = Date.now();
  process.stdout.write(`${JSON.stringify({ trainEndMs, fitResolvedMs })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
