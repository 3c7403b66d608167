// Logs the sentiment model of sentiment-model.js as an MLflow model, with its code, its two
// artifacts, a signature and an input example, in a new run. From the repository root:
//   node examples/custom-model/log-model.js
// Runs go to MLFLOW_TRACKING_URI (a tracking server), or by default to the local store ./mlflow.db.
const { join } = require('node:path');
const mlflow = require('mlflow-autolog');
const { SentimentModel } = require('./sentiment-model');
const reviews = require('./reviews.json');

// Name → local file. Each is copied into the model and handed to loadContext by its name.
const ARTIFACTS = {
  lexicon: join(__dirname, 'artifacts', 'lexicon.json'),
  negations: join(__dirname, 'artifacts', 'negations.txt'),
};

async function main() {
  // The model as it will run once loaded: loadContext with the artifacts, then predict.
  const model = new SentimentModel();
  model.loadContext({ artifacts: ARTIFACTS, modelConfig: {} });
  const predictions = model.predict({}, reviews);

  const run = await mlflow.startRun({ runName: 'sentiment-lexicon' });
  mlflow.logParams({ lexicon_words: Object.keys(model.lexicon).length, negation_words: model.negations.size });
  const info = await mlflow.customModel.logModel(model, {
    name: 'sentiment',
    artifacts: ARTIFACTS,
    // The signature is inferred from this example and the model's prediction on it: a string
    // column `text` in, `label` and `score` out, and an optional `threshold` param (default 0.5).
    inputExample: { input: reviews.slice(0, 2), params: { threshold: 0.5 } },
  });
  await mlflow.endRun();

  console.log(`Logged ${info.modelUri} in run ${run.runId}. Load it in a new process with:`);
  console.log(`  node examples/custom-model/predict.js ${info.modelUri}`);
  console.log(JSON.stringify({ runId: run.runId, modelUri: info.modelUri, predictions }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
