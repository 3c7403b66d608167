/**
 * The model examples, run unmodified as their READMEs say (from the repository root, the built
 * package, `MLFLOW_TRACKING_URI` pointing at the real MLflow server or at a local store), then
 * read back with MLflow's own Python client:
 * - examples/custom-model: a custom model with code and artifacts, logged in a run with its
 *   params, then loaded by URI in a fresh process that predicts what the live model predicted;
 * - examples/register-model: an autologged ml.js forest registered under a name, the alias
 *   @champion pointed at the new version, and `models:/<name>@champion` loaded in a fresh process
 *   predicting what the trained forest predicted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { modelsUriToArtifactUri } from '../../src/models/model-uri';
import { configure, getClient } from '../../src/tracking/fluent';
import { uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode, lastJson } from '../harness/node';
import { pythonJson, REPO_ROOT, readRun } from '../harness/python';

const CUSTOM_MODEL = join(REPO_ROOT, 'examples', 'custom-model');
const FILE_STORE_ENV = { MLFLOW_ALLOW_FILE_STORE: 'true' };

/** Runs `node <args>` from the repository root and returns its stdout; it must exit 0 without agent warnings. */
async function runExample(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<string> {
  const [script, ...rest] = args;
  const { code, stdout, stderr } = await runNode([join(REPO_ROOT, script!), ...rest], env, cwd);
  assert.equal(code, 0, `node ${args.join(' ')}: ${stderr}`);
  assert.doesNotMatch(stderr, /mlflow-autolog:/, `no agent warnings from node ${args.join(' ')}`);
  return stdout;
}

interface MlmodelFile {
  flavors: Record<string, Record<string, unknown>>;
  signature: { inputs: string; outputs: string; params: string | null };
  files: string[];
}

/** A model's MLmodel and its files, as MLflow's Python client downloads them. */
function readModel(trackingUri: string, uri: string, env: NodeJS.ProcessEnv = {}): Promise<MlmodelFile> {
  return pythonJson<MlmodelFile>(
    `import json, os, tempfile, mlflow, yaml
mlflow.set_tracking_uri(os.environ['URI'])
path = mlflow.artifacts.download_artifacts(os.environ['MODEL'], dst_path=tempfile.mkdtemp())
spec = yaml.safe_load(open(os.path.join(path, 'MLmodel')))
files = sorted(os.path.relpath(os.path.join(d, f), path) for d, _, fs in os.walk(path) for f in fs)
print(json.dumps({"flavors": spec["flavors"], "signature": spec["signature"], "files": files}, default=str))`,
    { ...env, URI: trackingUri, MODEL: uri },
  );
}

// ---- examples/custom-model ----

interface Prediction {
  label: string;
  score: number;
}

interface Logged {
  runId: string;
  modelUri: string;
  predictions: Prediction[];
}

/** What the lexicon and the negations in examples/custom-model/artifacts make of reviews.json. */
const EXPECTED_LABELS = ['positive', 'negative', 'positive', 'neutral', 'negative'];

/** Runs log-model.js, then predict.js in a fresh process with the URI it printed, as the README says. */
async function logAndPredict(env: NodeJS.ProcessEnv): Promise<{ logged: Logged; loaded: Prediction[] }> {
  const stdout = await runExample(['examples/custom-model/log-model.js'], env);
  const logged = lastJson<Logged>(stdout);
  assert.ok(stdout.includes(`\n  node examples/custom-model/predict.js ${logged.modelUri}\n`), `log-model.js says how to load it: ${stdout}`);
  assert.deepEqual(logged.predictions.map((p) => p.label), EXPECTED_LABELS, 'the live model labels the reviews');
  const loaded = lastJson<{ predictions: Prediction[] }>(await runExample(['examples/custom-model/predict.js', logged.modelUri], env)).predictions;
  return { logged, loaded };
}

/** The MLmodel of the sentiment model: the js_function loader, its code, its artifacts and the inferred signature. */
function assertSentimentModel(model: MlmodelFile): void {
  assert.deepEqual(Object.keys(model.flavors), ['js_function']);
  const { loader_module, code, model_code, model_export, artifacts } = model.flavors.js_function!;
  assert.deepEqual(
    { loader_module, code, model_code, model_export, artifacts },
    {
      loader_module: 'mlflow-autolog/custom-model',
      code: 'code',
      model_code: 'code/sentiment-model.js',
      model_export: 'SentimentModel',
      artifacts: { lexicon: 'artifacts/lexicon/lexicon.json', negations: 'artifacts/negations/negations.txt' },
    },
  );
  for (const file of ['MLmodel', 'code/sentiment-model.js', 'artifacts/lexicon/lexicon.json', 'artifacts/negations/negations.txt', 'input_example.json', 'package.json']) {
    assert.ok(model.files.includes(file), `the model holds ${file}: ${model.files.join(', ')}`);
  }
  assert.deepEqual(JSON.parse(model.signature.inputs), [{ type: 'string', name: 'text', required: true }]);
  assert.deepEqual(JSON.parse(model.signature.outputs), [
    { type: 'string', name: 'label', required: true },
    { type: 'double', name: 'score', required: true },
  ]);
  assert.deepEqual(JSON.parse(model.signature.params ?? 'null'), [{ name: 'threshold', default: 0.5, shape: null, type: 'double' }]);
}

const CUSTOM_MODEL_PARAMS = {
  lexicon_words: String(Object.keys(JSON.parse(readFileSync(join(CUSTOM_MODEL, 'artifacts', 'lexicon.json'), 'utf8')) as object).length),
  negation_words: String(readFileSync(join(CUSTOM_MODEL, 'artifacts', 'negations.txt'), 'utf8').trim().split('\n').length),
};

describe('the custom-model example, run as its README says', () => {
  let serverUrl: string;
  const temporary: string[] = [];
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  after(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  test('against the tracking server: a run with its params, a READY logged model with code and artifacts, and a fresh process predicting what the live model did', async () => {
    const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: uniqueName('custom-model-example') };
    const { logged, loaded } = await logAndPredict(env);
    assert.deepEqual(loaded, logged.predictions);

    const modelId = /^models:\/(m-[0-9a-f]{32})$/.exec(logged.modelUri)?.[1];
    assert.ok(modelId, `an MLflow 3 logged model: ${logged.modelUri}`);
    const run = await readRun(serverUrl, logged.runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.info.run_name, 'sentiment-lexicon');
    assert.deepEqual(run.params, CUSTOM_MODEL_PARAMS);
    assert.deepEqual(run.outputs, [modelId]);

    const state = await pythonJson<{ status: string; name: string; source_run_id: string; params: Record<string, string> }>(
      `import json, os
from mlflow import MlflowClient
m = MlflowClient(os.environ['URI']).get_logged_model(os.environ['MODEL_ID'])
print(json.dumps({"status": str(m.status), "name": m.name, "source_run_id": m.source_run_id, "params": m.params}))`,
      { URI: serverUrl, MODEL_ID: modelId },
    );
    assert.match(state.status, /READY/);
    assert.equal(state.name, 'sentiment');
    assert.equal(state.source_run_id, logged.runId);
    assert.deepEqual(state.params, CUSTOM_MODEL_PARAMS, 'the logged model copies the run params');
    assertSentimentModel(await readModel(serverUrl, logged.modelUri));
  });

  test('on a local store: the run with its params and the model in its artifacts, and a fresh process predicting what the live model did', async () => {
    const store = mkdtempSync(join(tmpdir(), 'custom-model-example-'));
    temporary.push(store);
    const { logged, loaded } = await logAndPredict({ MLFLOW_TRACKING_URI: store });
    assert.deepEqual(loaded, logged.predictions);
    assert.equal(logged.modelUri, `runs:/${logged.runId}/sentiment`);

    const storeUri = pathToFileURL(store).href;
    const run = await readRun(storeUri, logged.runId, FILE_STORE_ENV);
    assert.equal(run.info.status, 'FINISHED');
    assert.deepEqual(run.params, CUSTOM_MODEL_PARAMS);
    assert.ok(run.artifacts.some((a) => a.path === 'sentiment/MLmodel'), 'the model is in the run artifacts');
    assertSentimentModel(await readModel(storeUri, logged.modelUri, FILE_STORE_ENV));
  });
});

// ---- examples/register-model ----

interface Trained {
  runId: string;
  version: string;
  predictions: number[];
}

describe('the register-model example, run as its README says', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  /**
   * The README's steps against `trackingUri`: train twice (versions 1 and 2, @champion moving),
   * each time loading models:/<name>@champion in a fresh process; `env` and `cwd` pick the store.
   */
  async function registerAndLoad(trackingUri: string, env: NodeJS.ProcessEnv, cwd?: string): Promise<void> {
    const name = uniqueName('forest-classifier');
    env = { ...env, MLFLOW_EXPERIMENT_NAME: uniqueName('register-model-example') };

    for (const expectedVersion of ['1', '2']) {
      const stdout = await runExample(['examples/register-model/train.js', name], env, cwd);
      const trained = lastJson<Trained>(stdout);
      assert.equal(trained.version, expectedVersion, 'each training adds a version');
      assert.match(stdout, new RegExp(`^Registered models:/m-[0-9a-f]{32} as ${name} version ${expectedVersion} \\(run ${trained.runId}\\); models:/${name}@champion now loads it\\.$`, 'm'));
      const accuracy = Number(/^Held-out accuracy: (.+)$/m.exec(stdout)?.[1]);
      assert.ok(accuracy >= 0.8, `held-out accuracy ${accuracy}`);
      assert.equal(trained.predictions.length, 10);

      const run = await readRun(trackingUri, trained.runId);
      assert.equal(run.info.status, 'FINISHED');
      assert.equal(run.tags['mlflow.autologging'], 'mljs', 'a run autologging started and ended');
      assert.equal(run.tags.estimator_class, 'ml-random-forest.RandomForestClassifier');
      assert.deepEqual(
        { nEstimators: run.params.nEstimators, seed: run.params.seed, maxFeatures: run.params.maxFeatures, noOOB: run.params.noOOB },
        { nEstimators: '25', seed: '7', maxFeatures: '0.8', noOOB: 'true' },
      );
      assert.ok(run.metrics.training_accuracy_score, 'training metrics were autologged');
      assert.equal(run.outputs.length, 1, 'one logged model');
      const modelId = run.outputs[0]!;

      const registry = await pythonJson<{ status: string; model_type: string; source_run_id: string; champion: Record<string, string>; versions: string[] }>(
        `import json, os
from mlflow import MlflowClient
c = MlflowClient(os.environ['URI'])
m = c.get_logged_model(os.environ['MODEL_ID'])
v = c.get_model_version_by_alias(os.environ['NAME'], 'champion')
versions = sorted(str(x.version) for x in c.search_model_versions(f"name='{os.environ['NAME']}'"))
print(json.dumps({"status": str(m.status), "model_type": m.model_type, "source_run_id": m.source_run_id,
                  "champion": {"version": str(v.version), "source": v.source, "run_id": v.run_id}, "versions": versions}))`,
        { URI: trackingUri, MODEL_ID: modelId, NAME: name },
      );
      assert.match(registry.status, /READY/);
      assert.equal(registry.model_type, 'mljs');
      assert.equal(registry.source_run_id, trained.runId);
      assert.deepEqual(registry.champion, { version: expectedVersion, source: `models:/${modelId}`, run_id: trained.runId });
      assert.deepEqual(registry.versions, expectedVersion === '1' ? ['1'] : ['1', '2']);

      const loaded = lastJson<{ version: string; predictions: number[] }>(await runExample(['examples/register-model/predict.js', name], env, cwd));
      assert.equal(loaded.version, expectedVersion, '@champion names the new version');
      assert.deepEqual(loaded.predictions, trained.predictions);
      const byId = await runNode([join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js'), `models:/${modelId}`, JSON.stringify([[0.9, 0.8, 0.1, 0.5]])], env, cwd);
      assert.equal(byId.code, 0, byId.stderr);
      assert.equal(JSON.parse(byId.stdout).length, 1, 'models:/<model id> loads too');
    }
    // NB: as the README says, models:/<name>/latest is the newest version.
    configure({ trackingUri });
    const client = getClient();
    assert.equal(await modelsUriToArtifactUri(`models:/${name}/latest`, client), await client.getModelVersionDownloadUri(name, '2'));
    assert.notEqual(await client.getModelVersionDownloadUri(name, '1'), await client.getModelVersionDownloadUri(name, '2'));
    configure({});
  }

  test('train.js registers the autologged forest and points @champion at it; predict.js loads models:/<name>@champion in a fresh process and predicts what the forest did, also after retraining', async () => {
    await registerAndLoad(serverUrl, { MLFLOW_TRACKING_URI: serverUrl });
  });

  test('the same with no server: the registry and the logged models live in ./mlflow.db, and models:/ URIs load from it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'register-model-offline-'));
    await registerAndLoad(`sqlite:///${join(cwd, 'mlflow.db')}`, { MLFLOW_TRACKING_URI: '' }, cwd);
  });
});
