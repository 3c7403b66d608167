/**
 * Benchmark of model serving: `node bench/serve.mjs` (after `npm run build`), or `npm run bench:serve`.
 *
 * Trains the tfjs example model (examples/tfjs-preload, preloaded with the agent, into a temporary
 * sqlite:/// store) and an equivalent Python model (scikit-learn's MLP, 4 float32 features, 16
 * hidden units, 3 class probabilities; test/python/save_sklearn_mlp.py), serves the first with
 * `mlflow-autolog models serve` and the second with the pinned `.venv/bin/mlflow models serve
 * --env-manager local`, and loads each with autocannon: the same request (the tfjs model's
 * serving_input_example.json, 5 rows) from 16 connections, BENCH_ROUNDS rounds (default 3) of
 * BENCH_SECONDS (default 10) each, after a warm-up round, interleaved so that drift on the machine
 * hits both alike. Prints the median requests/s and p99 latency of each side by side, and their
 * ratio. BENCH_WORKERS (default 1) sets --workers on both. A benchmark, not a test: `npm test` never
 * runs it, and nothing asserts a timing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const cli = path.join(repo, 'dist', 'src', 'cli', 'main.js');
const register = path.join(repo, 'dist', 'src', 'register.js');
const python = process.env.MLFLOW_TEST_PYTHON ?? path.join(repo, '.venv', 'bin', 'python');
const autocannon = createRequire(import.meta.url)('autocannon');

const rounds = positive('BENCH_ROUNDS', 3);
const seconds = positive('BENCH_SECONDS', 10);
const workers = positive('BENCH_WORKERS', 1);
const CONNECTIONS = 16;

function positive(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number, at least 1 (got ${process.env[name]}).`);
    process.exit(1);
  }
  return value;
}

function fail(why) {
  console.error(why);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

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
  const env = { ...process.env, MLFLOW_TRACKING_URI: `sqlite:///${path.join(work, 'mlflow.db')}`, MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true', TF_CPP_MIN_LOG_LEVEL: '2' };
  delete env.NODE_OPTIONS;
  run(process.execPath, ['--require', register, path.join(repo, 'examples', 'tfjs-preload', 'train.js')], { cwd: work, env });
  return findModel(path.join(work, 'mlruns'));
}

/** Starts a server; resolves once GET /ping answers 200. */
async function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
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
  child.kill('SIGKILL');
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  if (!existsSync(cli)) fail(`${cli} is missing: run \`npm run build\` first.`);
  if (!existsSync(python)) fail(`${python} is missing: the benchmark compares with the project's pinned MLflow in .venv.`);
  const cpus = os.cpus();
  console.log(
    `mlflow-autolog serve bench: Node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), load ${os.loadavg()[0].toFixed(1)}, ` +
      `${CONNECTIONS} connections, ${rounds} rounds of ${seconds} s + a warm-up, ${workers} worker(s) each`,
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'mlflow-autolog-serve-bench-'));
  const servers = [];
  try {
    process.stderr.write('training the tfjs model and the scikit-learn model…\n');
    const tfjsDir = tfjsModel(work);
    const sklearnDir = path.join(work, 'sklearn-model');
    run(python, [path.join(repo, 'test', 'python', 'save_sklearn_mlp.py'), sklearnDir, 'tensor'], { env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
    const body = readFileSync(path.join(tfjsDir, 'serving_input_example.json'));

    process.stderr.write('starting both servers…\n');
    const [ourPort, theirPort] = [await freePort(), await freePort()];
    servers.push(await start('mlflow-autolog models serve', process.execPath, [cli, 'models', 'serve', '-m', tfjsDir, '-w', String(workers), '-p', String(ourPort)], {}));
    servers.push(
      await start('mlflow models serve', python, ['-m', 'mlflow', 'models', 'serve', '-m', sklearnDir, '--env-manager', 'local', '-w', String(workers), '-h', '127.0.0.1', '-p', String(theirPort)], {
        PATH: `${path.dirname(python)}:${process.env.PATH}`,
        PYTHONWARNINGS: 'ignore',
      }),
    );
    // NB: the same body must be a valid request for both (same input shape): check once.
    for (const server of servers) {
      const answer = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await answer.json();
      if (answer.status !== 200 || json.predictions?.length !== 5) fail(`${server.name} answered ${answer.status}: ${JSON.stringify(json)}`);
    }

    const results = new Map(servers.map((s) => [s.name, []]));
    for (let round = 0; round <= rounds; round++) {
      process.stderr.write(round === 0 ? 'warm-up' : ` ${round}`);
      // Alternate which side goes first, so neither always runs on the "warmer" machine.
      const order = round % 2 ? [...servers].reverse() : servers;
      for (const server of order) {
        const result = await load(server, body, round === 0 ? Math.min(seconds, 5) : seconds);
        if (round > 0) results.get(server.name).push(result);
      }
    }
    process.stderr.write('\n');

    const [ours, theirs] = servers.map((s) => ({ name: s.name, rps: median(results.get(s.name).map((r) => r.rps)), p99: median(results.get(s.name).map((r) => r.p99)) }));
    const width = Math.max(ours.name.length, theirs.name.length);
    console.log(`${''.padEnd(width)}  requests/s  p99 latency`);
    for (const side of [ours, theirs]) console.log(`${side.name.padEnd(width)}  ${side.rps.toFixed(0).padStart(10)}  ${`${side.p99} ms`.padStart(11)}`);
    console.log(`ratio: ${(ours.rps / theirs.rps).toFixed(2)}× the requests/s, ${(theirs.p99 / ours.p99).toFixed(2)}× lower p99 (per round: ${results.get(ours.name).map((r) => r.rps.toFixed(0)).join(', ')} vs ${results.get(theirs.name).map((r) => r.rps.toFixed(0)).join(', ')})`);
  } finally {
    await Promise.all(servers.map(stop));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
