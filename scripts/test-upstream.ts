/**
 * `npm run test:upstream [-- --subset] [-- <package>…]`: the supported libraries' own test
 * suites (test/upstream, see suites.ts there) run with their own runners twice, without and with
 * the agent preloaded (`mlflow-autolog/register` through NODE_OPTIONS, a local store in a
 * temporary folder), against the published packages in node_modules. A suite passes when its
 * results without the agent are those its manifest expects, the two runs give every test the
 * same result, and the agent created runs (a suite where the agent patched nothing proves
 * nothing). Prints a table; `--json <file>` also writes the results for test/integration.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { BRAINJS_VERSIONS } from '../instrumentations/brainjs/versions';
import { MLJS_EXTRA_MODULES, MLJS_VERSIONS } from '../instrumentations/mljs/versions';
import { NATURAL_VERSIONS } from '../instrumentations/natural/versions';
import { TFJS_VERSIONS } from '../instrumentations/tfjs/versions';
import { loadDriver } from '../src/store/sqlite/driver';
import { type AgentPreload, REPO_ROOT, RUNNERS, type RunContext, type TestStatus, suiteDir } from '../test/upstream/runners';
import { UPSTREAM_SUITES, type UpstreamSuite } from '../test/upstream/suites';

/** How long one run of one suite may take before it is stopped. */
const RUN_TIMEOUT_MS = 15 * 60_000;

/** One run of a suite. */
export interface RunOutcome {
  results: Record<string, TestStatus>;
  /** The first line of each failure. */
  failures: Record<string, string>;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  exitCode: number | null;
  /** Runs in the run's local store, by status. */
  runs: Record<string, number>;
  log: string;
}

/** A suite's verdict, as `--json` writes it. */
export interface SuiteOutcome {
  package: string;
  version: string;
  source: string;
  runner: string;
  tests: number;
  verdict: 'pass' | 'fail' | 'pending';
  /** Why the suite failed or is pending. */
  problems: string[];
  /** Tests whose result differs between the two runs (flaky ones left out). */
  differences: string[];
  withoutAgent?: RunOutcome;
  withAgent?: RunOutcome;
  runsCreated: number;
}

const TESTED_VERSIONS = new Map(
  [MLJS_VERSIONS, ...MLJS_EXTRA_MODULES, BRAINJS_VERSIONS, NATURAL_VERSIONS, TFJS_VERSIONS].map((m) => [m.module, m.tested]),
);

function describeSource(suite: UpstreamSuite): string {
  return suite.source.kind === 'npm' ? 'npm tarball' : `github ${suite.source.repo}@${suite.source.ref.length === 40 ? suite.source.ref.slice(0, 7) : suite.source.ref}`;
}

