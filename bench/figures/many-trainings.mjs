/**
 * 100 small trainings to exit (BENCH_TRAININGS): a loop of small ml-cart trainings
 * (workloads/many-trainings.cjs) with the agent preloaded against a real MLflow server (sqlite
 * backend, loopback), each training a run with its model, against the same script without the
 * agent, interleaved. Figures: the time from the loop's end to the process's exit, the loop
 * itself, and the time from the loop's end until every run is FINISHED with a READY model on the
 * server ("complete"): what the exit could not send in 2 s goes on from a detached background
 * process (MLFLOW_AUTOLOG_EXIT_HANDOFF), so a round waits for that before the next starts.
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
/** How long a round waits after the exit for every run to be complete on the server. */
const COMPLETE_WITHIN_MS = 600_000;

/** Runs FINISHED with a READY model in the experiment. */
async function completeRuns(url, experimentId) {
  const runsFinished = (await searchRuns(url, experimentId)).filter((r) => r.info.status === 'FINISHED').length;
  const modelsReady = (await searchLoggedModels(url, experimentId)).filter((m) => m.info.status === 'LOGGED_MODEL_READY').length;
  return Math.min(runsFinished, modelsReady);
}

/** Polls until `count` runs are complete, or the bound passes; resolves to the time they were (ms since the epoch) and how many. */
async function awaitComplete(url, experimentId, count) {
  const deadline = Date.now() + COMPLETE_WITHIN_MS;
  for (;;) {
    const complete = await completeRuns(url, experimentId);
    if (complete >= count || Date.now() > deadline) return { at: Date.now(), complete };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function run() {
  const server = await startMlflowServer();
  const journal = tempDir('journal');
  let experiments = 0;
  try {
    // NB: the warm-up round (server caches, page cache) runs a tenth of the trainings.
    const side = (withAgent) => async ({ warmup }) => {
      const experimentId = await createExperiment(server.url, `bench-many-trainings-${++experiments}`);
      const env = cleanEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_ID: experimentId, MLFLOW_AUTOLOG_JOURNAL_DIR: journal });
      const count = warmup ? Math.ceil(trainings / 10) : trainings;
      const result = await runNode(path.join(workloads, 'many-trainings.cjs'), { preload: withAgent ? [register] : [], args: [String(count)], env });
      const atExit = withAgent ? await completeRuns(server.url, experimentId) : 0;
      // NB: the background sender's work is part of the cost, and must not overlap the next round.
      const done = withAgent ? await awaitComplete(server.url, experimentId, count) : { at: result.process.exitAt, complete: 0 };
      return {
        exitAfterS: (result.process.exitAt - result.loopEndMs) / 1000,
        loopS: (result.loopEndMs - result.loopStartMs) / 1000,
        completeAfterS: (done.at - result.loopEndMs) / 1000,
        atExit,
        complete: done.complete,
      };
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
    const target = atMost(exitAfter, 2, 's', `the exit waits for the agent's queue: ${median(of('agent', 'atExit'))} of ${trainings} runs complete at exit`);
    if (leastComplete < trainings) {
      Object.assign(target, { met: false, by: `${trainings - leastComplete} of ${trainings} runs not complete ${COMPLETE_WITHIN_MS / 1000} s after the exit${exitAfter > 2 ? `, and ${(exitAfter - 2).toFixed(2)} s late` : ''}` });
    }
    return [
      {
        name: 'many_trainings.exit_after_loop',
        value: exitAfter,
        unit: 's',
        peers: [{ name: 'without agent', value: median(of('plain', 'exitAfterS')), ratio: pairedRatio(of('agent', 'exitAfterS'), of('plain', 'exitAfterS')) }],
        note: `${trainings} ml-cart trainings, each a run with its model; complete on the server (FINISHED with a READY model) at exit: ${of('agent', 'atExit').join(', ')}; in the end: ${of('agent', 'complete').join(', ')}`,
        target,
      },
      {
        name: 'many_trainings.complete_after_loop',
        value: median(of('agent', 'completeAfterS')),
        unit: 's',
        peers: [],
        note: `from the loop's end until all ${trainings} runs are FINISHED with a READY model on the server (what the exit did not send goes from the background process)`,
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
