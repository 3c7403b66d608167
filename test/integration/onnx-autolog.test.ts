/**
 * Autologging with `logOnnx` where ONNX cannot follow, and where the process leaves at once:
 * - a tfjs model with an LSTM layer is logged with its tfjs and js_function flavors, and one
 *   warning names the layer;
 * - a natural classifier (no exporter: natural stays Node-only) likewise, with one warning;
 * - a brain.js net trained synchronously and followed by `process.exit(0)` still reaches the
 *   server (after `mlflow-autolog sync`) with its onnx and python_function flavors: the journaled
 *   model carries model.onnx, and that file predicts what the net predicted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadModel } from '../../src/models/model-api';
import { MlflowClient } from '../../src/tracking/client';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { REPO_ROOT } from '../harness/python';

const SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'onnx-autolog.js');

/** Runs the fixture in `mode` into a new SQLite store; returns its warnings, predictions and the logged model's URI. */
async function autologged(mode: string): Promise<{ warnings: string[]; predictions: unknown; uri: string; trackingUri: string }> {
  const dir = mkdtempSync(join(tmpdir(), `onnx-autolog-${mode}-`));
  const trackingUri = `sqlite:///${join(dir, 'mlflow.db')}`;
  const { code, stdout, stderr } = await runNode([SCRIPT, mode], { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_NAME: mode }, dir);
  assert.equal(code, 0, stderr);
  const client = new MlflowClient({ trackingUri });
  const experiment = await client.getExperimentByName(mode);
  const { runs } = await client.searchRuns({ experimentIds: [experiment!.experimentId] });
  const modelId = runs[0]?.outputs.modelOutputs[0]?.modelId;
  assert.ok(modelId, `${mode} logged a model`);
  const predictions = (JSON.parse(stdout.trim().split('\n').pop()!) as { predictions: unknown }).predictions;
  return { warnings: stderr.split('\n').filter((line) => line.startsWith('mlflow-autolog:')), predictions, uri: `models:/${modelId}`, trackingUri };
}

describe('autologging with logOnnx', () => {
  test('a tfjs model with an LSTM layer is logged without the onnx flavor, with one warning naming the layer', async () => {
    const { warnings, predictions, uri, trackingUri } = await autologged('lstm');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /saved without the onnx and python_function flavors: ONNX export does not support the layer lstm\w* \(LSTM\)/);
    configure({ trackingUri });
    const model = await loadModel(uri);
    assert.deepEqual(Object.keys(model.metadata.flavors).sort(), ['js_function', 'tfjs']);
    const [first] = predictions as number[][][];
    assert.ok(Array.isArray(first));
  });

  test('a natural classifier is logged without it, with one warning that natural models cannot be exported', async () => {
    const { warnings, uri, trackingUri } = await autologged('natural');
    assert.deepEqual(warnings, ['mlflow-autolog: natural models cannot be exported to ONNX; the model is saved without the onnx and python_function flavors']);
    configure({ trackingUri });
    assert.deepEqual(Object.keys((await loadModel(uri)).metadata.flavors).sort(), ['js_function', 'natural']);
  });

  test('process.exit(0) right after a synchronous brain.js training journals the model with its ONNX file; after sync it predicts what the net did', async () => {
    const trackingUri = (await testServer()).url;
    const experiment = uniqueName('onnx-exit');
    const env = { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_NAME: experiment, MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')) };
    const exited = await runNode([SCRIPT, 'exit'], env, mkdtempSync(join(tmpdir(), 'onnx-exit-')));
    assert.equal(exited.code, 0, exited.stderr);
    const synced = await runNode([join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'), 'sync'], env, mkdtempSync(join(tmpdir(), 'no-local-store-')));
    assert.equal(synced.code, 0, synced.stderr);
    configure({ trackingUri });
    const [run] = await runsOf(experiment);
    assert.ok(run, 'the run reached the server');
    const predictions = (JSON.parse(exited.stdout.trim().split('\n').pop()!) as { predictions: unknown }).predictions;
    const uri = `models:/${run.outputs.modelOutputs[0]!.modelId}`;
    const model = await loadModel(uri, { flavor: 'onnx' });
    assert.deepEqual(Object.keys(model.metadata.flavors).sort(), ['brainjs', 'js_function', 'onnx', 'python_function']);
    const viaOnnx = (await model.predict([[0, 1]])) as number[][];
    const expected = predictions as number[][];
    assert.ok(Math.abs(viaOnnx[0]![0]! - expected[0]![0]!) < 1e-5, `${viaOnnx[0]![0]} vs ${expected[0]![0]}`);
  });
});
