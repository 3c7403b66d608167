/**
 * Metrics throughput to durable: 100,000 metric points (BENCH_METRIC_POINTS), 10 metrics per step,
 * into one run on a real MLflow server (sqlite backend, loopback), from the first point logged until
 * every point reads back from the server (metrics/get-history). Sides, each a process, interleaved:
 *   - the agent: logMetrics per step, then flush() (bench/workloads/metrics.cjs);
 *   - MLflow's Python client: MlflowClient.log_batch of 1,000, and async logging
 *     (log_metrics(synchronous=False) per step, then flush_async_logging());
 *   - the raw ceiling: 1 and 4 concurrent clients POSTing runs/log-batch with 1,000 metrics each.
 * A side's clock stops when it says it is done; if the server does not hold every point then, the
 * figure polls until it does and takes that time instead (durable means on the server).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { countMetricPoints, createExperiment, createRun, startMlflowServer } from '../lib/mlflow-server.mjs';
import { cleanEnv, fail, runNode, runPython, tempDir, workloads } from '../lib/proc.mjs';
import { ratioAtLeast } from '../lib/report.mjs';
import { envInt, interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const runs = runsFor('metrics');
const points = envInt('BENCH_METRIC_POINTS', 100_000, 1000);
// NB: MLflow's async logging sends each log_metrics call as its own request unless
// MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS is set: about 50-300 points/s here, 100,000 points would
// take the bench many minutes a round. Its documented batching setting is used instead (0: unset).
const asyncBuffering = envInt('BENCH_PY_ASYNC_BUFFERING_SECONDS', 1, 0);
const KEYS = Array.from({ length: 10 }, (_, k) => `m${k}`);
if (points % 1000 !== 0) fail('BENCH_METRIC_POINTS must be a multiple of 1,000 (the batches are of 1,000).');

/** Waits until the run holds `expected` points; resolves to the epoch ms when it did (`doneMs` if at once). */
async function durableAt(url, runId, expected, doneMs) {
  const deadline = Date.now() + 120_000;
  for (let first = true; ; first = false) {
    const count = await countMetricPoints(url, runId, KEYS);
    if (count === expected) return first ? doneMs : Date.now();
    if (count > expected) fail(`run ${runId} holds ${count} points, more than the ${expected} logged`);
    if (Date.now() > deadline) fail(`run ${runId} holds ${count} of ${expected} points 120 s after its client was done`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function run() {
  const server = await startMlflowServer();
  const journal = tempDir('journal');
  try {
    const experimentId = await createExperiment(server.url, 'bench-metrics');
    const env = cleanEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_ID: experimentId, MLFLOW_AUTOLOG_JOURNAL_DIR: journal });
    const asyncEnv = asyncBuffering ? { ...env, MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS: String(asyncBuffering) } : env;
    const asyncName = asyncBuffering ? `python async (buffered ${asyncBuffering} s)` : 'python async';
    // NB: the warm-up round (server caches, Python imports) logs a tenth as many points.
    const size = (warmup) => (warmup ? Math.max(1000, points / 10) : points);
    const measured = (start) => async ({ warmup }) => {
      const n = size(warmup);
      const { runId, startMs, doneMs } = await start(n);
      const durable = await durableAt(server.url, runId, n, doneMs);
      return { pointsPerS: n / ((durable - startMs) / 1000), waitedMs: durable - doneMs };
    };
    const raw = (clients) => async (n) => {
      const runId = await createRun(server.url, experimentId);
      return runNode(path.join(workloads, 'raw-log-batch.mjs'), { args: [server.url, runId, String(n), String(clients)], env });
    };
    const results = await interleave({
      label: `metrics ${points} points`,
      runs,
      variants: [
        { name: 'agent', run: measured((n) => runNode(path.join(workloads, 'metrics.cjs'), { args: [String(n)], env })) },
        { name: 'python log_batch', run: measured((n) => runPython(path.join(workloads, 'metrics_py.py'), ['batch', String(n)], { env })) },
        { name: asyncName, run: measured((n) => runPython(path.join(workloads, 'metrics_py.py'), ['async', String(n)], { env: asyncEnv })) },
        { name: 'raw 1 client', run: measured(raw(1)) },
        { name: 'raw 4 clients', run: measured(raw(4)) },
      ],
    });
    const rate = (name) => results[name].map((r) => r.pointsPerS);
    const peers = ['python log_batch', asyncName, 'raw 1 client', 'raw 4 clients'].map((name) => ({
      name,
      value: median(rate(name)),
      ratio: pairedRatio(rate('agent'), rate(name)),
    }));
    const ceilingRatio = peers.at(-1).ratio;
    const waited = median(results.agent.map((r) => r.waitedMs));
    return [
      {
        name: 'metrics.points_to_durable',
        value: median(rate('agent')),
        unit: 'points/s',
        peers,
        note: `${points} points, 10 per step; ${waited > 0 ? `points reached the server ${waited.toFixed(0)} ms after flush() resolved` : 'all on the server when flush() resolved'}`,
        target: ratioAtLeast(ceilingRatio, 0.9, 'raw 4 clients', `the agent's rate is ${peers[2].ratio.toFixed(2)}× one raw client's, the ceiling's ${(median(rate('raw 4 clients')) / median(rate('raw 1 client'))).toFixed(2)}×`),
      },
    ];
  } finally {
    await server.stop();
    rmSync(journal, { recursive: true, force: true });
  }
}

const figure = { name: 'metrics', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
