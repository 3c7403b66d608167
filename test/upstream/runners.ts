/**
 * How scripts/test-upstream.ts runs a suite with its own test runner (the runners installed in
 * test/upstream/node_modules, jest and vitest from the repository's), and reads the runner's JSON
 * report back as one result per test. A test's id is `file > full name`, the file relative to the
 * suite's folder.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { RunnerName, UpstreamSuite } from './suites';

export const UPSTREAM_DIR = __dirname;
export const REPO_ROOT = join(__dirname, '..', '..');

export type TestStatus = 'passed' | 'failed' | 'skipped';

/** A suite's vendored files, laid out as upstream: test/upstream/<package>/vendor. */
export function suiteDir(suite: UpstreamSuite): string {
  return join(UPSTREAM_DIR, suite.package, 'vendor');
}

/** What the agent's run adds to a runner's process: preload flags and, for jest and vitest, a setup file. */
export interface AgentPreload {
  /** NODE_OPTIONS entries: `--require …/register.js` or `--import …/register.mjs`. */
  nodeOptions: string[];
  /** jest and vitest: the `mlflow-autolog/jest` or `mlflow-autolog/vitest` setup file (`setupFiles`). */
  setupFile?: string;
}

/** One run of one suite. */
export interface RunContext {
  suite: UpstreamSuite;
  /** The suite's vendored files, test/upstream/<package>/vendor. */
  suiteDir: string;
  /** A fresh folder of this run: its working directory, configs, report and local store. */
  workDir: string;
  /** Where the runner writes its JSON report. */
  resultsFile: string;
  agent?: AgentPreload;
}

/** The command that runs a suite: node's arguments, NODE_OPTIONS entries and added variables. */
export interface RunnerCommand {
  args: string[];
  nodeOptions: string[];
  env: Record<string, string>;
}

/** A test's result: its status, and the first line of its failure. */
export interface TestResult {
  status: TestStatus;
  message?: string;
}

export interface Runner {
  command(ctx: RunContext): RunnerCommand;
  /** The report as test id → result; throws when the runner wrote none. */
  results(ctx: RunContext): Map<string, TestResult>;
}

function upstreamModule(request: string): string {
  return require.resolve(request, { paths: [UPSTREAM_DIR] });
}

function rootModule(request: string): string {
  return require.resolve(request, { paths: [REPO_ROOT] });
}

/** A package's command-line script (its package.json `bin`), installed under `base`. */
function binOf(base: string, name: string): string {
  const dir = join(base, 'node_modules', name);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  return join(dir, typeof bin === 'string' ? bin : bin[name]!);
}

/** The preload that seeds Math.random, for a suite that asks for it (the same in both runs). */
function seededRandom(suite: UpstreamSuite): string[] {
  return suite.seedRandom ? ['--require', join(UPSTREAM_DIR, 'runners', 'seeded-random.cjs')] : [];
}

/**
 * The suite's `files` patterns as absolute paths, sorted. A pattern is a folder and a file name
 * in which `*` stands for any characters, all these suites need.
 */
