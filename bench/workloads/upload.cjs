/**
 * Upload workload, the agent's side: `node upload.cjs <file>` with MLFLOW_TRACKING_URI and
 * MLFLOW_EXPERIMENT_ID set. Starts a run (not timed), then times `await logArtifact(file)` and
 * the peak RSS it reaches over the RSS before it, and the CPU time (every thread) the call took.
 * Prints {"runId", "ms", "cpuMs", "baseMiB", "peakMiB"}.
 */
'use strict';
const path = require('node:path');
const mlflow = require(path.join(__dirname, '..', '..', 'dist', 'src', 'index.js'));
const { resetPeak, peak } = require('./memory.cjs');
const { cpuSince } = require('./cpu.cjs');

async function main() {
  const run = await mlflow.startRun();
  const baseMiB = resetPeak();
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await mlflow.logArtifact(process.argv[2]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = cpuSince(cpuStart);
  const peakMiB = peak();
  await mlflow.endRun();
  process.stdout.write(`${JSON.stringify({ runId: run.runId, ms, cpuMs, baseMiB, peakMiB })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
