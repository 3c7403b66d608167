/**
 * Metrics workload, the agent's side: `node metrics.cjs <points>` with MLFLOW_TRACKING_URI and
 * MLFLOW_EXPERIMENT_ID set. Starts a run (not timed), then logs <points> points as a training
 * loop would, 10 metrics per step with logMetrics, and awaits flush(), which resolves when the
 * server has answered every batch. Prints {"runId", "startMs", "doneMs"} (epoch ms, so that
 * bench/figures/metrics.mjs can go on timing until the points read back from the server).
 */
'use strict';
const path = require('node:path');
const mlflow = require(path.join(__dirname, '..', '..', 'dist', 'src', 'index.js'));

const KEYS = 10;

async function main() {
  const points = Number(process.argv[2]);
  const run = await mlflow.startRun();
  const keys = Array.from({ length: KEYS }, (_, k) => `m${k}`);
  const startMs = Date.now();
  for (let step = 0; step < points / KEYS; step++) {
    const values = {};
    for (let k = 0; k < KEYS; k++) values[keys[k]] = Math.sin(step + k);
    mlflow.logMetrics(values, { step });
  }
  await mlflow.flush();
  const doneMs = Date.now();
  await mlflow.endRun();
  process.stdout.write(`${JSON.stringify({ runId: run.runId, startMs, doneMs })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
