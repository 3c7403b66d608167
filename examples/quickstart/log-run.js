// The smallest use of mlflow-autolog: log a run and say where it went. With no
// MLFLOW_TRACKING_URI set, runs go to the local store ./mlruns (MLflow's file layout).
const mlflow = require('mlflow-autolog');

async function main() {
  const run = await mlflow.startRun({ runName: 'quickstart' });
  mlflow.logParams({ learning_rate: 0.01, epochs: 5, optimizer: 'adam' });
  let loss = 1;
  for (let epoch = 0; epoch < 5; epoch++) {
    loss *= 0.7;
    mlflow.logMetrics({ loss, accuracy: 1 - loss / 2 }, { step: epoch });
  }
  await mlflow.logText('A run logged by examples/quickstart/log-run.js\n', 'notes/about.txt');
  await mlflow.endRun();

  const info = (await mlflow.getClient().getRun(run.runId)).info;
  console.log(`Logged run ${info.runId} (${info.runName}) with status ${info.status}`);
  console.log(`  tracking URI: ${mlflow.getClient().trackingUri}`);
  console.log(`  experiment:   ${info.experimentId}`);
  console.log(`  artifacts:    ${info.artifactUri}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
