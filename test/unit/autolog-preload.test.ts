/**
 * The preload does nothing until it has to: before a supported library loads it costs the hook
 * and a look at MLFLOW_AUTOLOG_DISABLE; the first library it watches brings in that library's
 * instrumentation and the configuration from the environment, and a training call the rest.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { relative, sep } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_INSTRUMENTATIONS } from '../../src/autolog/builtin';
import { manifestsOf } from '../../src/autolog/engine';
import { REPO_ROOT } from '../harness/python';

/** What no process may load before a training call: the libraries behind validation, versions, tracing and HTTP, and the tracking code. */
const NEVER_BEFORE_TRAINING = /[\\/]node_modules[\\/](zod|semver|@opentelemetry|axios|require-in-the-middle|debug)[\\/]|src[\\/](tracking|rest|store|journal|models)[\\/]|autolog[\\/](session|options|tracing|jest-runtime|settle|datasets)\.ts/;

/** The agent's files a preload loads for an empty script: a change here is a change to every node process NODE_OPTIONS reaches. */
const PRELOAD_FILES = [
  'src/autolog/builtin.ts',
  'src/autolog/engine.ts',
  'src/autolog/env-options.ts',
  'src/autolog/hooks.ts',
  'src/autolog/preload.ts',
  'src/autolog/require-hook.ts',
  'src/autolog/state.ts',
  'src/errors.ts',
  'src/util/logger.ts',
];

interface Probe {
  /** The files loaded when the script's first line ran, and at its end. */
  before: string[];
  after: string[];
  hook?: string[];
  patched?: boolean;
  thrown?: string;
}

/**
 * Runs `node [--import mlflow-autolog/register] -e` with the preload, then `body` (which may set
 * `probe.patched` or `probe.thrown`), and reports what was loaded.
 */
function probe(entry: 'require' | 'import', body: string, env: Record<string, string> = {}): Probe & { stderr: string } {
  const script = [
    ...(entry === 'require' ? ["require('./src/register');"] : []),
    "const probe = { before: Object.keys(require.cache) };",
    "process.stderr.write('script starts\\n');",
    body,
    'probe.after = Object.keys(require.cache);',
    "probe.hook = require('./src/autolog/state').autologState.requireHook?.modules;",
    'console.log(JSON.stringify(probe));',
  ].join('\n');
  const args = ['--import', 'tsx', ...(entry === 'import' ? ['--import', './src/register.mts'] : []), '-e', script];
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MLFLOW_AUTOLOG_') && key !== 'NODE_OPTIONS'));
  const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...base, ...env } });
  assert.equal(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as Probe;
  // NB: the agent's own files relative to the repository, as / paths.
  const name = (f: string) => (f.includes(`${sep}node_modules${sep}`) ? f : relative(REPO_ROOT, f).split(sep).join('/'));
  return { ...report, before: report.before.map(name), after: report.after.map(name), stderr: child.stderr };
}

function agentFiles(files: string[]): string[] {
  return files.filter((f) => !f.includes(`${sep}node_modules${sep}`)).sort();
}

const IS_PATCHED = "probe.patched = require('./src/autolog/shimmer').isWrapped(brain.NeuralNetwork.prototype.train);";

test('the --require entry loads the hook and nothing else: no zod, semver, OpenTelemetry, axios or instrumentation file', () => {
  const report = probe('require', '');
  assert.deepEqual(agentFiles(report.before), [...PRELOAD_FILES, 'src/register.ts'].sort());
  assert.deepEqual(report.before.filter((f) => NEVER_BEFORE_TRAINING.test(f) || /instrumentations[\\/]/.test(f)), []);
  // NB: one shared hook for every module of every built-in instrumentation (ml.js has several),
  // and for jest's module loader (its hook loads only when jest does).
  const modules = [...new Set(BUILTIN_INSTRUMENTATIONS.flatMap((i) => manifestsOf(i).map((m) => m.module)))].sort();
  assert.ok(modules.includes('@tensorflow/tfjs-layers') && modules.includes('ml-kmeans'));
  assert.deepEqual(report.hook, [...modules, 'jest-runtime'].sort());
});

test('the --import entry loads the same, and import-in-the-middle for its loader', () => {
  const report = probe('import', '');
  assert.deepEqual(agentFiles(report.before), PRELOAD_FILES);
  const packages = new Set(report.before.filter((f) => !f.includes(`${sep}tsx${sep}`) && !f.includes(`${sep}esbuild${sep}`)).flatMap((f) => /[\\/]node_modules[\\/]([^\\/]+)[\\/]/.exec(f)?.[1] ?? []));
  assert.deepEqual([...packages].sort(), ['import-in-the-middle', 'module-details-from-path']);
});

test("the first supported library loads its own instrumentation only, patched, and nothing a training call needs", () => {
  const report = probe('require', `const brain = require('brain.js');\n${IS_PATCHED}`);
  assert.equal(report.patched, true);
  const loaded = report.after.filter((f) => !report.before.includes(f));
  assert.deepEqual(loaded.filter((f) => NEVER_BEFORE_TRAINING.test(f)), []);
  assert.deepEqual(loaded.filter((f) => f.startsWith('instrumentations/')).sort(), [
    'instrumentations/brainjs/instrumentation.ts',
    'instrumentations/brainjs/internal-types.ts',
    'instrumentations/brainjs/versions.ts',
  ]);
});

test('MLFLOW_AUTOLOG_DISABLE=true installs no hook, and the library loads unpatched', () => {
  const report = probe('require', `const brain = require('brain.js');\n${IS_PATCHED}`, { MLFLOW_AUTOLOG_DISABLE: 'true' });
  assert.equal(report.hook, undefined);
  assert.equal(report.patched, false);
  assert.deepEqual(report.after.filter((f) => /instrumentations[\\/]/.test(f)), []);
});

test('a wrong variable is one warning when the first supported library loads, and that library stays unpatched', () => {
  const body = `const brain = require('brain.js');\nrequire('ml-cart');\n${IS_PATCHED}`;
  const report = probe('require', body, { MLFLOW_AUTOLOG_LOG_MODELS: 'yes' });
  const lines = report.stderr.split('\n').filter((l) => l.startsWith('mlflow-autolog:') || l === 'script starts');
  assert.deepEqual(lines, ['script starts', 'mlflow-autolog: autologging is off: MLFLOW_AUTOLOG_LOG_MODELS="yes" is not valid: true, false, 1 or 0.']);
  assert.equal(report.patched, false);
});

test('in testing mode a wrong variable is thrown by the require of the first supported library', () => {
  const body = "try { require('brain.js'); } catch (error) { probe.thrown = error.name + ': ' + error.message; }";
  const report = probe('require', body, { MLFLOW_AUTOLOG_LOG_MODELS: 'yes', MLFLOW_AUTOLOG_TESTING: 'true' });
  assert.equal(report.thrown, 'ConfigError: MLFLOW_AUTOLOG_LOG_MODELS="yes" is not valid: true, false, 1 or 0.');
});
