/**
 * Per-step training overhead: brain.js, TensorFlow.js and an ml.js trainer (ml-cart), each in
 * its own process without the agent and with it (`node --require dist/src/register.js`, logging to
 * a fresh local store), interleaved. Each workload in bench/workloads/ times only its training
 * calls; this figure also times the whole process, spawn to exit. Lines: the median with the
 * agent, the median without, and the median of the per-round ratios (wall time; the CPU-time
 * ratio of the same calls is printed beside it).
 *
 * Per step is a slope: brain.js and tfjs time a short and a long call ({"short", "long",
 * "firstMs"}), and a step costs (long − short) / (its steps − short's steps). What a call costs
 * once — its run's start, and for tfjs the run's end that `fit` awaits (the model logged) — cancels
 * out of the slope and is its own line, `once_per_call` (short's time − its steps × per step).
 * ml-cart's unit is the call itself ({"ms", "cpuMs", "steps": calls, "firstMs"}).
 * Where a figure has a target, a third side runs with the agent but no models logged
 * (MLFLOW_AUTOLOG_LOG_MODELS=false): its ratio is the measured clue to where a missed target's
 * cost lies (in what logging the earlier calls' models left behind, or in the per-step logging).
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { cleanEnv, fail, register, runNode, tempDir, workloads } from '../lib/proc.mjs';
import { overheadAtMost } from '../lib/report.mjs';
import { interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const runs = runsFor('per_step');

/** Time per step of `key` (ms or cpuMs): the slope between the short and the long call, or time / steps. */
export const slope = (result, key) => (result.long ? (result.long[key] - result.short[key]) / (result.long.steps - result.short.steps) : result[key] / result.steps);
const perStep = (result) => slope(result, 'ms');
// NB: CPU time of the same calls, printed beside: other processes move it less than wall time.
const perStepCpu = (result) => slope(result, 'cpuMs');
/** What the short call cost beyond its steps: the once-per-call part (a run's start and end). */
export const oncePerCall = (result) => result.short.ms - result.short.steps * perStep(result);
const firstCall = (result) => result.firstMs;
const processWall = (result) => result.process.wallMs;
/** Each workload and its figures; `target` is the issue's ≤ 1 % where it sets one. */
const workloadFigures = [
  {
    script: 'brainjs.cjs',
    figures: [
      { name: 'per_step.brainjs.train.per_iteration', of: perStep, cpuOf: perStepCpu, targetPercent: 1 },
      { name: 'per_step.brainjs.train.once_per_call', of: oncePerCall, added: true },
      { name: 'per_step.brainjs.train.first_call', of: firstCall },
    ],
  },
  {
    script: 'tfjs.cjs',
    figures: [
      { name: 'per_step.tfjs.fit.per_epoch', of: perStep, cpuOf: perStepCpu, targetPercent: 1 },
      { name: 'per_step.tfjs.fit.once_per_call', of: oncePerCall, added: true },
      { name: 'per_step.tfjs.fit.first_call', of: firstCall },
    ],
  },
  {
    script: 'mljs.cjs',
    figures: [
      { name: 'per_step.mljs.cart.per_train_call', of: perStep, cpuOf: perStepCpu },
      { name: 'per_step.mljs.cart.first_call', of: firstCall },
      // The agent logs each call's model in the background and finishes at exit, after training.
      { name: 'per_step.mljs.cart.process_wall', of: processWall },
    ],
  },
];

/** Whether a local store holds at least one run (a 32-hex-digit folder in an experiment). */
function storeHasRun(storeDir) {
  for (const experiment of readdirSync(storeDir, { withFileTypes: true })) {
    if (!experiment.isDirectory() || experiment.name.startsWith('.')) continue;
    if (readdirSync(path.join(storeDir, experiment.name)).some((name) => /^[0-9a-f]{32}$/.test(name))) return true;
  }
  return false;
}

