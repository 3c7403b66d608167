/**
 * The model format end to end on the real server: a custom model with artifacts, code, a
 * signature and an input example, logged as an MLflow 3 logged model, registered with an alias,
 * loaded in a fresh process, and read by Python MLflow.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, pythonJson, readRun } from '../harness/python';

const exec = promisify(execFile);
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'custom-model');

interface Logged {
  runId: string;
  modelId: string;
  modelUri: string;
  version: string;
  heldOut: { text: string; boost: number }[];
  expected: number[];
}

async function node(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(FIXTURES, script), ...args], {
      cwd: FIXTURES,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('a custom model logged, registered and loaded back', () => {
  let url: string;
  let logged: Logged;
  const name = `sentiment-${randomUUID().slice(0, 8)}`;
  const env = () => ({ MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: 'custom-models', MLFLOW_AUTOLOG_CACHE_DIR: join(REPO_ROOT, 'test-output', 'model-cache') });

  before(async () => {
    url = (await testServer()).url;
    const result = await node('log-custom-model.js', [name], env());
    assert.equal(result.code, 0, result.stderr);
    logged = JSON.parse(result.stdout) as Logged;
  });

  test('a fresh process loads models:/<name>@champion with code allowed and predicts what the live model did', async () => {
    const result = await node('load-and-predict.js', [`models:/${name}@champion`, JSON.stringify({ rows: logged.heldOut, params: { scale: 2 } })], {
      ...env(),
      MLFLOW_AUTOLOG_ALLOW_CODE: 'true',
    });
    assert.equal(result.code, 0, result.stderr);
    const { predictions, flavors } = JSON.parse(result.stdout) as { predictions: number[]; flavors: string[] };
    assert.deepEqual(predictions, logged.expected);
    assert.deepEqual(flavors, ['js_function']);
  });

  test('loading a model that carries code without opting in is refused, saying how to opt in', async () => {
    const result = await node('load-and-predict.js', [`models:/${name}@champion`, JSON.stringify({ rows: logged.heldOut })], {
      ...env(),
      MLFLOW_AUTOLOG_ALLOW_CODE: '',
    });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /carries code \(code\/\).*allowCode: true.*MLFLOW_AUTOLOG_ALLOW_CODE=true/s);
  });

  test("the run's outputs hold the model id, the logged model is READY and the alias points at its version", async () => {
    const run = await readRun(url, logged.runId);
    assert.deepEqual(run.outputs, [logged.modelId]);
    const state = await pythonJson<{ status: string; source_run_id: string; params: Record<string, string>; alias_version: string; version_source: string; versions_tag: string }>(
      `
import json
from mlflow import MlflowClient
c = MlflowClient("${url}")
m = c.get_logged_model("${logged.modelId}")
v = c.get_model_version_by_alias("${name}", "champion")
print(json.dumps({"status": str(m.status), "source_run_id": m.source_run_id, "params": m.params,
                  "alias_version": v.version, "version_source": v.source, "versions_tag": m.tags.get("mlflow.modelVersions")}))
`,
    );
    assert.match(state.status, /READY/);
    assert.equal(state.source_run_id, logged.runId);
    assert.equal(state.params.lexicon_size, '4');
    assert.equal(state.alias_version, logged.version);
    // NB: MLflow's SQL registry keeps no model_id column; the version links the model by its source.
    assert.equal(state.version_source, `models:/${logged.modelId}`);
    assert.deepEqual(JSON.parse(state.versions_tag), [{ name, version: Number(logged.version) }]);
  });

  test('runs:/<run_id>/<name>, models:/<name>/<version>, models:/<name>/latest and the mlflow-artifacts: location all load the same model', async () => {
    const rows = JSON.stringify({ rows: logged.heldOut, params: { scale: 2 } });
    const artifactUri = await pythonJson<string>(
      `import json; from mlflow import MlflowClient; print(json.dumps(MlflowClient("${url}").get_logged_model("${logged.modelId}").artifact_location))`,
    );
    assert.match(artifactUri, /^mlflow-artifacts:\/.*\/models\/m-[0-9a-f]{32}\/artifacts$/);
    for (const uri of [`runs:/${logged.runId}/sentiment`, `models:/${name}/${logged.version}`, `models:/${name}/latest`, logged.modelUri, artifactUri]) {
      const result = await node('load-and-predict.js', [uri, rows], { ...env(), MLFLOW_AUTOLOG_ALLOW_CODE: 'true' });
      assert.equal(result.code, 0, `${uri}: ${result.stderr}`);
      assert.deepEqual((JSON.parse(result.stdout) as { predictions: number[] }).predictions, logged.expected, uri);
    }
  });

  test("Python's mlflow.models.Model.load parses the MLmodel and its signature", async () => {
    const parsed = await pythonJson<{ flavors: string[]; inputs: string[]; params: string[]; has_outputs: boolean; example: string; model_id: string }>(
      `
import json, tempfile
import mlflow
from mlflow.models import Model
mlflow.set_tracking_uri("${url}")
path = mlflow.artifacts.download_artifacts("models:/${logged.modelId}", dst_path=tempfile.mkdtemp())
m = Model.load(path)
print(json.dumps({"flavors": sorted(m.flavors), "inputs": m.signature.inputs.input_names(),
                  "params": [p.name for p in m.signature.params.params], "has_outputs": m.signature.outputs is not None,
                  "example": m.saved_input_example_info["type"], "model_id": m.model_id}))
`,
    );
    assert.deepEqual(parsed.flavors, ['js_function']);
    assert.deepEqual(parsed.inputs, ['text', 'boost']);
    assert.deepEqual(parsed.params, ['scale']);
    assert.equal(parsed.has_outputs, true);
    assert.equal(parsed.example, 'dataframe');
    assert.equal(parsed.model_id, logged.modelId);
  });
});
