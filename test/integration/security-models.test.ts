/**
 * A model stays inside its folder and runs code only when allowed; artifact paths are checked
 * both ways. Each test is one case that was seen to go wrong: a model's loader pointing anywhere
 * (into the model cache too, through the real server), a custom model without its `code` key,
 * `data`/weights/`env` paths and symlinks out of the folder, an upload over another run, and a
 * server listing `../` paths.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { brainjsModel } from '../../instrumentations/brainjs/flavor';
import { tfjsModel } from '../../instrumentations/tfjs/flavor';
import { HttpArtifactRepository } from '../../src/artifacts/http-artifact-repo';
import { loadConfig } from '../../src/config/config';
import { ValidationError } from '../../src/errors';
import { MlflowClient } from '../../src/index';
import { customModel } from '../../src/models/custom-model';
import { loadInputExample } from '../../src/models/input-example';
import { loadModel } from '../../src/models/model-api';
import { HttpClient } from '../../src/rest/http';
import { configure } from '../../src/tracking/fluent';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT } from '../harness/python';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A script that, if it ever runs, leaves `marker` behind (and exports a working loader). */
function evilModule(marker: string): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nexports.loadJsFunction = () => ({ predict: () => 'pwned' });\n`;
}

/** A real brain.js model folder, saved by the flavor. */
async function brainModel(): Promise<string> {
  const brain = require('brain.js') as typeof import('brain.js');
  const net = new brain.NeuralNetwork({ hiddenLayers: [2] });
  net.train([{ input: [0, 1], output: [1] }, { input: [1, 0], output: [0] }], { iterations: 5 });
  const dir = join(temp('sec-model-'), 'model');
  await brainjsModel.saveModel(net as never, dir);
  return dir;
}

function editMLmodel(dir: string, edit: (spec: { flavors: Record<string, Record<string, unknown>> }) => void): void {
  const file = join(dir, 'MLmodel');
  const spec = YAML.parse(readFileSync(file, 'utf8')) as { flavors: Record<string, Record<string, unknown>> };
  edit(spec);
  writeFileSync(file, YAML.stringify(spec));
}

async function refused(promise: Promise<unknown>, pattern: RegExp): Promise<Error> {
  let caught: unknown;
  await promise.then(
    () => assert.fail('expected the load to be refused'),
    (error: unknown) => (caught = error),
  );
  assert.ok(caught instanceof Error);
  assert.match(caught.message, pattern);
  return caught;
}

describe('the code gate: a model runs code only with allowCode', () => {
  for (const kind of ['absolute', 'relative', 'inside the model'] as const) {
    test(`a loader_module given as a path (${kind}) is refused and never runs; allowCode runs only one inside the model`, async () => {
      const dir = await brainModel();
      const marker = join(temp('sec-marker-'), 'ran');
      const outside = join(temp('sec-evil-'), 'evil.js');
      writeFileSync(outside, evilModule(marker));
      mkdirSync(join(dir, 'code'));
      writeFileSync(join(dir, 'code', 'evil.js'), evilModule(marker));
      const loader = kind === 'absolute' ? outside : kind === 'relative' ? `../../${outside.split('/').slice(-2).join('/')}` : './code/evil.js';
      editMLmodel(dir, (spec) => (spec.flavors.js_function!.loader_module = loader));
      await refused(loadModel(dir), /loader_module as a path/);
      assert.equal(existsSync(marker), false, 'the loader did not run');
      if (kind === 'inside the model') {
        const model = await loadModel(dir, { allowCode: true });
        assert.equal(await model.predict([[0, 1]]), 'pwned');
        assert.equal(existsSync(marker), true, 'allowCode lets the model run its own code');
      } else {
        await refused(loadModel(dir, { allowCode: true }), /leaves|outside|'\.\.' component|absolute/);
        assert.equal(existsSync(marker), false, 'even allowCode runs no code from outside the model');
      }
    });
  }

  test('a package name that resolves into the model folder (its own node_modules) is refused', async () => {
    const dir = await brainModel();
    const marker = join(temp('sec-marker-'), 'ran');
    mkdirSync(join(dir, 'node_modules', 'evil-loader'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'evil-loader', 'index.js'), evilModule(marker));
    editMLmodel(dir, (spec) => (spec.flavors.js_function!.loader_module = 'evil-loader'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await refused(loadModel(dir), /resolves to .* inside/);
    } finally {
      process.chdir(cwd);
    }
    assert.equal(existsSync(marker), false);
  });

  for (const removed of ['code', 'code and model_code'] as const) {
    test(`a custom model without its ${removed} key still needs allowCode: the gate goes by what would run`, async () => {
      const marker = join(temp('sec-marker-'), 'ran');
      const moduleFile = join(temp('sec-custom-'), 'model.js');
      writeFileSync(moduleFile, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nclass M { predict() { return 1; } }\nmodule.exports = { M };\n`);
      const { M } = require(moduleFile) as { M: new () => { predict(): number } };
      const { rmSync } = require('node:fs') as typeof import('node:fs');
      rmSync(marker);
      const dir = join(temp('sec-custom-'), 'model');
      await customModel.saveModel(new M(), dir, { code: moduleFile });
      editMLmodel(dir, (spec) => {
        delete spec.flavors.js_function!.code;
        if (removed === 'code and model_code') delete spec.flavors.js_function!.model_code;
      });
      await refused(loadModel(dir), /allowCode/);
      await refused(customModel.loadModel(dir), /allowCode/);
      assert.equal(existsSync(marker), false, "the model's code did not run");
    });
  }
});

