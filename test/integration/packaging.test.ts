/**
 * The package as its users get it: CommonJS and ESM consumers share one copy of state, the
 * public entry points resolve through `exports`, and the `mlflow-autolog` command works.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/python';
import { PACKAGE_VERSION } from '../../src/version';

const exec = promisify(execFile);

async function node(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the published package', () => {
  test('an ES module and a CommonJS require of mlflow-autolog share the active run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dual-'));
    // NB: inside the package folder, so that `mlflow-autolog` resolves to this package by name.
    const script = join(REPO_ROOT, 'test-output', `dual-${process.pid}.mjs`);
    writeFileSync(
      script,
      `import * as esm from 'mlflow-autolog';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('mlflow-autolog');
const run = await esm.startRun({ runName: 'dual' });
const seen = cjs.activeRun()?.runId;
await cjs.endRun();
console.log(JSON.stringify({ same: seen === run.runId, endedForEsm: esm.activeRun() === undefined, fns: typeof esm.autolog + typeof esm.loadModel }));`,
    );
    try {
      const { code, stdout, stderr } = await node([script], { MLFLOW_TRACKING_URI: join(dir, 'mlruns') });
      assert.equal(code, 0, stderr);
      assert.deepEqual(JSON.parse(stdout), { same: true, endedForEsm: true, fns: 'functionfunction' });
    } finally {
      rmSync(script, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the library subpaths resolve for require and import', async () => {
    for (const entry of ['mlflow-autolog/tfjs', 'mlflow-autolog/custom-model']) {
      const cjs = await node(['-e', `const m = require('${entry}'); if (typeof m.loadJsFunction !== 'function') process.exit(5)`]);
      assert.equal(cjs.code, 0, `${entry} (require): ${cjs.stderr}`);
    }
    const esm = await node(['--input-type=module', '-e', "const m = await import('mlflow-autolog/tfjs'); if (typeof m.tfjsModel?.logModel !== 'function') process.exit(5)"]);
    assert.equal(esm.code, 0, esm.stderr);
  });

  test('the mlflow-autolog command prints its version and checks the configuration', async () => {
    const bin = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
    assert.equal((await node([bin, '--version'])).stdout.trim(), PACKAGE_VERSION);
    const good = await node([bin, 'config'], { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000' });
    assert.equal(good.code, 0);
    assert.equal((JSON.parse(good.stdout) as { trackingUri: string }).trackingUri, 'http://127.0.0.1:5000');
    const bad = await node([bin, 'config'], { MLFLOW_HTTP_REQUEST_MAX_RETRIES: 'lots' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /MLFLOW_HTTP_REQUEST_MAX_RETRIES="lots" is not valid/);
  });
});
