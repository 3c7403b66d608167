// Loads a logged model in a new process and predicts, as a service would:
//   node examples/mljs/load-and-predict.js models:/<model_id> '[[0.1, 0.2, 0.3, 0.4]]'
const { loadModel } = require('mlflow-autolog');

async function main() {
  const [uri, rows] = process.argv.slice(2);
  const model = await loadModel(uri);
  console.log(JSON.stringify({ predictions: await model.predict(JSON.parse(rows)) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
