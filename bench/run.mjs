/**
 * Benchmark of the agent's per-training-step overhead: `node bench/run.mjs` (after `npm run build`).
 *
 * Runs each workload in bench/workloads/ as its own process, without the agent and with it
 * (`node --require dist/src/register.js`), interleaved A/B so that drift on the machine (other
 * processes, thermal throttling) hits both sides alike: one warm-up pair, then BENCH_RUNS counted
 * pairs (default 5), alternating which side goes first. Each workload times only its training
 * call and prints {"ms", "steps"}; this runner also times the whole process, spawn to exit.
 * Prints one line per figure: the median with the agent, the median without, and the median of
 * the pairwise ratios. This is a benchmark, not a test: `npm test` never runs it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const register = path.join(repo, 'dist', 'src', 'register.js');

const runs = Number(process.env.BENCH_RUNS ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`BENCH_RUNS must be a whole number, at least 1 (got ${process.env.BENCH_RUNS}).`);
  process.exit(1);
}
if (!existsSync(register)) {
  console.error(`${register} is missing: run \`npm run build\` first.`);
  process.exit(1);
}

/** Each workload script and the figures it gives: per-step (from its JSON) or whole-process. */
const perStep = (result) => result.ms / result.steps;
const processWall = (result) => result.wallMs;
const firstCall = (result) => result.firstMs;
const workloads = [
  { script: 'brainjs.cjs', figures: [{ name: 'brainjs.train.per_iteration', of: perStep }, { name: 'brainjs.train.first_call', of: firstCall }] },
  { script: 'tfjs.cjs', figures: [{ name: 'tfjs.fit.per_epoch', of: perStep }, { name: 'tfjs.fit.first_call', of: firstCall }] },
  {
    script: 'mljs.cjs',
    figures: [
      { name: 'mljs.cart.per_train_call', of: perStep },
      { name: 'mljs.cart.first_call', of: firstCall },
      // The agent logs each call's model in the background and finishes at exit, after training.
      { name: 'mljs.cart.process_wall', of: processWall },
    ],
  },
];

/**
 * The environment of every run, with the agent or without: the agent's defaults (no inherited
 * MLFLOW_* variable, so MLFLOW_AUTOLOG_LOG_MODELS is unset, i.e. on), no inherited NODE_OPTIONS
 * (which could preload the agent on the "without" side), and a fresh local store.
 */
function runEnv(storeDir) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('MLFLOW_') || key === 'NODE_OPTIONS') delete env[key];
  }
  env.MLFLOW_TRACKING_URI = pathToFileURL(storeDir).href;
  env.TF_CPP_MIN_LOG_LEVEL = '2';
  return env;
}

/** Whether the local store holds at least one run (a 32-hex-digit folder in an experiment). */
function storeHasRun(storeDir) {
  for (const experiment of readdirSync(storeDir, { withFileTypes: true })) {
    if (!experiment.isDirectory() || experiment.name.startsWith('.')) continue;
    const entries = readdirSync(path.join(storeDir, experiment.name));
    if (entries.some((name) => /^[0-9a-f]{32}$/.test(name))) return true;
  }
  return false;
}

/** Runs one workload process; resolves to its {ms, steps, wallMs}. Exits the bench on failure. */
function runOnce(script, withAgent) {
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'mlflow-autolog-bench-'));
  const args = [...(withAgent ? ['--require', register] : []), path.join(here, 'workloads', script)];
  const side = withAgent ? 'with agent' : 'without agent';
  return new Promise((resolve) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: repo, env: runEnv(storeDir), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const fail = (why) => {
        rmSync(storeDir, { recursive: true, force: true });
        console.error(`\n${script} (${side}) ${why}\n--- stderr ---\n${Buffer.concat(stderr).toString()}`);
        process.exit(1);
      };
      if (code !== 0) fail(`exited with ${signal ?? `code ${code}`}.`);
      // NB: tfjs prints a banner on stdout; the result is the last line that parses as JSON.
      const lines = Buffer.concat(stdout).toString().trim().split('\n').reverse();
      const result = lines.map(tryJson).find((value) => value && typeof value.ms === 'number');
      if (!result) fail('printed no {"ms", "steps"} line.');
      // A check that the figure measures something: the agent must have logged a run.
      if (withAgent && !storeHasRun(storeDir)) fail(`logged no run in ${storeDir}: is the agent working?`);
      rmSync(storeDir, { recursive: true, force: true });
      resolve({ ...result, wallMs });
    });
  });
}

function tryJson(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Formats milliseconds in µs, ms or s, from the size of `reference` (so both sides share a unit). */
function unitFor(referenceMs) {
  if (referenceMs < 1) return { unit: 'µs', scale: 1000 };
  if (referenceMs < 10_000) return { unit: 'ms', scale: 1 };
  return { unit: 's', scale: 1 / 1000 };
}
function format(ms, { unit, scale }) {
  const value = ms * scale;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

async function main() {
  const benchStart = process.hrtime.bigint();
  const cpus = os.cpus();
  console.log(
    `mlflow-autolog bench: Node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ` +
      `${runs} counted pairs + 1 warm-up per workload, interleaved A/B`,
  );
  for (const { script, figures } of workloads) {
    const pairs = [];
    for (let i = 0; i <= runs; i++) {
      process.stderr.write(i === 0 ? `${script}: warm-up` : ` ${i}`);
      // Alternate which side goes first, so neither always runs on the "warmer" machine.
      const agentFirst = i % 2 === 1;
      const first = await runOnce(script, agentFirst);
      const second = await runOnce(script, !agentFirst);
      if (i > 0) pairs.push(agentFirst ? { agent: first, plain: second } : { agent: second, plain: first });
    }
    process.stderr.write('\n');
    for (const { name, of } of figures) {
      const agent = median(pairs.map((pair) => of(pair.agent)));
      const plain = median(pairs.map((pair) => of(pair.plain)));
      const ratio = median(pairs.map((pair) => of(pair.agent) / of(pair.plain)));
      const unit = unitFor(Math.min(agent, plain));
      console.log(`${name} ${format(agent, unit)} (without agent ${format(plain, unit)}, ${ratio.toFixed(3)}×)`);
    }
  }
  const totalS = Number(process.hrtime.bigint() - benchStart) / 1e9;
  console.log(`bench wall time ${totalS.toFixed(1)} s`);
}

await main();
