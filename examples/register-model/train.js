// Trains a random forest with autologging on. Autologging logs the model and registers it as a
// new version of the registered model MODEL_NAME; the script then points the alias @champion at
// that version, so that models:/<MODEL_NAME>@champion loads it. From the repository root:
//   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 node examples/register-model/train.js [model name]
const mlflow = require('mlflow-autolog');

const MODEL_NAME = process.argv[2] ?? 'forest-classifier';
const ALIAS = 'champion';

mlflow.autolog({ registeredModelName: MODEL_NAME });

const { RandomForestClassifier } = require('ml-random-forest');
const { train, heldOut } = require('./data');

async function main() {
  const forest = new RandomForestClassifier({ nEstimators: 25, seed: 7, maxFeatures: 0.8, noOOB: true });
  forest.train(train.x, train.y);
  // ml.js trains synchronously and autologging sends what it logs in the background: flush()
  // waits for all of it (params, metrics, the dataset, the model's upload and registration).
  await mlflow.flush();

  // The model autologging just logged, with the version it registered (mlflow.last_logged_model()).
  const { runId, modelUri, registeredModelVersion } = mlflow.lastLoggedModel();
  const { version } = registeredModelVersion;
  await mlflow.getClient().setRegisteredModelAlias(MODEL_NAME, ALIAS, version);

  const predictions = forest.predict(heldOut.x);
  const accuracy = predictions.filter((p, i) => p === heldOut.y[i]).length / heldOut.y.length;
  console.log(`Registered ${modelUri} as ${MODEL_NAME} version ${version} (run ${runId}); models:/${MODEL_NAME}@${ALIAS} now loads it.`);
  console.log(`Held-out accuracy: ${accuracy}`);
  console.log(JSON.stringify({ runId, version, predictions }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
