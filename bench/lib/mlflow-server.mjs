/**
 * A real `mlflow server` (the pinned MLflow in .venv) on a free loopback port, with a sqlite
 * backend and proxied artifacts in a temporary folder, as a user would start one; and the few
 * REST calls the figures make to set up and to check what reached it. The logic of
 * test/harness/mlflow-server.ts, in plain .mjs: the bench runs on dist/, without tsx.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { cleanEnv, python, reapOnExit, tempDir } from './proc.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server; resolves to { url, dir, artifactsDir, stop() } once /health answers. */
export async function startMlflowServer() {
  const dir = tempDir('server');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const artifactsDir = path.join(dir, 'mlartifacts');
  const args = ['-m', 'mlflow', 'server', '--host', '127.0.0.1', '--port', String(port), '--backend-store-uri', `sqlite:///${path.join(dir, 'mlflow.db')}`, '--artifacts-destination', artifactsDir];
  const child = spawn(python, args, {
    cwd: dir,
    // NB: the server's background job runner (a dozen huey workers) is not used by tracking and
    // would take the machine's cores from what is measured.
    env: cleanEnv({ MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', PATH: `${path.dirname(python)}:${process.env.PATH}` }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const forget = reapOnExit(child);
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // NB: uvicorn runs its workers in child processes: signal the whole group.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    forget();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return { url, dir, artifactsDir, pid: child.pid, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`mlflow server did not answer /health:\n${output}`);
}

/** One REST call: POST with a JSON body, or GET with `query`; throws on an error answer. */
export async function api(url, endpoint, { body, query } = {}) {
  const target = new URL(`/api/2.0/mlflow/${endpoint}`, url);
  for (const [key, value] of Object.entries(query ?? {})) target.searchParams.set(key, String(value));
  const response = await fetch(target, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : {};
}

export async function createExperiment(url, name) {
  const { experiment_id } = await api(url, 'experiments/create', { body: { name } });
  return experiment_id;
}

export async function createRun(url, experimentId) {
  const { run } = await api(url, 'runs/create', { body: { experiment_id: experimentId, start_time: Date.now() } });
  return run.info.run_id;
}

/** How many points of `keys` the run holds on the server. */
export async function countMetricPoints(url, runId, keys) {
  let total = 0;
  for (const key of keys) {
    const { metrics = [] } = await api(url, 'metrics/get-history', { query: { run_id: runId, metric_key: key } });
    total += metrics.length;
  }
  return total;
}

/** Every run of an experiment (all pages). */
export async function searchRuns(url, experimentId) {
  const runs = [];
  let pageToken;
  do {
    const page = await api(url, 'runs/search', { body: { experiment_ids: [experimentId], max_results: 1000, ...(pageToken ? { page_token: pageToken } : {}) } });
    runs.push(...(page.runs ?? []));
    pageToken = page.next_page_token;
  } while (pageToken);
  return runs;
}

/** Every logged model of an experiment (all pages). */
export async function searchLoggedModels(url, experimentId) {
  const models = [];
  let pageToken;
  do {
    const page = await api(url, 'logged-models/search', { body: { experiment_ids: [experimentId], max_results: 100, ...(pageToken ? { page_token: pageToken } : {}) } });
    models.push(...(page.models ?? []));
    pageToken = page.next_page_token;
  } while (pageToken);
  return models;
}
