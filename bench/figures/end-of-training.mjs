/**
 * End of training to model READY: how long after the last epoch the trained model is a READY
 * logged model on a real MLflow server (sqlite backend, loopback). Sides, each a process in a fresh
 * experiment, interleaved:
 *   - the agent preloaded into the tfjs example's training (workloads/end-of-training.cjs), from
 *     tfjs's onTrainEnd callback to the READY of the logged model `model` (autologged checkpoints
 *     are other logged models, not counted);
 *   - MLflow's Python client: scikit-learn's MLP on the same task, from the end of `fit` to the
 *     return of mlflow.sklearn.log_model (what sklearn autologging does after fit).
 * READY is read from the server: the logged model's last_updated_timestamp_ms, which MLflow sets
 * when the model is finalized READY (server and children share this machine's clock).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { createExperiment, searchLoggedModels, startMlflowServer } from '../lib/mlflow-server.mjs';
import { cleanEnv, fail, register, runNode, runPython, tempDir, workloads } from '../lib/proc.mjs';
import { interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const runs = runsFor('end_of_training');

/** The READY time (epoch ms) of the logged model `model` of the experiment; waits up to 30 s for it. */
async function readyAt(url, experimentId, label) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const models = await searchLoggedModels(url, experimentId);
    const model = models.find((m) => m.info.name === 'model');
    if (model?.info.status === 'LOGGED_MODEL_READY') return { readyMs: Number(model.info.last_updated_timestamp_ms), checkpoints: models.filter((m) => m.info.name === 'checkpoint').length };
    if (Date.now() > deadline) fail(`${label}: no READY logged model "model" 30 s after the process ended (${JSON.stringify(models.map((m) => [m.info.name, m.info.status]))})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function run() {
  const server = await startMlflowServer();
  const journal = tempDir('journal');
  let experiments = 0;
  try {
    const side = (label, start) => async () => {
      const experimentId = await createExperiment(server.url, `bench-end-of-training-${++experiments}`);
      const env = cleanEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_ID: experimentId, MLFLOW_AUTOLOG_JOURNAL_DIR: journal });
      const result = await start(env);
      const { readyMs, checkpoints } = await readyAt(server.url, experimentId, label);
      return { readyAfterMs: readyMs - result.trainEndMs, fitResolvedAfterMs: result.fitResolvedMs - result.trainEndMs, exitAfterMs: result.process.exitAt - result.trainEndMs, checkpoints };
    };
    const results = await interleave({
      label: 'end of training',
      runs,
      variants: [
        { name: 'agent', run: side('tfjs with the agent', (env) => runNode(path.join(workloads, 'end-of-training.cjs'), { preload: [register], env })) },
        { name: 'python', run: side('python log_model', (env) => runPython(path.join(workloads, 'end_of_training_py.py'), [], { env })) },
      ],
    });
    const of = (name, key) => results[name].map((r) => r[key]);
    return [
      {
        name: 'end_of_training.model_ready',
        value: median(of('agent', 'readyAfterMs')),
        unit: 'ms',
        peers: [{ name: 'python sklearn log_model', value: median(of('python', 'readyAfterMs')), ratio: pairedRatio(of('agent', 'readyAfterMs'), of('python', 'readyAfterMs')) }],
        note: `tfjs, 4 epochs; after the last epoch fit resolved at +${median(of('agent', 'fitResolvedAfterMs')).toFixed(0)} ms, the process exited at +${median(of('agent', 'exitAfterMs')).toFixed(0)} ms; ${median(of('agent', 'checkpoints'))} checkpoints logged too`,
      },
    ];
  } finally {
    await server.stop();
    rmSync(journal, { recursive: true, force: true });
  }
}

const figure = { name: 'end-of-training', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
