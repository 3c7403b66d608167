// A plain brain.js training script: nothing in it knows about MLflow. Run it with
//   node --require mlflow-autolog/register examples/brainjs/train.js
// and the run (params, the training error curve, the final error, the model) is logged by the preload.
const brain = require('brain.js');

// Synthetic, deterministic data: is a point (x, y) in the unit square above the line y = x?
function makeData(n, seed) {
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const x = random();
    const y = random();
    rows.push({ input: [x, y], output: [y > x ? 1 : 0] });
  }
  return rows;
}

const training = makeData(40, 42);
const heldOut = makeData(5, 7).map((row) => row.input);

const net = new brain.NeuralNetwork({ hiddenLayers: [4] });
const status = net.train(training, {
  iterations: 200,
  errorThresh: 0.001,
  learningRate: 0.5,
  callbackPeriod: 50,
  callback: ({ iterations, error }) => console.error(`iteration ${iterations}: training error ${error.toFixed(4)}`),
});

const predictions = heldOut.map((input) => Array.from(net.run(input)));
console.log(JSON.stringify({ error: status.error, iterations: status.iterations, heldOut, predictions }));
