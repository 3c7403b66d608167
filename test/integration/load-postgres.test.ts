/**
 * Load on a production-shaped server (issue 17): `mlflow server` with 4 uvicorn workers on
 * PostgreSQL, 32 Node processes logging 50 params and 20,000 metric points each through the public
 * fluent API. Read back in PostgreSQL itself and with MLflow's Python client: every point present
 * exactly once, every run FINISHED. Then processes behind a gateway that sheds load with 429 and
 * 503: the agent waits out each `Retry-After`, and still nothing is lost or doubled.
 * Prints the times, the throughput and how busy each worker was.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { uniqueName } from '../conformance/helpers';
import { startMlflowServer, type MlflowServer } from '../harness/mlflow-server';
import { startPostgres, type Postgres } from '../harness/postgres';
import { processes } from '../harness/proc-stat';
import { pythonJson, readRun, REPO_ROOT } from '../harness/python';
import { startThrottleProxy } from '../harness/throttle-proxy';

const SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'load', 'log-run.js');
const WORKERS = 4;
const PARAMS = 50;
/** 2 keys x 10,000 steps = 20,000 points a process. */
const KEYS = 2;
const STEPS = 10_000;
const POINTS = KEYS * STEPS;

/** What a process printed: its timings (ms since it started) and its run. */
interface ProcessReport {
  proc: number;
  runId: string;
  /** When the process started (ms since the epoch). */
  timeOrigin: number;
  bootMs: number;
  loadedMs: number;
  startedMs: number;
  loggedMs: number;
  endedMs: number;
  /** CPU time (ms) after loading the package, after the logging loop, after endRun. */
  loadedCpuMs: number;
  loggedCpuMs: number;
  endedCpuMs: number;
}

/** How a process ended and what it printed. */
interface Outcome {
  proc: number;
  /** The exit code, the signal, or the spawn error. */
  exit: string;
  stdout: string;
  stderr: string;
}

interface Phase {
  reports: ProcessReport[];
  /** From the first spawn to the last exit (ms). */
  wallMs: number;
  /**
   * From the first spawn until the last `endRun()` resolved (ms): by then every value was
   * answered by the server, which answers after its commit.
   */
  durableMs: number;
}

/** Runs `count` logging processes at once (process `first + i` logs to `uriFor(i)`); each must exit 0 and say nothing. */
async function runProcesses(count: number, first: number, uriFor: (proc: number) => string, experiment: string, steps = STEPS): Promise<Phase> {
  const journals = mkdtempSync(join(tmpdir(), 'load-journal-'));
  const started = performance.now();
  const startedEpoch = Date.now();
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const proc = first + i;
      const env = {
        ...process.env,
        MLFLOW_TRACKING_URI: uriFor(proc),
        MLFLOW_EXPERIMENT_NAME: experiment,
        MLFLOW_AUTOLOG_JOURNAL_DIR: journals,
        LOAD_PROCESS: String(proc),
        LOAD_PARAMS: String(PARAMS),
        LOAD_KEYS: String(KEYS),
        LOAD_STEPS: String(steps),
      };
      return new Promise<Outcome>((resolve) => {
        const child = spawn(process.execPath, [SCRIPT], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', (error) => resolve({ proc, exit: error.message, stdout, stderr }));
        child.on('exit', (code, signal) => resolve({ proc, exit: String(signal ?? code), stdout, stderr }));
      });
    }),
  );
  const wallMs = performance.now() - started;
  try {
    return judge(outcomes, count, journals, startedEpoch, wallMs);
  } finally {
    rmSync(journals, { recursive: true, force: true });
  }
}

/** Every process exited 0, said nothing, and left no journal; their reports. */
function judge(outcomes: Outcome[], count: number, journals: string, startedEpoch: number, wallMs: number): Phase {
  // NB: every process is waited for before judging, so that none still runs into the next test.
  // The agent writes to stderr only when something went wrong: a value refused, the server given up on.
  const failed = outcomes.filter((o) => o.exit !== '0' || o.stderr.trim() !== '');
  assert.deepEqual(
    failed.map((o) => `process ${o.proc} exited ${o.exit}: ${o.stderr.trim()}`),
    [],
    `${failed.length} of ${count} processes failed or warned`,
  );
  // NB: a journal whose records were all acknowledged is deleted at exit: none may be left.
  const left = (readdirSync(journals, { recursive: true }) as string[]).filter((f) => /\.jsonl/.test(f));
  assert.deepEqual(left, [], 'every process had all its records acknowledged by the server');
  const reports = outcomes.map((o) => JSON.parse(o.stdout.trim().split('\n').pop()!) as ProcessReport);
  const durableMs = Math.max(...reports.map((r) => r.timeOrigin + r.endedMs)) - startedEpoch;
  return { reports, wallMs, durableMs };
}

