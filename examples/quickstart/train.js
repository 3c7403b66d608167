// The main job: train a small TensorFlow.js classifier with autologging on, then say where the
// run went. With no MLFLOW_TRACKING_URI set, that is MLflow's default: ./mlflow.db, a SQLite
// database in MLflow's own schema, which a plain `mlflow ui` in this folder shows.
//   node examples/quickstart/train.js
const mlflow = require('mlflow-autolog');
mlflow.autolog({ logInputExamples: true });
const tf = require('@tensorflow/tfjs');

// Synthetic, deterministic data: 4 features, 3 classes decided by a fixed linear rule.
let seed = 42;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const rows = Array.from({ length: 200 }, () => [random(), random(), random(), random()]);
const labels = rows.map((r) => (r[0] + 2 * r[1] - r[2] < 0.6 ? 0 : r[0] + 2 * r[1] - r[2] < 1.4 ? 1 : 2));

async function main() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor2d(rows);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat();
  await model.fit(x, y, { epochs: 8, batchSize: 32, validationSplit: 0.2, verbose: 0 });

  // The run autologging created is finished and flushed when fit returns: find the newest one.
  const client = mlflow.getClient();
  const name = process.env.MLFLOW_EXPERIMENT_NAME;
  const experimentId = name ? (await client.getExperimentByName(name)).experimentId : process.env.MLFLOW_EXPERIMENT_ID || '0';
  const { runs } = await client.searchRuns({ experimentIds: [experimentId], maxResults: 1, orderBy: ['attributes.start_time DESC'] });
  const run = runs[0];
  const metric = (key) => run.data.metrics.find((m) => m.key === key)?.value.toFixed(3);
  console.log(`Trained and logged run ${run.info.runId} (${run.info.runName}): ${run.info.status}, loss ${metric('loss')}, val_acc ${metric('val_acc')}`);
  console.log(`  tracking URI: ${client.trackingUri}`);
  console.log(`  experiment:   ${run.info.experimentId}`);
  // NB: the run's outputs also hold the checkpoints taken when val_loss improved; the model is the last one logged.
  await mlflow.flush();
  const modelId = mlflow.lastLoggedModel()?.modelId;
  console.log(`  model:        ${modelId ? `models:/${modelId}` : `runs:/${run.info.runId}/model`}  (load it with mlflow.loadModel)`);
  if (client.trackingUri.startsWith('sqlite:')) {
    console.log(`  view it:      cd ${process.cwd()} && mlflow ui   (a plain \`mlflow ui\` reads ./mlflow.db; then open http://127.0.0.1:5000)`);
  } else if (!client.hasServer) {
    console.log(`  view it:      MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ${client.trackingUri}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
