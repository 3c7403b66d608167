// Loads the registered model by its alias in a new process, as a service would, and predicts
// the held-out rows of data.js. From the repository root:
//   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 node examples/register-model/predict.js [model name]
const mlflow = require('mlflow-autolog');
const { heldOut } = require('./data');

const MODEL_NAME = process.argv[2] ?? 'forest-classifier';
const ALIAS = 'champion';

async function main() {
  const { version } = await mlflow.getClient().getModelVersionByAlias(MODEL_NAME, ALIAS);
  const model = await mlflow.loadModel(`models:/${MODEL_NAME}@${ALIAS}`);
  const predictions = await model.predict(heldOut.x);
  console.log(`models:/${MODEL_NAME}@${ALIAS} is version ${version}; its predictions for the held-out rows:`);
  console.log(JSON.stringify({ version, predictions }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