/** One row per run of the experiment, counted in PostgreSQL itself. */
interface RunCheck {
  name: string;
  status: string;
  params: number;
  /** Params whose value is the one the process logged. */
  goodParams: number;
  metrics: number;
  /** (key, step, timestamp) groups with more than one row. */
  duplicates: number;
  /** Distinct (key, step) pairs. */
  distinctPoints: number;
  /** Rows whose key, step and value are the ones the process logged. */
  expectedPoints: number;
}

async function checkRuns(pg: Postgres, experiment: string, steps = STEPS): Promise<RunCheck[]> {
  // NB: the process number is in the run name (load-<proc>); the expected value of m<k> at a step
  // is (proc * KEYS + k) * steps + step, as the script computes it.
  const sql = `
    WITH r AS (
      SELECT r.run_uuid, r.name, r.status, split_part(r.name, '-', 2)::int AS proc
      FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE e.name = '${experiment}')
    SELECT r.name, r.status,
      (SELECT count(*) FROM params p WHERE p.run_uuid = r.run_uuid),
      (SELECT count(*) FROM params p WHERE p.run_uuid = r.run_uuid AND p.value = r.proc || '-' || substr(p.key, 2)),
      (SELECT count(*) FROM metrics m WHERE m.run_uuid = r.run_uuid),
      (SELECT count(*) FROM (SELECT 1 FROM metrics m WHERE m.run_uuid = r.run_uuid GROUP BY m.key, m.step, m.timestamp HAVING count(*) > 1) d),
      (SELECT count(DISTINCT (m.key, m.step)) FROM metrics m WHERE m.run_uuid = r.run_uuid),
      (SELECT count(*) FROM metrics m WHERE m.run_uuid = r.run_uuid AND m.key ~ '^m[0-9]+$' AND NOT m.is_nan
         AND m.step BETWEEN 0 AND ${steps - 1} AND substr(m.key, 2)::int < ${KEYS}
         AND m.value = (r.proc * ${KEYS} + substr(m.key, 2)::int) * ${steps} + m.step)
    FROM r ORDER BY r.proc`;
  const out = await pg.psql(sql);
  return out
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [name, status, params, goodParams, metrics, duplicates, distinctPoints, expectedPoints] = line.split('|');
      return {
        name: name!,
        status: status!,
        params: Number(params),
        goodParams: Number(goodParams),
        metrics: Number(metrics),
        duplicates: Number(duplicates),
        distinctPoints: Number(distinctPoints),
        expectedPoints: Number(expectedPoints),
      };
    });
}

/** Asserts that the experiment holds exactly the runs `first`..`first + count - 1`, each complete and exactly once. */
function assertComplete(checks: RunCheck[], first: number, count: number, steps = STEPS): void {
  assert.deepEqual(
    checks.map((c) => c.name),
    Array.from({ length: count }, (_, i) => `load-${first + i}`),
    'one run per process, no run created twice',
  );
  for (const c of checks) {
    assert.deepEqual(
      c,
      { name: c.name, status: 'FINISHED', params: PARAMS, goodParams: PARAMS, metrics: KEYS * steps, duplicates: 0, distinctPoints: KEYS * steps, expectedPoints: KEYS * steps },
      `run ${c.name}: FINISHED, every param and every point exactly once`,
    );
  }
}

/** CPU seconds used so far by each uvicorn worker of the server. */
function workerCpuSeconds(server: MlflowServer): Map<number, number> {
  // NB: uvicorn starts each worker with multiprocessing's spawn (a fresh interpreter), in the server's process group.
  const workers = processes().filter((p) => p.pgid === server.pid && p.cmdline.includes('multiprocessing.spawn'));
  return new Map(workers.map((p) => [p.pid, p.cpuSeconds]));
}