export function expandFiles(suiteDir: string, patterns: readonly string[]): string[] {
  return patterns
    .flatMap((pattern) => {
      const dir = join(suiteDir, dirname(pattern));
      const name = new RegExp(`^${pattern.slice(pattern.lastIndexOf('/') + 1).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      return readdirSync(dir).filter((f) => name.test(f)).map((f) => join(dir, f));
    })
    .sort();
}

function testId(ctx: RunContext, file: string | undefined, name: string): string {
  const path = file ? relative(ctx.suiteDir, file).split(sep).join('/') : '(no file)';
  return `${path} > ${name}`;
}

/** Adds a result, numbering repeated names so that none overwrites another. */
function add(map: Map<string, TestResult>, id: string, status: TestStatus, message?: unknown): void {
  let key = id;
  for (let n = 2; map.has(key); n += 1) key = `${id} (#${n})`;
  const line = typeof message === 'string' ? message.trim().split('\n')[0]!.slice(0, 300) : undefined;
  map.set(key, status === 'failed' && line ? { status, message: line } : { status });
}

function readReport<T>(ctx: RunContext): T {
  if (!existsSync(ctx.resultsFile)) throw new Error(`${ctx.suite.runner} wrote no report (${ctx.resultsFile})`);
  return JSON.parse(readFileSync(ctx.resultsFile, 'utf8')) as T;
}

interface MochaTest {
  fullTitle: string;
  file?: string;
  err?: { message?: string };
}

const mocha: Runner = {
  command(ctx) {
    return {
      args: [
        binOf(UPSTREAM_DIR, 'mocha'),
        '--reporter', 'json', '--reporter-option', `output=${ctx.resultsFile}`,
        ...(ctx.suite.requires ?? []).flatMap((m) => ['--require', upstreamModule(m)]),
        ...expandFiles(ctx.suiteDir, ctx.suite.files ?? []),
      ],
      nodeOptions: [...(ctx.suite.transpile ? ['--require', rootModule('tsx/cjs')] : []), ...seededRandom(ctx.suite)],
      env: {},
    };
  },
  results(ctx) {
    const report = readReport<{ passes: MochaTest[]; failures: MochaTest[]; pending: MochaTest[] }>(ctx);
    const map = new Map<string, TestResult>();
    for (const t of report.passes) add(map, testId(ctx, t.file, t.fullTitle), 'passed');
    // NB: a failing hook is reported among the failures under its own title ("before all" hook…).
    for (const t of report.failures) add(map, testId(ctx, t.file, t.fullTitle), 'failed', t.err?.message);
    for (const t of report.pending) add(map, testId(ctx, t.file, t.fullTitle), 'skipped');
    return map;
  },
};

interface JasmineReport {
  specs: { file?: string; name: string; status: string; message?: string }[];
  errors: string[];
}

const jasmine: Runner = {
  command(ctx) {
    // NB: jsLoader require: specs load through require(), so the packages they import go
    // through Module.prototype.require as a CommonJS user's do (upstream ran tsc's CommonJS output).
    // NB: in order and with repeated suite names allowed, as natural's own spec/support/jasmine.json.
    const config = join(ctx.workDir, 'jasmine.json');
    writeFileSync(config, JSON.stringify({ jsLoader: 'require', env: { random: false, forbidDuplicateNames: false } }));
    return {
      args: [
        binOf(UPSTREAM_DIR, 'jasmine'),
        `--config=${config}`,
        `--reporter=${join(UPSTREAM_DIR, 'runners', 'jasmine-reporter.cjs')}`,
        ...expandFiles(ctx.suiteDir, ctx.suite.helpers ?? []).map((f) => `--helper=${f}`),
        ...expandFiles(ctx.suiteDir, ctx.suite.files ?? []),
      ],
      nodeOptions: ctx.suite.transpile ? ['--require', rootModule('tsx/cjs')] : [],
      env: { UPSTREAM_RESULTS: ctx.resultsFile, ...(ctx.suite.runnerOnNodePath ? { NODE_PATH: join(UPSTREAM_DIR, 'node_modules') } : {}) },
    };
  },
  results(ctx) {
    const report = readReport<JasmineReport>(ctx);
    const map = new Map<string, TestResult>();
    for (const s of report.specs) add(map, testId(ctx, s.file, s.name), s.status === 'passed' ? 'passed' : s.status === 'failed' ? 'failed' : 'skipped', s.message);
    for (const e of report.errors) add(map, testId(ctx, undefined, '(an error outside the specs)'), 'failed', e);
    return map;
  },
};

/** jest's and vitest's `--json` report (vitest writes jest's shape). */
interface JestReport {
  testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

function jestLikeResults(ctx: RunContext): Map<string, TestResult> {
  const report = readReport<JestReport>(ctx);
  const map = new Map<string, TestResult>();
  for (const file of report.testResults) {
    // NB: a file that fails to load has no tests, only its own failed status.
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      add(map, testId(ctx, file.name, '(the file failed to run)'), 'failed', file.message?.replace(/^\s*●.*\n+/, ''));
    }
    for (const t of file.assertionResults) {
      add(map, testId(ctx, file.name, t.fullName), t.status === 'passed' ? 'passed' : t.status === 'failed' ? 'failed' : 'skipped', t.failureMessages?.[0]);
    }
  }
  return map;
}

const jest: Runner = {
  command(ctx) {
    const config = join(ctx.workDir, 'jest.config.json');
    const ignored = (ctx.suite.transformPackages ?? []).map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    writeFileSync(
      config,
      JSON.stringify({
        rootDir: ctx.suiteDir,
        testEnvironment: 'node',
        transform: { '\\.[cm]?[jt]s$': join(UPSTREAM_DIR, 'runners', 'jest-transform.cjs') },
        // NB: node_modules stays untransformed, as upstream, except the folders the suite names
        // (at any depth): published source in ES module syntax that tests import by path, and
        // ES-module-only dependencies that jest cannot require before Node.js 24.9.
        transformIgnorePatterns: [ignored.length > 0 ? `^(?!.*/node_modules/(?:${ignored.join('|')})/).*/node_modules/` : '/node_modules/'],
        cacheDirectory: join(dirname(ctx.workDir), 'jest-cache'),
        setupFiles: ctx.agent?.setupFile ? [ctx.agent.setupFile] : [],
      }),
    );
    return {
      args: [binOf(REPO_ROOT, 'jest'), '--config', config, '--ci', '--json', `--outputFile=${ctx.resultsFile}`],
      nodeOptions: [],
      env: {},
    };
  },
  results: jestLikeResults,
};

const vitest: Runner = {
  command(ctx) {
    const config = join(ctx.workDir, 'vitest.config.mjs');
    const test = ctx.agent?.setupFile ? { setupFiles: [ctx.agent.setupFile] } : {};
    writeFileSync(config, `export default ${JSON.stringify({ root: ctx.suiteDir, cacheDir: join(ctx.workDir, 'vite-cache'), test })};\n`);
    return {
      args: [binOf(REPO_ROOT, 'vitest'), 'run', '--config', config, '--reporter=json', `--outputFile=${ctx.resultsFile}`],
      nodeOptions: [],
      env: {},
    };
  },
  results: jestLikeResults,
};

export const RUNNERS: Record<RunnerName, Runner> = { jest, vitest, mocha, jasmine };
