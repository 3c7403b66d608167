/**
 * The conformance suite's brain.js part, run once more against brain.js 2.0.0-beta.24: a child
 * node test runner over test/conformance/conformance.test.ts with the brainjs driver pointed at
 * the copy scripts/install-brainjs-2.sh installs (MLFLOW_TEST_BRAINJS_DIR); the brainjs suite's
 * results are read from its TAP output. The default run of the suite covers 1.6.1.
 * NB: the whole file runs: Node 20's --test-name-pattern does not select a describe() block's
 * tests by the block's name.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { brainjsInstrumentation } from '../../instrumentations/brainjs/instrumentation';
import { CORE_FAULT_POINTS } from '../../src/autolog/fault-injection';
import { checkVersion } from '../../src/autolog/versions';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT } from '../harness/python';

const BRAINJS_2 = join(REPO_ROOT, 'test', 'fixtures', 'brainjs-2');

before(async () => {
  // NB: the child reuses this run's server (MLFLOW_TEST_SERVER_URL), started here if need be.
  await testServer();
});

test('brain.js 2.0.0-beta.24 is installed beside 1.6.1 and is a tested version', () => {
  const { version } = JSON.parse(readFileSync(join(BRAINJS_2, 'node_modules', 'brain.js', 'package.json'), 'utf8')) as { version: string };
  assert.equal(version, '2.0.0-beta.24');
  assert.equal(checkVersion(brainjsInstrumentation.versions, version), 'tested');
});

function withoutTestContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _context, ...rest } = env;
  return rest;
}

/** The result lines (`ok` / `not ok`) of the tests directly inside the suite called `suite`. */
function suiteResults(tap: string, suite: string): string[] {
  const lines = tap.split('\n');
  const start = lines.indexOf(`# Subtest: ${suite}`);
  assert.ok(start >= 0, `the TAP output has the ${suite} suite`);
  const results: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^(not )?ok \d+ - /.test(line)) break;
    if (/^ {4}(not )?ok \d+ - /.test(line)) results.push(line.trim());
  }
  return results;
}

test('every brainjs conformance test passes against brain.js 2.0.0-beta.24', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', 'test/conformance/conformance.test.ts'], {
    cwd: REPO_ROOT,
    // NB: without the runner's NODE_TEST_CONTEXT, which would make the child report to us in the
    // runner's own protocol instead of TAP.
    env: { ...withoutTestContext(process.env), MLFLOW_TEST_BRAINJS_DIR: BRAINJS_2 },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tap = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (tap += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  const results = suiteResults(tap, 'brainjs conformance');
  const failed = results.filter((r) => !r.startsWith('ok ') || / # (SKIP|TODO)/.test(r));
  assert.deepEqual(failed, [], `${tap}\n${stderr}`);
  // NB: one test per fault point among them: the suite ran whole.
  const faultTests = results.filter((r) => /an agent error forced at /.test(r));
  assert.equal(faultTests.length, CORE_FAULT_POINTS.length + brainjsInstrumentation.faultPoints.length, results.join('\n'));
  assert.ok(results.length > faultTests.length + 8, results.join('\n'));
});