/** CPU seconds used so far by PostgreSQL: the postmaster, its live backends and those that ended. */
function postgresCpuSeconds(pg: Postgres): number {
  return processes()
    .filter((p) => p.pid === pg.pid || p.ppid === pg.pid)
    .reduce((sum, p) => sum + p.cpuSeconds + (p.pid === pg.pid ? p.endedChildrenCpuSeconds : 0), 0);
}

/** PostgreSQL's own account of the database: time spent executing statements (ms), commits. */
async function databaseActivity(pg: Postgres): Promise<{ activeMs: number; commits: number }> {
  const [activeMs, commits] = (await pg.psql("SELECT active_time, xact_commit FROM pg_stat_database WHERE datname = 'mlflow'")).trim().split('|');
  return { activeMs: Number(activeMs), commits: Number(commits) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

describe('32 processes against MLflow with 4 workers on PostgreSQL', () => {
  let pg: Postgres;
  let server: MlflowServer;
  before(async () => {
    const started = performance.now();
    pg = await startPostgres();
    const pgUp = performance.now();
    server = await startMlflowServer({ backendStoreUri: pg.backendStoreUri, extraArgs: ['--workers', String(WORKERS)], timeoutMs: 240_000 });
    console.log(`PostgreSQL up in ${seconds(pgUp - started)}, MLflow server (schema created) in ${seconds(performance.now() - pgUp)}`);
  });
  after(async () => {
    await server?.stop();
    await pg?.stop();
  });

  test('on a fresh database the server creates the schema at its latest revision and runs 4 uvicorn workers', async () => {
    const head = await pythonJson<string>('import json\nfrom mlflow.store.db.utils import _get_latest_schema_revision\nprint(json.dumps(_get_latest_schema_revision()))');
    assert.equal((await pg.psql('SELECT version_num FROM alembic_version')).trim(), head);
    const tables = (await pg.psql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).trim().split('\n');
    for (const table of ['experiments', 'runs', 'params', 'metrics', 'latest_metrics', 'tags']) assert.ok(tables.includes(table), `table ${table} exists`);
    assert.equal(workerCpuSeconds(server).size, WORKERS);
  });

  test('32 processes x 50 params and 20,000 metric points each: every value is stored exactly once and every run is FINISHED', async () => {
    const count = 32;
    const experiment = uniqueName('load-postgres');
    const cpuBefore = workerCpuSeconds(server);
    const pgCpuBefore = postgresCpuSeconds(pg);
    const dbBefore = await databaseActivity(pg);
    const phase = await runProcesses(count, 0, () => server.url, experiment);
    const cpuAfter = workerCpuSeconds(server);
    const pgCpu = postgresCpuSeconds(pg) - pgCpuBefore;
    const dbAfter = await databaseActivity(pg);
    const checks = await checkRuns(pg, experiment);
    assertComplete(checks, 0, count);
    const total = checks.reduce((n, c) => n + c.metrics, 0);
    assert.equal(total, count * POINTS);

    // MLflow's own client reads a sample back through the server: the first and the last process.
    for (const proc of [0, count - 1]) {
      const report = phase.reports.find((r) => r.proc === proc)!;
      const run = await readRun(server.url, report.runId);
      assert.equal(run.info.status, 'FINISHED');
      assert.equal(Object.keys(run.params).length, PARAMS);
      assert.equal(run.params.p7, `${proc}-7`);
      for (let key = 0; key < KEYS; key++) {
        const history = run.metrics[`m${key}`]!;
        assert.equal(history.length, STEPS, `m${key} of process ${proc}: every step once`);
        assert.deepEqual(new Set(history.map((m) => `${m.step}:${m.value}`)).size, STEPS);
        assert.ok(history.every((m) => m.value === (proc * KEYS + key) * STEPS + m.step));
      }
    }

    const busy = [...cpuAfter].map(([pid, cpu]) => cpu - (cpuBefore.get(pid) ?? 0));
    const r = phase.reports;
    const ms = (values: number[]) => `${Math.round(median(values))} / ${Math.round(Math.max(...values))} ms`;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    console.log(
      [
        `load: ${count} processes x (${PARAMS} params + ${POINTS} points): ${total} points and ${count * PARAMS} params in PostgreSQL, each once`,
        `wall clock from the first spawn: all data committed (the last endRun resolved) ${seconds(phase.durableMs)}, the last exit ${seconds(phase.wallMs)}; ` +
          `${Math.round(total / (phase.durableMs / 1000))} points/s`,
        `per process, wall (median / max): Node start ${ms(r.map((x) => x.bootMs))}, require ${ms(r.map((x) => x.loadedMs - x.bootMs))}, ` +
          `run created ${ms(r.map((x) => x.startedMs - x.loadedMs))}, logging loop ${ms(r.map((x) => x.loggedMs - x.startedMs))}, ` +
          `endRun (sending the rest) ${ms(r.map((x) => x.endedMs - x.loggedMs))}`,
        `CPU: Node processes ${seconds(sum(r.map((x) => x.endedCpuMs)))} (start-up and require ${seconds(sum(r.map((x) => x.loadedCpuMs)))}, ` +
          `logging loops ${seconds(sum(r.map((x) => x.loggedCpuMs - x.loadedCpuMs)))}), uvicorn workers ${seconds(sum(busy) * 1000)} ` +
          `(${busy.map((b) => `${b.toFixed(1)} s = ${Math.round((100 * b * 1000) / phase.wallMs)}%`).join(', ')} of the wall clock), PostgreSQL ${seconds(pgCpu * 1000)}`,
        `PostgreSQL: sessions active ${seconds(dbAfter.activeMs - dbBefore.activeMs)} in all, ${dbAfter.commits - dbBefore.commits} commits`,
      ].join('\n'),
    );
    assert.equal(busy.length, WORKERS);
    // NB: all 4 workers took a share of the load (the kernel spreads connections over them).
    for (const cpu of busy) assert.ok(cpu > 1, `every worker served requests (CPU seconds: ${busy.join(', ')})`);
  });

  test('behind a gateway that sheds load with 429 and 503, the agent waits out each Retry-After and nothing is lost or doubled', async () => {
    const count = 8;
    const steps = 1000;
    const retryAfterSeconds = 1;
    // NB: one request in flight per worker; 8 processes want more, so the gateway refuses many.
    const gateway = await startThrottleProxy(server.url, { maxInFlight: WORKERS, retryAfterSeconds });
    try {
      const experiment = uniqueName('load-throttled');
      const phase = await runProcesses(count, 100, (proc) => gateway.urlFor(String(proc)), experiment, steps);
      assertComplete(await checkRuns(pg, experiment, steps), 100, count, steps);
      const refusals = gateway.refusals();
      const statuses = new Set(refusals.map((r) => r.event.refused!.status));
      assert.deepEqual([...statuses].sort(), [429, 503], 'the gateway refused requests with both statuses');
      // NB: a refused request that carries data must come again (a lookup may replace other retries:
      // a refused experiment creation is followed by finding the one another process created).
      const carriesData = /\/runs\/(log-batch|update)$/;
      const dropped = refusals.filter((r) => carriesData.test(r.event.path) && r.retryGapMs === undefined);
      assert.deepEqual(dropped, [], 'every refused batch and run end was sent again');
      // NB: 5 ms for the clocks' millisecond granularity (libuv's timers, this process's clock).
      const early = refusals.filter((r) => r.retryGapMs !== undefined && r.retryGapMs < retryAfterSeconds * 1000 - 5);
      assert.deepEqual(
        early.map((r) => `${r.event.client} ${r.event.method} ${r.event.path} ${r.event.refused!.status}: retried after ${Math.round(r.retryGapMs!)} ms`),
        [],
        `every retry came at least Retry-After (${retryAfterSeconds} s) after its refusal`,
      );
      const gaps = refusals.flatMap((r) => (r.retryGapMs === undefined ? [] : [r.retryGapMs]));
      console.log(
        `throttled: ${count} processes x (${PARAMS} params + ${KEYS * steps} points) through a gateway of ${WORKERS} requests in flight: ` +
          `${gateway.events.length} requests, ${refusals.length} refused (429 and 503, Retry-After: ${retryAfterSeconds}), ` +
          `retried after ${Math.round(Math.min(...gaps))} ms at least, ${Math.round(median(gaps))} ms median; all values once, in ${seconds(phase.wallMs)}`,
      );
    } finally {
      await gateway.close();
    }
  });
});