/** One process of `script`; with the agent, checks that it logged a run (so the figure measures something). */
async function runOnce(script, withAgent, agentEnv = {}) {
  const storeDir = tempDir('store');
  try {
    // NB: a fresh store on both sides, and the agent's defaults (models logged) unless agentEnv says otherwise.
    const result = await runNode(path.join(workloads, script), {
      preload: withAgent ? [register] : [],
      env: cleanEnv({ MLFLOW_TRACKING_URI: pathToFileURL(storeDir).href, ...(withAgent ? agentEnv : {}) }),
      label: `${script} (${withAgent ? `with agent${Object.keys(agentEnv).length ? ` ${JSON.stringify(agentEnv)}` : ''}` : 'without agent'})`,
    });
    if (withAgent && !storeHasRun(storeDir)) fail(`${script} logged no run in ${storeDir}: is the agent working?`);
    return result;
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
  }
}

/** Milliseconds in µs, ms or s, chosen from the smaller side so both share a unit. */
function scaled(agentMs, plainMs) {
  const reference = Math.min(agentMs, plainMs);
  const [unit, scale] = reference < 1 ? ['µs', 1000] : reference < 10_000 ? ['ms', 1] : ['s', 1 / 1000];
  return { unit, agent: agentMs * scale, plain: plainMs * scale };
}

/** "0.98–1.04×": the range of the per-round ratios, to show how noisy the rounds were. */
export function spread(ratios) {
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;
}

/**
 * A once-per-call line: what the agent adds (the median of the per-round differences, in ms).
 * Without the agent a call's once-per-call part is about zero, so a ratio would say nothing.
 */
function addedLine(name, results, of) {
  const plain = results.plain.map(of);
  const added = (side) => median(results[side].map((value, i) => of(value) - plain[i]));
  return {
    name,
    value: added('agent'),
    unit: 'ms',
    peers: [{ name: 'without agent', value: median(plain) }],
    note: `added by the agent, per call: its run's start and end; with MLFLOW_AUTOLOG_LOG_MODELS=false ${added('noModels').toFixed(1)} ms`,
  };
}

/** The clue for a missed per-step target: the overhead with no models logged, measured in the same rounds. */
function whyOf(results, of, plain, ratio) {
  const without = pairedRatio(results.noModels.map(of), plain);
  const percent = (without - 1) * 100;
  const measured = `with MLFLOW_AUTOLOG_LOG_MODELS=false ${percent < 0 ? '−' : '+'}${Math.abs(percent).toFixed(1)} %`;
  // NB: every call before the long one logged a model; what that changes in the process (not a
  // cost per step of the logging) outlasts it.
  return without - 1 < (ratio - 1) / 2 ? `${measured}: most of it comes with logging the earlier calls' models, not with logging steps` : `${measured}: most of it is the per-step logging itself`;
}

async function run() {
  const lines = [];
  for (const { script, figures } of workloadFigures) {
    const attributed = figures.some((f) => f.targetPercent !== undefined);
    const results = await interleave({
      label: `per-step ${script}`,
      runs,
      variants: [
        { name: 'agent', run: () => runOnce(script, true) },
        { name: 'plain', run: () => runOnce(script, false) },
        ...(attributed ? [{ name: 'noModels', run: () => runOnce(script, true, { MLFLOW_AUTOLOG_LOG_MODELS: 'false' }) }] : []),
      ],
    });
    for (const { name, of, cpuOf, targetPercent, added } of figures) {
      const agent = results.agent.map(of);
      const plain = results.plain.map(of);
      if (added) {
        lines.push(addedLine(name, results, of));
        continue;
      }
      const ratio = pairedRatio(agent, plain);
      const { unit, agent: value, plain: peer } = scaled(median(agent), median(plain));
      lines.push({
        name,
        value,
        unit,
        peers: [{ name: 'without agent', value: peer, ratio }],
        note: `per-round ratios ${spread(agent.map((value, i) => value / plain[i]))}${cpuOf ? `; CPU time ratio ${pairedRatio(results.agent.map(cpuOf), results.plain.map(cpuOf)).toFixed(2)}×` : ''}`,
        target: targetPercent === undefined ? undefined : overheadAtMost(ratio, targetPercent, whyOf(results, of, plain, ratio), agent.map((value, i) => value / plain[i])),
      });
    }
  }
  return lines;
}

const figure = { name: 'per-step', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