describe('a model stays inside its folder', () => {
  test("a flavor's data path out of the folder is refused, and the error shows nothing of the file", async () => {
    const dir = await brainModel();
    const secret = join(temp('sec-secret-'), 'secret.json');
    writeFileSync(secret, 'TOPSECRET-CONTENTS not json');
    editMLmodel(dir, (spec) => (spec.flavors.brainjs!.data = `../../${secret.split('/').slice(-2).join('/')}`));
    const error = await refused(brainjsModel.loadModel(dir), /Refusing .*flavors\.brainjs\.data/);
    assert.doesNotMatch(error.message, /TOPSECRET/);
    editMLmodel(dir, (spec) => (spec.flavors.brainjs!.data = '/etc/passwd'));
    assert.doesNotMatch((await refused(brainjsModel.loadModel(dir), /absolute/)).message, /root:/);
  });

  test('a symbolic link out of the folder is refused', async () => {
    const dir = await brainModel();
    const outside = join(temp('sec-outside-'), 'net.json');
    writeFileSync(outside, readFileSync(join(dir, 'model.json')));
    symlinkSync(outside, join(dir, 'linked.json'));
    editMLmodel(dir, (spec) => (spec.flavors.brainjs!.data = 'linked.json'));
    await refused(brainjsModel.loadModel(dir), /symbolic link/);
  });

  test("a data file that is not JSON is named, and its contents are not shown", async () => {
    const dir = await brainModel();
    writeFileSync(join(dir, 'model.json'), 'TOPSECRET: not json at all');
    const error = await refused(brainjsModel.loadModel(dir), /flavors\.brainjs\.data .*model\.json.* is not valid JSON/);
    assert.doesNotMatch(error.message, /TOPSECRET/);
  });

  test("an input example path out of the folder is refused", async () => {
    const dir = await brainModel();
    const secret = join(temp('sec-secret-'), 'example.json');
    writeFileSync(secret, '[[1, 2]]');
    const rel = `../../${secret.split('/').slice(-2).join('/')}`;
    await refused(loadInputExample(dir, { artifact_path: rel, type: 'ndarray', format: 'tf-serving' } as never), /Refusing .*saved_input_example_info\.artifact_path/);
  });

  test("an env file out of the folder is refused", async () => {
    const dir = await brainModel();
    editMLmodel(dir, (spec) => (spec.flavors.js_function!.env = '../../package.json'));
    await refused(loadModel(dir), /Refusing .*js_function\.env/);
  });

  test('tfjs: a weights path out of the folder is refused, and weights of the wrong size are not loaded', async () => {
    const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    const dir = join(temp('sec-tfjs-'), 'model');
    await tfjsModel.saveModel(model as never, dir);
    const manifestFile = join(dir, 'data', 'model.json');
    const original = readFileSync(manifestFile, 'utf8');
    const outside = join(temp('sec-outside-'), 'weights.json');
    writeFileSync(outside, JSON.stringify({ not: 'weights', but: 'some other json file' }));
    const json = JSON.parse(original) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0]!.paths = [`../../../${outside.split('/').slice(-2).join('/')}`];
    writeFileSync(manifestFile, JSON.stringify(json));
    await refused(tfjsModel.loadModel(dir), /Refusing .*weightsManifest/);
    // NB: what the outside file did before: read as weights, predicting nonsense without an error.
    writeFileSync(manifestFile, original);
    writeFileSync(join(dir, 'data', 'weights.bin'), readFileSync(outside));
    await refused(tfjsModel.loadModel(dir), /weights .* bytes, but its weightsManifest describes 12/);
  });
});

