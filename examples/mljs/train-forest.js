// A plain ml.js script: nothing in it knows about MLflow. Run it with
//   node --require mlflow-autolog/register examples/mljs/train-forest.js
// and the run (params, training metrics, model) is logged by the preload.
const { RandomForestClassifier } = require('ml-random-forest');
const { classification } = require('./data');

const { x, y } = classification();
// The last 20 rows are held out: the model never sees them.
const train = { x: x.slice(0, 130), y: y.slice(0, 130) };
const heldOut = x.slice(130);

const forest = new RandomForestClassifier({ nEstimators: 25, seed: 7, maxFeatures: 0.8, noOOB: true });
forest.train(train.x, train.y);
console.log(JSON.stringify({ heldOut, predictions: forest.predict(heldOut) }));
