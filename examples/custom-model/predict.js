// Loads a logged sentiment model in a new process, as a service would, and labels the reviews
// of reviews.json. Give it the URI log-model.js printed:
//   node examples/custom-model/predict.js models:/<model id>      (a tracking server)
//   node examples/custom-model/predict.js runs:/<run id>/sentiment (the local store)
const mlflow = require('mlflow-autolog');
const reviews = require('./reviews.json');

async function main() {
  const uri = process.argv[2];
  if (!uri) throw new Error('Usage: node examples/custom-model/predict.js <model URI>');
  // Loading runs the code saved with the model (code/sentiment-model.js): allow it only for
  // models you trust. MLFLOW_AUTOLOG_ALLOW_CODE=true does the same for every loadModel call.
  const model = await mlflow.loadModel(uri, { allowCode: true });
  // predict checks the rows against the signature, fills in the default threshold, then calls
  // the model's own predict(context, rows, params).
  const predictions = await model.predict(reviews);
  predictions.forEach(({ label, score }, i) => console.log(`${label.padEnd(8)} ${String(score).padStart(5)}  ${reviews[i].text}`));
  console.log(JSON.stringify({ predictions }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
