/**
 * The natural example, run as its README says (`node --require mlflow-autolog/register`, the
 * built package, the real MLflow server), then read back with MLflow's own Python client: one
 * run with the classifier's params and training accuracy, a model that a fresh process loads with
 * loadModel and that labels held-out texts exactly as the script's classifier did, and not one
 * line of output from the agent beside natural's own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { downloadModel } from '../../src/models/model-api';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { runNode } from '../harness/node';
import { REPO_ROOT, readRun } from '../harness/python';

const EXAMPLE = join(REPO_ROOT, 'examples', 'natural', 'train.js');

/** natural's own lines: dotenv's, printed when its storage backends load (node-internals 3.3). */
const DOTENV_LINE = /^◇ injected env \(\d+\) from \.env/;

function lines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '');
}

function scriptOutput(stdout: string): { heldOut: string[]; predictions: string[] } {
  const line = lines(stdout).find((l) => l.startsWith('{"heldOut"'));
  assert.ok(line, `the script printed its result: ${stdout}`);
  return JSON.parse(line) as { heldOut: string[]; predictions: string[] };
}

describe('the natural example, run as its README says', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  test('one run with the params and training accuracy, and a model a fresh process loads and that labels as the trained classifier', async () => {
    const experiment = uniqueName('natural-example');
    const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment };
    const { code, stdout, stderr } = await runNode(['--require', 'mlflow-autolog/register', EXAMPLE], env);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /mlflow-autolog:/, 'no agent warnings');
    const output = scriptOutput(stdout);

    configure({ trackingUri: serverUrl, experimentName: experiment });
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    const runId = runs[0]!.info.runId;
    const run = await readRun(serverUrl, runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'natural');
    assert.deepEqual([run.tags.estimator_name, run.tags.estimator_class], ['BayesClassifier', 'natural.BayesClassifier']);
    const { classifier_type, smoothing, stemmer, keep_stops, num_documents, num_classes } = run.params;
    assert.deepEqual(
      { classifier_type, smoothing, stemmer, keep_stops, num_documents, num_classes },
      { classifier_type: 'BayesClassifier', smoothing: '1', stemmer: 'PorterStemmer', keep_stops: 'false', num_documents: '12', num_classes: '3' },
    );
    assert.match(run.params.num_features ?? '', /^[1-9]\d*$/);
    // NB: Bayes fits these twelve sentences: every one is labelled as it was.
    assert.deepEqual(run.metrics.training_accuracy_score?.map((m) => [m.step, m.value]), [[0, 1]]);

    const uri = `runs:/${runId}/model`;
    const mlmodel = parse(readFileSync(join(await downloadModel(uri), 'MLmodel'), 'utf8')) as {
      flavors: { natural: Record<string, unknown> };
      signature: { inputs: string; outputs: string };
    };
    assert.deepEqual(mlmodel.flavors.natural, { natural_version: '8.1.1', classifier_class: 'BayesClassifier', stemmer: 'PorterStemmer', data: 'classifier.json' });
    assert.deepEqual(JSON.parse(mlmodel.signature.inputs), [{ type: 'string', name: 'text', required: true }]);
    assert.deepEqual(JSON.parse(mlmodel.signature.outputs), [{ type: 'string', required: true }]);

    const rows = output.heldOut.map((text) => ({ text }));
    const loaded = await runNode([join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js'), uri, JSON.stringify(rows)], env);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.doesNotMatch(loaded.stderr, /mlflow-autolog:/);
    assert.deepEqual(JSON.parse(lines(loaded.stdout).at(-1)!), output.predictions);
  });

  test("the agent adds no line to the script's stdout: natural's dotenv lines and the script's own are all there is", async () => {
    const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: uniqueName('natural-stdout') };
    const plain = await runNode([EXAMPLE], env);
    const preloaded = await runNode(['--require', 'mlflow-autolog/register', EXAMPLE], env);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(preloaded.code, 0, preloaded.stderr);
    const dotenv = (out: string) => lines(out).filter((l) => DOTENV_LINE.test(l)).length;
    assert.ok(dotenv(plain.stdout) > 0, 'natural prints its dotenv lines by itself');
    // NB: dotenv's lines end in a random tip: they are compared by count, the rest line by line.
    assert.equal(dotenv(preloaded.stdout), dotenv(plain.stdout));
    const own = (out: string) => lines(out).filter((l) => !DOTENV_LINE.test(l));
    assert.deepEqual(own(preloaded.stdout), own(plain.stdout));
    assert.equal(lines(preloaded.stdout).length, lines(plain.stdout).length);
    assert.doesNotMatch(preloaded.stderr, /mlflow-autolog:/);
  });
});