function installedVersion(name: string): string | undefined {
  const file = join(REPO_ROOT, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

/** Problems with the installed package or the manifest, before anything runs. */
function setupProblems(suite: UpstreamSuite): string[] {
  const installed = installedVersion(suite.package);
  const problems: string[] = [];
  if (installed !== suite.version) problems.push(`${suite.package} ${installed ?? '(not installed)'} is installed; the vendored tests are ${suite.version}'s`);
  const tested = TESTED_VERSIONS.get(suite.package);
  if (tested && !tested.includes(suite.version)) problems.push(`${suite.version} is not among the instrumentation's tested versions (${tested.join(', ')})`);
  // NB: the suite must get the repository's copy, not one that test/upstream's runners brought along.
  const expected = realpathSync(join(REPO_ROOT, 'node_modules', suite.package));
  let resolved: string;
  try {
    resolved = realpathSync(require.resolve(suite.package, { paths: [suiteDir(suite)] }));
  } catch (error) {
    resolved = `nothing (${(error as Error).message.split('\n')[0]})`;
  }
  if (!resolved.startsWith(expected + sep)) problems.push(`${suite.package} resolves to ${resolved} from its suite, not to the repository's ${expected}`);
  return problems;
}

/** The agent's entry `mlflow-autolog/<name>`, resolved by the package's own name as a user's config names it. */
function agentEntry(name: string): string | undefined {
  try {
    return createRequire(join(REPO_ROOT, 'package.json')).resolve(`mlflow-autolog/${name}`);
  } catch {
    return undefined;
  }
}

/** The agent's preload for a runner, or why it cannot be had yet. */
function agentPreload(suite: UpstreamSuite): AgentPreload | string {
  const dist = join(REPO_ROOT, 'dist', 'src');
  if (!existsSync(join(dist, 'register.js'))) return 'the agent is not built (npm run build)';
  switch (suite.runner) {
    case 'jest': {
      // NB: jest loads test modules with its own registry, which require hooks never see.
      const setupFile = agentEntry('jest');
      if (!setupFile) return 'needs the jest setup file mlflow-autolog/jest, not in this build';
      return { nodeOptions: ['--require', join(dist, 'register.js')], setupFile };
    }
    case 'vitest': {
      // NB: vitest imports test dependencies as ES modules by file URL (--import adds
      // import-in-the-middle's loader) and stops its workers right after their last file (the
      // setup file waits for the runs).
      const setupFile = agentEntry('vitest');
      if (!setupFile) return 'needs the vitest setup file mlflow-autolog/vitest, not in this build';
      return { nodeOptions: ['--import', join(dist, 'register.mjs')], setupFile };
    }
    default:
      return { nodeOptions: ['--require', join(dist, 'register.js')] };
  }
}

/** Runs in a local store, by status (none when the store was never created). */
function countRuns(dbFile: string): Record<string, number> {
  if (!existsSync(dbFile)) return {};
  const db = new (loadDriver().module.DatabaseSync)(dbFile);
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM runs GROUP BY status').all();
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  } catch (error) {
    // NB: a store whose schema was never written has no runs table.
    if (/no such table/.test((error as Error).message)) return {};
    throw error;
  } finally {
    db.close();
  }
}

function total(runs: Record<string, number>): number {
  return Object.values(runs).reduce((a, b) => a + b, 0);
}

/** The environment of a runner: this one's, minus anything that would preload or redirect the agent. */
function baseEnv(workDir: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key === 'NODE_OPTIONS' || key.startsWith('MLFLOW_')) delete env[key];
  return {
    ...env,
    // NB: both runs point at the temporary store: without the agent nothing may appear there.
    MLFLOW_TRACKING_URI: `sqlite:///${join(workDir, 'mlflow.db')}`,
    MLFLOW_AUTOLOG_JOURNAL_DIR: join(workDir, 'journal'),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

async function runOnce(suite: UpstreamSuite, workRoot: string, mode: 'without' | 'with', agent?: AgentPreload): Promise<RunOutcome> {
  const workDir = join(workRoot, `${suite.package.replace(/[/@]/g, '_')}-${mode}-agent`);
  mkdirSync(workDir, { recursive: true });
  const ctx: RunContext = { suite, suiteDir: suiteDir(suite), workDir, resultsFile: join(workDir, 'results.json'), agent };
  const runner = RUNNERS[suite.runner];
  const command = runner.command(ctx);
  const env = { ...baseEnv(workDir), ...command.env };
  const nodeOptions = [...command.nodeOptions, ...(agent?.nodeOptions ?? [])];
  if (nodeOptions.length > 0) env.NODE_OPTIONS = nodeOptions.join(' ');
  const log = join(REPO_ROOT, 'test-output', 'upstream', `${suite.package.replace(/[/@]/g, '_')}.${mode}-agent.log`);
  mkdirSync(join(REPO_ROOT, 'test-output', 'upstream'), { recursive: true });
  const started = Date.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    // NB: its own process group, so that a timeout stops the runner's workers too.
    const child = spawn(process.execPath, command.args, { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = `$ NODE_OPTIONS=${JSON.stringify(env.NODE_OPTIONS ?? '')} node ${command.args.join(' ')}\n`;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      output += `\n[stopped after ${RUN_TIMEOUT_MS} ms]\n`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      writeFileSync(log, output);
      resolve(code);
    });
  });
  const ms = Date.now() - started;
  const report = [...runner.results(ctx)];
  const results = Object.fromEntries(report.map(([id, r]) => [id, r.status]));
  const failures = Object.fromEntries(report.flatMap(([id, r]) => (r.message ? [[id, r.message]] : [])));
  const count = (status: TestStatus) => Object.values(results).filter((s) => s === status).length;
  return { results, failures, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), ms, exitCode, runs: countRuns(join(workDir, 'mlflow.db')), log };
}

/** What the run without the agent should have given, per the manifest. */
function expectationProblems(suite: UpstreamSuite, run: RunOutcome): string[] {
  const problems: string[] = [];
  const ids = Object.keys(run.results);
  if (ids.length !== suite.tests) problems.push(`without the agent the suite has ${ids.length} tests, the manifest says ${suite.tests}`);
  const flaky = new Set(Object.keys(suite.flaky ?? {}));
  const known = new Set(Object.keys(suite.knownFailures ?? {}));
  for (const [id, status] of Object.entries(run.results)) {
    if (status === 'failed' && !known.has(id) && !flaky.has(id)) problems.push(`fails without the agent: ${id}: ${run.failures[id] ?? ''}`);
  }
  for (const id of known) if (run.results[id] !== 'failed') problems.push(`listed as a known failure but ${run.results[id] ?? 'missing'} without the agent: ${id}`);
  for (const id of flaky) if (!(id in run.results)) problems.push(`listed as flaky but missing: ${id}`);
  return problems;
}