describe('artifact paths, both ways, against the real server', () => {
  let client: MlflowClient;
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
    configure({ trackingUri: serverUrl });
    client = new MlflowClient({ trackingUri: serverUrl });
  });

  test("a model whose loader points into the model cache, logged to the server and loaded with runs:/, runs nothing", async () => {
    const cache = temp('sec-cache-');
    process.env.MLFLOW_AUTOLOG_CACHE_DIR = cache;
    try {
      const experimentId = await client.createExperiment(`sec-cache-${Date.now()}`);
      const run = await client.createRun({ experimentId });
      const runId = run.runId;
      const dir = await brainModel();
      const marker = join(temp('sec-marker-'), 'ran');
      writeFileSync(join(dir, 'evil.js'), evilModule(marker));
      // NB: where loadModel will download this model: the cache key is predictable from the URIs.
      const artifactUri = `${run.artifactUri.replace(/\/+$/, '')}/model`;
      const key = createHash('sha256').update(`${serverUrl}\u0000${artifactUri}`).digest('hex').slice(0, 24);
      editMLmodel(dir, (spec) => (spec.flavors.js_function!.loader_module = join(cache, key, 'evil.js')));
      await client.logArtifacts(runId, dir, 'model');
      await refused(loadModel(`runs:/${runId}/model`), /loader_module as a path/);
      assert.equal(existsSync(join(cache, key, 'evil.js')), true, 'the model was downloaded where its MLmodel pointed');
      assert.equal(existsSync(marker), false, 'and nothing of it ran');
    } finally {
      delete process.env.MLFLOW_AUTOLOG_CACHE_DIR;
    }
  });

  test("an upload to '../<other run>' is refused before it is sent: the other run's MLmodel stays as it was", async () => {
    const experimentId = await client.createExperiment(`sec-upload-${Date.now()}`);
    const victim = (await client.createRun({ experimentId })).runId;
    const attacker = (await client.createRun({ experimentId })).runId;
    const dir = await brainModel();
    await client.logArtifacts(victim, dir, 'model');
    const before = await readArtifact(victim, 'model/MLmodel');
    const forged = join(temp('sec-forged-'), 'MLmodel');
    writeFileSync(forged, 'flavors: {}\n');
    for (const path of [`../${victim}/artifacts/model`, '../../x', '/abs/path', 'a\0b', 'a\\..\\b']) {
      await assert.rejects(client.logArtifact(attacker, forged, path), (error: unknown) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.match(error.message, /Invalid artifact path/);
        return true;
      });
    }
    assert.equal(await readArtifact(victim, 'model/MLmodel'), before);
  });

  async function readArtifact(runId: string, path: string): Promise<string> {
    const dest = temp('sec-read-');
    const local = await client.downloadArtifacts(runId, path, dest);
    return readFileSync(local, 'utf8');
  }
});

describe('a server listing paths out of the download folder', () => {
  let server: Server;
  let url: string;
  before(async () => {
    // NB: a fake server only to inject the fault: a listing no real MLflow would send.
    server = createServer((request, response) => {
      const listing = request.url?.startsWith('/api/2.0/mlflow-artifacts/artifacts?');
      response.setHeader('Content-Type', 'application/json');
      if (listing && !/path=[^&]*escape/.test(request.url ?? '')) {
        response.end(JSON.stringify({ files: [{ path: 'MLmodel', is_dir: false }, { path: '../../escape.txt', is_dir: false }] }));
      } else if (listing) response.end('{}');
      else response.end('written');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  test('loadModel-style download refuses the listing and writes nothing outside the folder', async () => {
    const config = loadConfig({ trackingUri: url });
    const repo = new HttpArtifactRepository('mlflow-artifacts:/1/run/artifacts/model', new HttpClient(url, config.http), config.multipart);
    const root = temp('sec-download-');
    const dest = join(root, 'a', 'b');
    mkdirSync(dest, { recursive: true });
    await assert.rejects(repo.downloadArtifacts(undefined, dest), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /Invalid artifact path "\.\.\/\.\.\/escape\.txt" in the server's listing/);
      return true;
    });
    assert.equal(existsSync(join(root, 'escape.txt')), false);
    assert.equal(existsSync(join(REPO_ROOT, 'escape.txt')), false);
  });
});
