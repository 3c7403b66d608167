// Train a small CNN in Node.js, serve it from Python. Run it with
//   node examples/onnx/train-cnn.js
// Autologging logs the model with the `tfjs` flavor for Node and, because of `logOnnx`, the
// `onnx` and `python_function` flavors for Python MLflow; it is registered as `stripes-cnn`.
const { autolog } = require('mlflow-autolog');

autolog({ logOnnx: true, logInputExamples: true, registeredModelName: process.env.MODEL_NAME || 'stripes-cnn' });
const tf = require('@tensorflow/tfjs');

// Synthetic, deterministic 8×8 images: class 0 has a horizontal bar, class 1 a vertical one.
function makeData(n) {
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const images = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    const vertical = i % 2;
    const at = 1 + Math.floor(random() * 6);
    const image = [];
    for (let r = 0; r < 8; r++) {
      const row = [];
      for (let c = 0; c < 8; c++) row.push([((vertical ? c : r) === at ? 0.9 : 0) + random() * 0.1]);
      image.push(row);
    }
    images.push(image);
    labels.push(vertical);
  }
  return { x: tf.tensor4d(images), y: tf.oneHot(tf.tensor1d(labels, 'int32'), 2).toFloat() };
}

async function main() {
  const { x, y } = makeData(64);
  const seed = (s) => tf.initializers.glorotUniform({ seed: s });
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: seed(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 2, padding: 'same', activation: 'relu', kernelInitializer: seed(2) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: seed(3) }));
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const history = await model.fit(x, y, { epochs: 6, batchSize: 16, shuffle: false, verbose: 0 });
  const predictions = model.predict(x.slice([0, 0, 0, 0], [4, 8, 8, 1])).arraySync();
  console.log(JSON.stringify({ finalAccuracy: history.history.acc.at(-1), predictions }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
