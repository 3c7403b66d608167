/**
 * 100 small trainings to exit (BENCH_TRAININGS): a loop of small ml-cart trainings
 * (workloads/many-trainings.cjs) with the agent preloaded against a real MLflow server (sqlite
 * backend, loopback), each training a run with its model, against the same script without the
 * agent, interleaved. Figures: the time from the loop's end to the process's exit (the agent
 * sends what is queued before the process ends), and the loop itself. Right after each exit the
 * server is asked whether every run is FINISHED with a READY model: "complete on the server".
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { createExperiment, searchLoggedModels, searchRuns, startMlflowServer } from '../lib/mlflow-server.mjs';
import { cleanEnv, register, runNode, tempDir, workloads } from '../lib/proc.mjs';
import { atMost } from '../lib/report.mjs';
import { envInt, interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const runs = runsFor('many_trainings');
const trainings = envInt('BENCH_TRAININGS', 100);

async function run() {
  const server = await startMlflowServer();
  const journal = tempDir('journal');
  let experiments = 0;
  try {
    // NB: the warm-up round (server caches, page cache) runs a tenth of the trainings.
    const side = (withAgent) => async ({ warmup }) => {
      const experimentId = await createExperiment(server.url, `bench-many-trainings-${++experiments}`);
      const env = cleanEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_ID: experimentId, MLFLOW_AUTOLOG_JOURNAL_DIR: journal });
      const result = await runNode(path.join(workloads, 'many-trainings.cjs'), { preload: withAgent ? [register] : [], args: [String(warmup ? Math.ceil(trainings / 10) : trainings)], env });
      const runsFinished = (await searchRuns(server.url, experimentId)).filter((r) => r.info.status === 'FINISHED').length;
      const modelsReady = (await searchLoggedModels(server.url, experimentId)).filter((m) => m.info.status === 'LOGGED_MODEL_READY').length;
      return { exitAfterS: (result.process.exitAt - result.loopEndMs) / 1000, loopS: (result.loopEndMs - result.loopStartMs) / 1000, complete: Math.min(runsFinished, modelsReady) };
    };
    const results = await interleave({
      label: `${trainings} trainings`,
      runs,
      variants: [
        { name: 'agent', run: side(true) },
        { name: 'plain', run: side(false) },
      ],
    });
    const of = (name, key) => results[name].map((r) => r[key]);
    const exitAfter = median(of('agent', 'exitAfterS'));
    const leastComplete = Math.min(...of('agent', 'complete'));
    const target = atMost(exitAfter, 2, 's', `the exit waits for the agent's queue: ${median(of('agent', 'complete'))} of ${trainings} runs complete`);
    if (leastComplete < trainings) Object.assign(target, { met: false, by: `${trainings - leastComplete} of ${trainings} runs not complete at exit${exitAfter > 2 ? `, and ${(exitAfter - 2).toFixed(2)} s late` : ''}` });
    return [
      {
        name: 'many_trainings.exit_after_loop',
        value: exitAfter,
        unit: 's',
        peers: [{ name: 'without agent', value: median(of('plain', 'exitAfterS')), ratio: pairedRatio(of('agent', 'exitAfterS'), of('plain', 'exitAfterS')) }],
        note: `${trainings} ml-cart trainings, each a run with its model; complete on the server at exit (FINISHED with a READY model): ${of('agent', 'complete').join(', ')}`,
        target,
      },
      {
        name: 'many_trainings.loop',
        value: median(of('agent', 'loopS')),
        unit: 's',
        peers: [{ name: 'without agent', value: median(of('plain', 'loopS')), ratio: pairedRatio(of('agent', 'loopS'), of('plain', 'loopS')) }],
        note: `the ${trainings} train() calls, loop start to end`,
      },
    ];
  } finally {
    await server.stop();
    rmSync(journal, { recursive: true, force: true });
  }
}

const figure = { name: 'many-trainings', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
