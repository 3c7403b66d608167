/**
 * Serving: `mlflow-autolog models serve` against MLflow's own `mlflow models serve --env-manager
 * local` (the pinned MLflow in .venv), each serving an equivalent model:
 *   - ours: the tfjs example model, trained by examples/tfjs-preload/train.js with the agent
 *     preloaded into a temporary sqlite:/// store (dense 4 → 16 relu → 3 softmax, float32 [-1, 4]);
 *   - MLflow's: scikit-learn's MLP (4 float32 features, 16 hidden units, 3 class probabilities),
 *     saved by test/python/save_sklearn_mlp.py with pyfunc_predict_fn="predict_proba".
 * Both get the same request (the tfjs model's serving_input_example.json, 5 rows) from autocannon
 * with 16 connections, in rounds of BENCH_SERVE_SECONDS (default 10), interleaved after a warm-up
 * round. BENCH_SERVE_WORKERS (default 1) passes --workers to both. Figures: the median requests/s
 * and p99 latency of each side, and the median of the per-round ratios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { freePort } from '../lib/mlflow-server.mjs';
import { cleanEnv, cli, fail, python, reapOnExit, register, repo, tempDir } from '../lib/proc.mjs';
import { envInt, interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const autocannon = createRequire(import.meta.url)('autocannon');
const runs = runsFor('serve');
const seconds = envInt('BENCH_SERVE_SECONDS', 10);
const workers = envInt('BENCH_SERVE_WORKERS', 1);
const CONNECTIONS = 16;

/** Runs a command to its end; exits the bench with its output when it fails. */
function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  return result.stdout;
}

/** The folder holding an MLmodel under `dir`. */
function findModel(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.name === 'MLmodel') return entry.parentPath ?? entry.path;
  }
  return fail(`no model was logged under ${dir}`);
}

/** Trains and logs the tfjs example model into a local store in `work`; returns its folder. */
function tfjsModel(work) {
  const env = cleanEnv({ MLFLOW_TRACKING_URI: `sqlite:///${path.join(work, 'mlflow.db')}`, MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true', MLFLOW_AUTOLOG_JOURNAL_DIR: path.join(work, 'journal') });
  run(process.execPath, ['--require', register, path.join(repo, 'examples', 'tfjs-preload', 'train.js')], { cwd: work, env });
  return findModel(path.join(work, 'mlruns'));
}

/** Starts a server; resolves once GET /ping answers 200. */
async function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: repo, env: cleanEnv(env), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  reapOnExit(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-10_000)));
  const url = `http://127.0.0.1:${args[args.indexOf('-p') + 1]}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`${name} exited (${child.exitCode}):\n${stderr}`);
    const ok = await fetch(`${url}/ping`).then((r) => r.ok, () => false);
    if (ok) return { name, url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  process.kill(-child.pid, 'SIGKILL');
  return fail(`${name} did not answer /ping in 180 s:\n${stderr}`);
}

function stop(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    // NB: MLflow's server runs uvicorn in a child process: signal the whole group.
    process.kill(-server.child.pid, 'SIGTERM');
  });
}

/** One autocannon round against `server`; exits the bench on any error answer. */
async function load(server, body, duration) {
  const result = await autocannon({
    url: `${server.url}/invocations`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration,
  });
  if (result.non2xx || result.errors || result.timeouts) {
    fail(`${server.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function runFigure() {
  const work = tempDir('serve');
  const servers = [];
  try {
    process.stderr.write('serve: training the tfjs model and the scikit-learn model…\n');
    const tfjsDir = tfjsModel(work);
    const sklearnDir = path.join(work, 'sklearn-model');
    run(python, [path.join(repo, 'test', 'python', 'save_sklearn_mlp.py'), sklearnDir, 'tensor'], { env: cleanEnv() });
    const body = readFileSync(path.join(tfjsDir, 'serving_input_example.json'));

    process.stderr.write('serve: starting both servers…\n');
    const [ourPort, theirPort] = [await freePort(), await freePort()];
    servers.push(await start('ours', process.execPath, [cli, 'models', 'serve', '-m', tfjsDir, '-w', String(workers), '-p', String(ourPort)], {}));
    servers.push(
      await start('mlflow', python, ['-m', 'mlflow', 'models', 'serve', '-m', sklearnDir, '--env-manager', 'local', '-w', String(workers), '-h', '127.0.0.1', '-p', String(theirPort)], {
        PATH: `${path.dirname(python)}:${process.env.PATH}`,
      }),
    );
    // NB: the same body must be a valid request for both (same input shape): check once.
    for (const server of servers) {
      const answer = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await answer.json();
      if (answer.status !== 200 || json.predictions?.length !== 5) fail(`${server.name} answered ${answer.status}: ${JSON.stringify(json)}`);
    }

    const results = await interleave({
      label: `serve ${seconds} s rounds`,
      runs,
      variants: servers.map((server) => ({ name: server.name, run: ({ warmup }) => load(server, body, warmup ? Math.min(seconds, 5) : seconds) })),
    });
    const of = (name, key) => results[name].map((r) => r[key]);
    const setup = `${CONNECTIONS} connections, ${workers} worker(s) each, 5-row requests, ${seconds} s rounds`;
    return [
      {
        name: 'serve.requests_per_s',
        value: median(of('ours', 'rps')),
        unit: 'req/s',
        peers: [{ name: 'mlflow models serve (sklearn)', value: median(of('mlflow', 'rps')), ratio: pairedRatio(of('ours', 'rps'), of('mlflow', 'rps')) }],
        note: setup,
      },
      {
        name: 'serve.p99_latency',
        value: median(of('ours', 'p99')),
        unit: 'ms',
        peers: [{ name: 'mlflow models serve (sklearn)', value: median(of('mlflow', 'p99')), ratio: pairedRatio(of('ours', 'p99'), of('mlflow', 'p99')) }],
        note: setup,
      },
    ];
  } finally {
    await Promise.all(servers.map(stop));
    rmSync(work, { recursive: true, force: true });
  }
}

const figure = { name: 'serve', run: runFigure };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
