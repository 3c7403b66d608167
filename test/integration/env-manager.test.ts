/**
 * `--env-manager npm` for real: a model whose recorded package.json pins another ml-cart than the
 * project's is given an environment installed from the npm registry, and the mlflow-autolog
 * inside it loads the model with that version. No mocks: npm, the registry and the file system
 * are the real ones.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { mljsModel } from '../../instrumentations/mljs/flavor';
import { MlflowAutologError, ValidationError } from '../../src/errors';
import { prepareModelEnvironment } from '../../src/serving/env-manager';
import { currentKeyInputs, environmentKey, packageDigest } from '../../src/serving/env-spec';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../../src/version';
import { lastJson, runNode } from '../harness/node';
import { invoke, startModelsServe } from '../harness/scoring-server';
import { REPO_ROOT } from '../harness/python';

const LIBRARY = 'ml-cart';
// NB: 2.1.0 is the release before the project's 2.1.1; it installs in seconds (two small
// dependencies) and reads the same model JSON (see the note where the model is made).
const RECORDED_VERSION = '2.1.0';
const X = [[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [2, 3], [3, 2], [3, 3]];
const Y = [0, 0, 0, 1, 1, 1, 1, 1];

interface Tree {
  train(x: number[][], y: number[]): void;
  predict(x: number[][]): number[];
}

function installedVersion(dir: string, name: string): string {
  return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

// NB: everything this file makes is under one folder, removed at the end (an environment is
// some 70 MB).
const scratch = mkdtempSync(join(tmpdir(), 'env-manager-test-'));
const scratchDir = (label: string) => mkdtempSync(join(scratch, `${label}-`));

/** A fresh environments root. */
function newRoot(label: string): string {
  return scratchDir(`envs-${label}`);
}

/** A fresh environments root, set as MLFLOW_AUTOLOG_ENV_DIR for what follows. */
function freshRoot(label: string): string {
  const root = newRoot(label);
  process.env.MLFLOW_AUTOLOG_ENV_DIR = root;
  return root;
}

