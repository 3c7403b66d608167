// Autologging switched on in code, ESM: `autolog()` after `import * as tf from "@tensorflow/tfjs"`.
// Run it with  node examples/autolog-inline/train.mjs
// The static imports run first, so autolog() patches the already-loaded tfjs.
import * as tf from '@tensorflow/tfjs';
import { autolog } from 'mlflow-autolog';

autolog();

// Synthetic, deterministic data: 4 features, 3 classes decided by a fixed linear rule.
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
  const { x, y } = makeData(150);
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const history = await model.fit(x, y, { epochs: 4, batchSize: 16, validationSplit: 0.2, shuffle: false, verbose: 0 });
  const predictions = model.predict(x.slice([0, 0], [5, 4])).arraySync();
  console.log(JSON.stringify({ finalLoss: history.history.loss.at(-1), predictions }));
}

await main().catch((error) => {
  console.error(error);
  process.exit(1);
});
