/**
 * Load-and-predict workload, the agent's side: `node load-predict.cjs <models:/id> <pairs>`, with
 * MLFLOW_TRACKING_URI and a fresh MLFLOW_AUTOLOG_CACHE_DIR (so the model is downloaded each run).
 *   1. loadModel(uri) and a first predict of 5 rows: timed together (the agent is required first,
 *      not timed; TensorFlow.js loads inside loadModel, as it would for a user).
 *   2. predict throughput on 1,000 seeded rows (number[][], 4 features), against direct
 *      TensorFlow.js: the same tfjs package the agent loaded, the same model files read into
 *      tf.loadLayersModel, tensor2d → predict → arraySync, as the flavor does. Warm-up batches,
 *      then <pairs> interleaved pairs (order alternating); median ms per batch of each.
 * Prints {"loadMs", "oursMs", "directMs", "backend"}.
 */
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const mlflow = require(path.join(__dirname, '..', '..', 'dist', 'src', 'index.js'));
const { prng } = require('./prng.cjs');

const ROWS = 1000;
const WARMUP = 10;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The tfjs package the agent's flavor loaded (tfjs-node when it is installed), from the require cache. */
function loadedTfjs() {
  const files = Object.keys(require.cache);
  for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs']) {
    const main = files.find((file) => file.includes(`/node_modules/${name}/dist/index.js`));
    if (main) return require(main);
  }
  throw new Error('loadModel loaded no TensorFlow.js package');
}

/** The model straight from its files, as tfjs users load one (data/model.json + its weights). */
async function loadDirect(tf, dir) {
  const json = JSON.parse(readFileSync(path.join(dir, 'data', 'model.json'), 'utf8'));
  const [group] = json.weightsManifest;
  const weights = Buffer.concat(group.paths.map((file) => readFileSync(path.join(dir, 'data', file))));
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }));
}

async function main() {
  const [uri, pairsArg] = process.argv.slice(2);
  const rand = prng(11);
  const rows = Array.from({ length: ROWS }, () => [rand(), rand(), rand(), rand()]);

  const start = process.hrtime.bigint();
  const model = await mlflow.loadModel(uri);
  const first = await model.predict(rows.slice(0, 5));
  const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (first.length !== 5) throw new Error(`the first prediction has ${first.length} rows, not 5`);

  const tf = loadedTfjs();
  const direct = await loadDirect(tf, await mlflow.downloadModel(uri));
  const sides = {
    ours: async () => model.predict(rows),
    direct: async () => {
      const x = tf.tensor2d(rows);
      const y = direct.predict(x);
      const out = y.arraySync();
      x.dispose();
      y.dispose();
      return out;
    },
  };
  const times = { ours: [], direct: [] };
  const pairs = Number(pairsArg);
  for (let i = 0; i < WARMUP + pairs; i++) {
    for (const name of i % 2 ? ['ours', 'direct'] : ['direct', 'ours']) {
      const t0 = process.hrtime.bigint();
      const out = await sides[name]();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (out.length !== ROWS) throw new Error(`${name} predicted ${out.length} rows, not ${ROWS}`);
      if (i >= WARMUP) times[name].push(ms);
    }
  }
  process.stdout.write(`${JSON.stringify({ loadMs, oursMs: median(times.ours), directMs: median(times.direct), backend: tf.getBackend() })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
