/**
 * Load to first prediction, and predict throughput. A tfjs model is trained and autologged by the
 * agent (workloads/end-of-training.cjs, the tfjs example's model) to a real MLflow server (sqlite
 * backend, loopback), and scikit-learn's MLP for the same task by MLflow's Python client
 * (workloads/end_of_training_py.py). Then, interleaved, each a process:
 *   - the agent: loadModel('models:/<id>') + predict of 5 rows, from a fresh model cache; then
 *     predict on 1,000 rows against direct TensorFlow.js on the same model (workloads/load-predict.cjs);
 *   - MLflow's Python client: mlflow.pyfunc.load_model('models:/<id>') + predict of 5 rows.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { createExperiment, searchLoggedModels, startMlflowServer } from '../lib/mlflow-server.mjs';
import { cleanEnv, fail, register, runNode, runPython, tempDir, workloads } from '../lib/proc.mjs';
import { ratioAtLeast } from '../lib/report.mjs';
import { envInt, interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const runs = runsFor('load_predict');
const pairs = envInt('BENCH_PREDICT_PAIRS', 40);

/** The id of the READY logged model `model` of the experiment. */
async function modelId(url, experimentId) {
  const model = (await searchLoggedModels(url, experimentId)).find((m) => m.info.name === 'model' && m.info.status === 'LOGGED_MODEL_READY');
  return model?.info.model_id ?? fail(`no READY logged model "model" in experiment ${experimentId}`);
}

async function run() {
  const server = await startMlflowServer();
  const work = tempDir('load-predict');
  try {
    const env = (extra) => cleanEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_AUTOLOG_JOURNAL_DIR: path.join(work, 'journal'), ...extra });
    process.stderr.write('load-predict: logging the tfjs and scikit-learn models…\n');
    const tfjsExperiment = await createExperiment(server.url, 'bench-load-tfjs');
    await runNode(path.join(workloads, 'end-of-training.cjs'), { preload: [register], env: env({ MLFLOW_EXPERIMENT_ID: tfjsExperiment }) });
    const pythonExperiment = await createExperiment(server.url, 'bench-load-python');
    await runPython(path.join(workloads, 'end_of_training_py.py'), [], { env: env({ MLFLOW_EXPERIMENT_ID: pythonExperiment }) });
    const ours = `models:/${await modelId(server.url, tfjsExperiment)}`;
    const theirs = `models:/${await modelId(server.url, pythonExperiment)}`;
    let caches = 0;
    const results = await interleave({
      label: 'load and predict',
      runs,
      variants: [
        { name: 'agent', run: () => runNode(path.join(workloads, 'load-predict.cjs'), { args: [ours, String(pairs)], cwd: work, env: env({ MLFLOW_AUTOLOG_CACHE_DIR: path.join(work, `cache-${++caches}`) }) }) },
        { name: 'python', run: () => runPython(path.join(workloads, 'load_predict_py.py'), [theirs], { cwd: work, env: env({}) }) },
      ],
    });
    const of = (name, key) => results[name].map((r) => r[key]);
    // Rows per second, from the median ms per batch of 1,000 rows.
    const oursRate = of('agent', 'oursMs').map((ms) => 1000 / (ms / 1000));
    const directRate = of('agent', 'directMs').map((ms) => 1000 / (ms / 1000));
    const predictRatio = pairedRatio(oursRate, directRate);
    return [
      {
        name: 'load_predict.load_to_first_prediction',
        value: median(of('agent', 'loadMs')),
        unit: 'ms',
        peers: [{ name: 'python pyfunc.load_model (sklearn)', value: median(of('python', 'loadMs')), ratio: pairedRatio(of('agent', 'loadMs'), of('python', 'loadMs')) }],
        note: `loadModel('models:/<id>') from a fresh cache + predict of 5 rows; tfjs backend ${results.agent[0].backend}`,
      },
      {
        name: 'load_predict.predict_1000_rows',
        value: median(oursRate),
        unit: 'rows/s',
        peers: [{ name: 'direct tfjs', value: median(directRate), ratio: predictRatio }],
        note: `median of ${pairs} interleaved batches per process; tfjs backend ${results.agent[0].backend}`,
        target: ratioAtLeast(predictRatio, 0.95, 'direct tfjs', `per-process ratios ${oursRate.map((rate, i) => (rate / directRate[i]).toFixed(2)).join(', ')}: predict's own work beside tfjs's tensor2d → predict → arraySync`),
      },
    ];
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const figure = { name: 'load-predict', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
