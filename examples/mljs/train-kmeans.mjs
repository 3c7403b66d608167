// A plain ml.js script in ESM: ml-kmeans is an ES module. Run it with
//   node --import mlflow-autolog/register examples/mljs/train-kmeans.mjs
import { kmeans } from 'ml-kmeans';
import data from './data.js';

const points = data.blobs();
const heldOut = [[0.2, -0.1], [4.8, 5.3], [0.1, 5.7], [2.5, 2.5]];

const result = kmeans(points, 3, { seed: 42 });
console.log(JSON.stringify({ heldOut, predictions: result.nearest(heldOut) }));