/** A copy of `modelDir` whose recorded dependencies are `dependencies`. */
function withDependencies(modelDir: string, dependencies: Record<string, unknown>): string {
  const copy = scratchDir('env-model');
  cpSync(modelDir, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { dependencies: Record<string, unknown> };
  manifest.dependencies = { 'mlflow-autolog': PACKAGE_VERSION, ...dependencies };
  writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
  return copy;
}

/** Runs `fn` with `dir` alone on the PATH, or first on it. */
async function withPath<T>(dir: string, mode: 'only' | 'first', fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = mode === 'only' ? dir : `${dir}${delimiter}${saved ?? ''}`;
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}

describe('a model environment (--env-manager npm)', () => {
  let modelDir: string;
  let projectPredictions: number[];

  after(() => {
    delete process.env.MLFLOW_AUTOLOG_ENV_DIR;
    rmSync(scratch, { recursive: true, force: true });
  });

  before(async () => {
    assert.notEqual(installedVersion(REPO_ROOT, LIBRARY), RECORDED_VERSION, `the project's ${LIBRARY} must differ from the recorded one for this test to mean anything`);
    const { DecisionTreeClassifier } = require(LIBRARY) as { DecisionTreeClassifier: new (options: object) => Tree };
    const tree = new DecisionTreeClassifier({ maxDepth: 3 });
    tree.train(X, Y);
    projectPredictions = tree.predict(X);
    modelDir = join(scratchDir('env-model'), 'model');
    await mljsModel.saveModel(tree as unknown as Parameters<typeof mljsModel.saveModel>[0], modelDir);
    // NB: a faithful stand-in for "trained with ml-cart 2.1.0": what ties a saved model to its
    // library version is only the pin in package.json (and the flavor's package_version); the
    // data file is `toJSON()` of the tree, whose format is the same in 2.1.0 and 2.1.1 (2.1.1 adds
    // a `numberSamples` count per node, which 2.1.0's `load` does not read). Editing both pins
    // gives the folder ml-cart 2.1.0 would have written, up to that unused count.
    const manifestPath = join(modelDir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
    assert.equal(manifest.dependencies[LIBRARY], installedVersion(REPO_ROOT, LIBRARY));
    manifest.dependencies[LIBRARY] = RECORDED_VERSION;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const mlmodel = readFileSync(join(modelDir, 'MLmodel'), 'utf8');
    writeFileSync(join(modelDir, 'MLmodel'), mlmodel.replace(/package_version: .*/, `package_version: ${RECORDED_VERSION}`));
  });

  let envDir: string;
  let cliPath: string;

  test("the recorded library version is installed, and the environment's mlflow-autolog loads the model with it", async () => {
    const root = freshRoot('cold');
    // NB: what a killed install of the same environment would have left: cleared, not reused.
    const key = environmentKey(currentKeyInputs({ [LIBRARY]: RECORDED_VERSION }, PACKAGE_VERSION, packageDigest(PACKAGE_ROOT)));
    mkdirSync(join(root, `.staging-${key}-1-killed`, 'node_modules'), { recursive: true });
    const lines: string[] = [];
    const started = Date.now();
    ({ envDir, cliPath } = await prepareModelEnvironment(modelDir, { onProgress: (line) => lines.push(line) }));
    process.stderr.write(`cold environment install: ${Date.now() - started} ms\n`);

    assert.equal(envDir, join(root, key));
    assert.equal(installedVersion(envDir, LIBRARY), RECORDED_VERSION);
    assert.equal(installedVersion(envDir, 'mlflow-autolog'), PACKAGE_VERSION);
    // NB: a real copy: a symbolic link would resolve every require back to the project.
    assert.ok(lstatSync(join(envDir, 'node_modules', 'mlflow-autolog')).isDirectory());
    assert.ok(realpathSync(cliPath).startsWith(realpathSync(envDir) + sep));
    assert.deepEqual(readdirSync(root), [envDir.split(sep).pop()], 'no staging folder or lock is left');
    assert.ok(lines.some((l) => l.startsWith('[3/4] Installing') && l.includes(`${LIBRARY}@${RECORDED_VERSION}`)), lines.join('\n'));

    const version = await runNode([cliPath, '--version'], {}, envDir);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), PACKAGE_VERSION);

    const script = join(scratchDir('env-script'), 'predict.js');
    writeFileSync(
      script,
      `const { createRequire } = require('node:module');
const { join } = require('node:path');
const [envDir, modelDir] = process.argv.slice(2);
(async () => {
  const agent = require(join(envDir, 'node_modules', 'mlflow-autolog'));
  const model = await agent.loadModel(modelDir);
  const predictions = await model.predict(${JSON.stringify(X)});
  const loader = createRequire(join(envDir, 'noop.js')).resolve('mlflow-autolog/mljs');
  const manifest = createRequire(loader).resolve('${LIBRARY}/package.json');
  const loaded = Object.keys(require.cache).filter((path) => path !== __filename);
  console.log(JSON.stringify({ predictions, loader, manifest, version: require(manifest).version, loaded }));
})().catch((error) => { console.error(error); process.exit(1); });
`,
    );
    // NB: run as the CLI is run, with the environment as the working directory.
    const run = await runNode([script, envDir, modelDir], {}, envDir);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /saved with other versions/);
    const result = lastJson<{ predictions: number[]; loader: string; manifest: string; version: string; loaded: string[] }>(run.stdout);
    assert.deepEqual(result.predictions, projectPredictions);
    assert.equal(result.version, RECORDED_VERSION);
    const realEnv = realpathSync(envDir) + sep;
    assert.ok(result.loader.startsWith(realEnv), result.loader);
    assert.ok(result.manifest.startsWith(realEnv), result.manifest);
    assert.ok(result.loaded.some((path) => path.includes(`${sep}${LIBRARY}${sep}`)), `${LIBRARY} was loaded`);
    const outside = result.loaded.filter((path) => !path.startsWith(realEnv));
    assert.deepEqual(outside, [], 'every module was loaded from inside the environment');
  });

  test('a second call reuses the folder without running npm', async () => {
    const marker = join(envDir, 'mlflow-autolog-env.json');
    const before = [statSync(marker).mtimeMs, statSync(join(envDir, 'package-lock.json')).mtimeMs, statSync(join(envDir, 'node_modules')).mtimeMs];
    // NB: a tripwire npm first on the PATH: any npm run would leave its file and fail the call.
    const bin = scratchDir('tripwire-npm');
    const tripped = join(bin, 'npm-ran');
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$@" > '${tripped}'\nexit 1\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const lines: string[] = [];
    const again = await withPath(bin, 'first', () => prepareModelEnvironment(modelDir, { onProgress: (line) => lines.push(line) }));
    assert.deepEqual(again, { envDir, cliPath });
    assert.equal(existsSync(tripped), false, 'npm did not run');
    assert.deepEqual([statSync(marker).mtimeMs, statSync(join(envDir, 'package-lock.json')).mtimeMs, statSync(join(envDir, 'node_modules')).mtimeMs], before);
    assert.deepEqual(lines, [`Reusing the environment ${envDir}`]);
  });

  test('models serve --env-manager npm serves the model from its environment: the process answering is the environment\'s mlflow-autolog, started in it', async () => {
    const served = await startModelsServe(modelDir, ['--env-manager', 'npm'], { MLFLOW_AUTOLOG_ENV_DIR: join(envDir, '..') });
    try {
      assert.match(served.stderr(), /Reusing the environment/);
      const answer = await invoke(served.url, { inputs: X });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual((answer.json as { predictions: number[] }).predictions, projectPredictions);
      // NB: the child the command started is the environment's CLI, in the environment's folder
      // (where the test above showed the recorded ml-cart is what it resolves).
      const children = readFileSync(`/proc/${served.child.pid}/task/${served.child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      const inEnv = children.filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(cliPath));
      assert.equal(inEnv.length, 1, `one child runs ${cliPath}`);
      assert.equal(realpathSync(`/proc/${inEnv[0]}/cwd`), realpathSync(envDir));
    } finally {
      const stopped = await served.stop('SIGTERM');
      assert.equal(stopped.code, 0, 'SIGTERM is passed to the environment\'s server, which ends cleanly');
    }
  });

  test('a recorded dependency that is not a registry package is refused, naming the field, before anything is written', async () => {
    const root = freshRoot('refused');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ [LIBRARY]: 'file:../../etc' }, /dependencies\["ml-cart"\] is "file:\.\.\/\.\.\/etc": it is a file: specifier/],
      [{ [LIBRARY]: 'link:/tmp' }, /dependencies\["ml-cart"\] .*link: specifier/],
      [{ [LIBRARY]: 'git+https://github.com/mljs/decision-tree-cart.git' }, /dependencies\["ml-cart"\] .*git\+https: specifier/],
      [{ [LIBRARY]: 'mljs/decision-tree-cart' }, /dependencies\["ml-cart"\] .*a path or a git shorthand/],
      [{ [LIBRARY]: '../ml-cart' }, /dependencies\["ml-cart"\] .*a path/],
      [{ [LIBRARY]: 'npm:../evil@1.0.0' }, /dependencies\["ml-cart"\] .*aliased package name/],
      [{ '../evil': '1.0.0' }, /dependencies\["\.\.\/evil"\] has a name that cannot be installed/],
      [{ [LIBRARY]: 2 }, /dependencies\["ml-cart"\] is 2, not a version string/],
    ];
    for (const [dependencies, message] of cases) {
      await assert.rejects(prepareModelEnvironment(withDependencies(modelDir, dependencies)), (error: unknown) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.match(error.message, message);
        assert.match(error.message, /Refusing the model's package\.json/);
        return true;
      });
    }
    assert.deepEqual(readdirSync(root), []);
  });

  test('two processes preparing the same environment at once install it once', async () => {
    const root = newRoot('concurrent');
    const script = join(scratchDir('env-concurrent'), 'prepare.ts');
    // NB: each waits for "go" on stdin after saying "ready", so that both start together.
    writeFileSync(
      script,
      `import { prepareModelEnvironment } from ${JSON.stringify(join(REPO_ROOT, 'src', 'serving', 'env-manager'))};
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const lines: string[] = [];
  const result = await prepareModelEnvironment(process.argv[2]!, { onProgress: (line) => lines.push(line) });
  console.log(JSON.stringify({ ...result, lines }));
  process.stdin.destroy();
});
`,
    );
    const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', script, modelDir], { cwd: REPO_ROOT, env: { ...process.env, MLFLOW_AUTOLOG_ENV_DIR: root }, stdio: ['pipe', 'pipe', 'pipe'] }));
    const outputs = children.map((child) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const ready = new Promise<void>((resolve) => {
        const check = (): void => {
          if (!stdout.includes('ready\n')) return;
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
      });
      const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
      return { ready, done };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin.write('go\n');
    const results = await Promise.all(outputs.map((o) => o.done));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const [a, b] = results.map((r) => lastJson<{ envDir: string; cliPath: string; lines: string[] }>(r.stdout));
    assert.equal(a!.envDir, b!.envDir);
    assert.equal(a!.envDir, join(root, envDir.split(sep).pop()!), 'the same key as the in-process call');
    const installers = [a!, b!].filter((r) => r.lines.some((l) => l.startsWith('[3/4] Installing')));
    assert.equal(installers.length, 1, JSON.stringify([a!.lines, b!.lines], null, 1));
    const other = installers[0] === a ? b! : a!;
    assert.ok(other.lines.some((l) => /installed by another process/.test(l)), other.lines.join('\n'));
    assert.deepEqual(readdirSync(root), [envDir.split(sep).pop()], 'one environment, no staging folder or lock left');
    assert.equal(installedVersion(a!.envDir, LIBRARY), RECORDED_VERSION);
  });

  test('a version the registry does not have fails naming the environment and the package, and leaves nothing behind', async () => {
    const root = freshRoot('failed');
    const missing = withDependencies(modelDir, { [LIBRARY]: '999.999.999' });
    await assert.rejects(prepareModelEnvironment(missing), (error: unknown) => {
      assert.ok(error instanceof MlflowAutologError, String(error));
      assert.match(error.message, new RegExp(`npm install failed for the model environment ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[/\\\\][0-9a-f]{32} at the package ml-cart@999\\.999\\.999`));
      assert.match(error.message, /npm said:\n.*ETARGET|No matching version/s);
      return true;
    });
    assert.deepEqual(readdirSync(root), [], 'no environment, staging folder or lock is left');
  });

  test('a model without a recorded package.json, and a PATH without npm, are clear errors that leave nothing behind', async () => {
    const root = freshRoot('errors');
    const bare = withDependencies(modelDir, {});
    rmSync(join(bare, 'package.json'));
    await assert.rejects(prepareModelEnvironment(bare), /has no recorded package\.json.*--env-manager local/s);

    const noNpm = scratchDir('no-npm');
    mkdirSync(join(noNpm, 'bin'));
    // NB: a dependency set of its own, so that no environment exists to be reused.
    const model = withDependencies(modelDir, { [LIBRARY]: RECORDED_VERSION, 'ml-array-mean': '1.1.6' });
    await assert.rejects(
      withPath(join(noNpm, 'bin'), 'only', () => prepareModelEnvironment(model)),
      (error: unknown) => error instanceof MlflowAutologError && /npm was not found on the PATH/.test(error.message),
    );
    assert.deepEqual(readdirSync(root), []);
  });
});