function differences(suite: UpstreamSuite, a: RunOutcome, b: RunOutcome): string[] {
  const flaky = new Set(Object.keys(suite.flaky ?? {}));
  const ids = [...new Set([...Object.keys(a.results), ...Object.keys(b.results)])].filter((id) => !flaky.has(id)).sort();
  return ids
    .filter((id) => a.results[id] !== b.results[id])
    .map((id) => `${id}: ${a.results[id] ?? 'missing'} without the agent, ${b.results[id] ?? 'missing'} with it${b.failures[id] ? ` (${b.failures[id]})` : ''}`);
}

async function runSuite(suite: UpstreamSuite, workRoot: string): Promise<SuiteOutcome> {
  const outcome: SuiteOutcome = {
    package: suite.package,
    version: suite.version,
    source: describeSource(suite),
    runner: suite.runner,
    tests: suite.tests,
    verdict: 'fail',
    problems: setupProblems(suite),
    differences: [],
    runsCreated: 0,
  };
  if (outcome.problems.length > 0) return outcome;
  outcome.withoutAgent = await runOnce(suite, workRoot, 'without');
  outcome.problems.push(...expectationProblems(suite, outcome.withoutAgent));
  if (total(outcome.withoutAgent.runs) > 0) outcome.problems.push(`${total(outcome.withoutAgent.runs)} runs appeared without the agent`);
  const agent = agentPreload(suite);
  if (typeof agent === 'string') {
    outcome.verdict = 'pending';
    outcome.problems.push(`with the agent: ${agent}`);
    return outcome;
  }
  outcome.withAgent = await runOnce(suite, workRoot, 'with', agent);
  outcome.runsCreated = total(outcome.withAgent.runs);
  outcome.differences = differences(suite, outcome.withoutAgent, outcome.withAgent);
  if (outcome.differences.length > 0) outcome.problems.push(`${outcome.differences.length} tests differ with the agent`);
  if (outcome.runsCreated === 0) outcome.problems.push('the agent created no runs: it patched nothing this suite trains');
  // NB: a run still RUNNING once the runner has exited lost what the agent had queued for it.
  if (outcome.withAgent.runs.RUNNING) outcome.problems.push(`${outcome.withAgent.runs.RUNNING} runs were left RUNNING when the runner exited`);
  outcome.verdict = outcome.problems.length === 0 ? 'pass' : 'fail';
  return outcome;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`;
}

function table(outcomes: SuiteOutcome[]): string {
  const header = ['library', 'version', 'source', 'runner', 'tests', 'passed w/o', 'passed with', 'identical', 'runs', 'time w/o', 'time with', 'verdict'];
  const rows = outcomes.map((o) => [
    o.package,
    o.version,
    o.source,
    o.runner,
    String(o.tests),
    o.withoutAgent ? String(o.withoutAgent.passed) : '-',
    o.withAgent ? String(o.withAgent.passed) : '-',
    o.withAgent ? (o.differences.length === 0 ? 'yes' : `no (${o.differences.length})`) : '-',
    o.withAgent ? `${o.runsCreated}${o.withAgent.runs.RUNNING ? ` (${o.withAgent.runs.RUNNING} running)` : ''}` : '-',
    seconds(o.withoutAgent?.ms),
    seconds(o.withAgent?.ms),
    o.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { subset: { type: 'boolean', default: false }, json: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const unknown = positionals.filter((p) => !UPSTREAM_SUITES.some((s) => s.package === p));
  if (unknown.length > 0) throw new Error(`no upstream suite for ${unknown.join(', ')}; there are: ${UPSTREAM_SUITES.map((s) => s.package).join(', ')}`);
  const suites = UPSTREAM_SUITES.filter((s) => (positionals.length > 0 ? positionals.includes(s.package) : !values.subset || s.subset));
  const workRoot = mkdtempSync(join(tmpdir(), 'mlflow-autolog-upstream-'));
  const started = Date.now();
  const outcomes: SuiteOutcome[] = [];
  try {
    for (const suite of suites) {
      process.stderr.write(`${suite.package} ${suite.version} (${suite.runner})…\n`);
      const outcome = await runSuite(suite, workRoot);
      outcomes.push(outcome);
      for (const problem of [...outcome.problems, ...outcome.differences.slice(0, 20)]) process.stderr.write(`  ${problem}\n`);
    }
  } finally {
    if (!values.keep) rmSync(workRoot, { recursive: true, force: true });
  }
  process.stdout.write(`\n${table(outcomes)}\n\n${outcomes.filter((o) => o.verdict === 'pass').length} of ${outcomes.length} suites pass in ${seconds(Date.now() - started)}; runners' output in test-output/upstream/\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify(outcomes, null, 2));
  return outcomes.every((o) => o.verdict === 'pass') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
