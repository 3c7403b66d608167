// A plain ml.js script fitting a curve: the regression trains in its constructor. Run it with
//   node --require mlflow-autolog/register examples/mljs/train-regression.js
const { PolynomialRegression } = require('ml-regression');
const { curve } = require('./data');

const { x, y } = curve();
// Every fifth point is held out.
const train = { x: x.filter((_, i) => i % 5), y: y.filter((_, i) => i % 5) };
const heldOut = x.filter((_, i) => i % 5 === 0);

const regression = new PolynomialRegression(train.x, train.y, 2);
console.log(JSON.stringify({ heldOut, predictions: regression.predict(heldOut) }));
