/**
 * Models take the inputs their users give, against the real MLflow server:
 * - the ml-knn and ml-logistic-regression README examples, autologged by the preload, are trained
 *   on whole numbers and asked about 0.5, 0.9, 2.5…: JS numbers infer double, so the logged model
 *   takes those rows and predicts what the live model does;
 * - GaussianNB on iris (which refuses exactly features + 1 rows) and PCA built from a covariance
 *   matrix still log a model: a failed example or signature costs only those, with one warning;
 * - a natural classifier's model takes a plain list of texts, in `predict` and from the scoring
 *   server (`{"inputs": [...]}`, `{"instances": [...]}`), and its input example is the raw text.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import '../../instrumentations/mljs/flavor';
import { autolog } from '../../src/autolog/autolog';
import { loadInputExample, type InputExampleInfo } from '../../src/models/input-example';
import type { JsFunctionModel } from '../../src/models/js-function';
import { loadModel } from '../../src/models/model-api';
import { configure, flush } from '../../src/tracking/fluent';
import { collectWarnings, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { lastJson, runNode } from '../harness/node';
import { invoke, startModelsServe } from '../harness/scoring-server';

const iris = require('../fixtures/user-inputs/iris.js') as { features: number[][]; classes: number[] };

interface PcaLike {
  predict(rows: number[][]): { to2DArray(): number[][] };
}

describe('models take the inputs users give', () => {
  let serverUrl: string;
  let experiment: string;
  const fresh = (label: string, options: Parameters<typeof autolog>[0] = {}) => {
    experiment = uniqueName(label);
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autolog({ logInputExamples: true, ...options });
  };
  /** The one run's model, loaded back by URI. */
  const loggedModel = async (): Promise<JsFunctionModel> => {
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1, 'one run');
    assert.equal(runs[0]!.outputs.modelOutputs.length, 1, 'the run has its model');
    return loadModel(`runs:/${runs[0]!.info.runId}/model`);
  };
  const example = (model: JsFunctionModel) => {
    const info = model.metadata.savedInputExampleInfo;
    return info ? loadInputExample(model.path, info as InputExampleInfo, { schema: model.signature?.inputs }) : undefined;
  };

  before(async () => {
    serverUrl = (await testServer()).url;
  });

  for (const [name, script, width] of [['ml-knn', 'knn-readme.js', 3], ['ml-logistic-regression', 'logreg-readme.js', 2]] as const) {
    test(`the ${name} README example, trained on whole numbers and autologged by the preload, logs a model that predicts its fractional test rows as the live model does`, async () => {
      experiment = uniqueName(name);
      const env = { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment, MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true' };
      const { code, stdout, stderr } = await runNode(['--require', 'mlflow-autolog/register', `test/fixtures/user-inputs/${script}`], env);
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /mlflow-autolog:/, 'no agent warnings');
      const { test: rows, predictions } = lastJson<{ test: number[][]; predictions: unknown[] }>(stdout);
      assert.ok(rows.flat().some((v) => !Number.isInteger(v)), 'the test rows hold fractions');

      configure({ trackingUri: serverUrl, experimentName: experiment });
      const model = await loggedModel();
      // NB: JS numbers are doubles; an int64 spec here refused 0.5 ("dtype of the input (float64) does not match expected dtype int64").
      assert.deepEqual(model.signature?.inputs, [{ dtype: 'float64', shape: [-1, width] }]);
      assert.deepEqual(await model.predict(rows), predictions);
      const rowsExample = (await example(model)) as number[][];
      assert.equal(rowsExample.length, 5, "MLflow's five example rows");
      assert.equal(((await model.predict(rowsExample)) as unknown[]).length, 5, 'the model predicts its own example');
    });
  }

  test('GaussianNB on iris, which refuses exactly five rows of four features, logs a model with an example it accepts, predicting held-out rows as the live model', async () => {
    fresh('gaussian-nb-iris');
    const { GaussianNB } = require('ml-naivebayes') as { GaussianNB: new () => { train(x: number[][], y: number[]): void; predict(x: number[][]): number[] } };
    const held = (i: number) => i % 10 === 0;
    const trainX = iris.features.filter((_, i) => !held(i));
    const trainY = iris.classes.filter((_, i) => !held(i));
    const testX = iris.features.filter((_, i) => held(i)).map((row) => row.map((v) => v + 0.05));
    const nb = new GaussianNB();
    const { warnings } = await collectWarnings(async () => {
      nb.train(trainX, trainY);
      await flush();
    });
    assert.throws(() => nb.predict(trainX.slice(0, 5)), /same features/, "the library's own refusal, which used to drop the model");
    assert.deepEqual(warnings, []);
    const model = await loggedModel();
    assert.deepEqual(model.signature?.inputs, [{ dtype: 'float64', shape: [-1, 4] }]);
    assert.deepEqual(await model.predict(testX), nb.predict(testX));
    const rows = (await example(model)) as number[][];
    assert.deepEqual(rows, [trainX[0], trainX[trainY.indexOf(1)], trainX[trainY.indexOf(2)]], 'the first row of each class');
    assert.deepEqual(await model.predict(rows), nb.predict(rows));
  });

  test('PCA built from a covariance matrix logs its model; it projects test rows as the live model does', async () => {
    fresh('pca-covariance');
    const { PCA } = require('ml-pca') as { PCA: new (data: number[][], options: object) => PcaLike };
    const { Matrix } = require('ml-matrix') as { Matrix: { new (rows: number[][]): { center(by: string): unknown; transpose(): { mmul(m: unknown): { div(n: number): { to2DArray(): number[][] } } } } } };
    const centred = new Matrix(iris.features);
    centred.center('column');
    const covariance = centred.transpose().mmul(centred).div(iris.features.length - 1).to2DArray();
    let pca: PcaLike | undefined;
    const { warnings } = await collectWarnings(async () => {
      pca = new PCA(covariance, { isCovarianceMatrix: true, center: false });
      await flush();
    });
    assert.deepEqual(warnings, []);
    const model = await loggedModel();
    const rows = [[5.0, 3.3, 1.4, 0.25], [6.35, 2.9, 5.1, 1.85]];
    assert.deepEqual(await model.predict(rows), pca!.predict(rows).to2DArray());
  });

  test('PCA from a covariance matrix that cannot project (center defaults to true, with no means) logs its model with an input schema only and one warning', async () => {
    fresh('pca-covariance-centred');
    const { PCA } = require('ml-pca') as { PCA: new (data: number[][], options: object) => PcaLike };
    const covariance = [[1, 0.5, 0], [0.5, 2, 0.1], [0, 0.1, 1.5]];
    let pca: PcaLike | undefined;
    const { warnings } = await collectWarnings(async () => {
      pca = new PCA(covariance, { isCovarianceMatrix: true });
      await flush();
    });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /mljs: the trained model could not predict on any of the \d+ sets of its training rows tried .*logged without an input example and with an input schema only; the model's error: /);
    const model = await loggedModel();
    assert.deepEqual(model.signature?.inputs, [{ dtype: 'float64', shape: [-1, 3] }]);
    assert.equal(model.signature?.outputs, undefined);
    assert.equal(model.metadata.savedInputExampleInfo, undefined, 'no example the model refuses');
    const rows = [[1, 2, 3]];
    const live = (() => {
      try {
        pca!.predict(rows);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    assert.ok(live, 'the live model cannot project either');
    await assert.rejects(model.predict(rows), (e: Error) => e.message === live);
  });

  describe('a natural text classifier', () => {
    const DOCUMENTS: [string, string][] = [
      ['The striker scored a late goal!', 'sport'],
      ['the keeper saved the penalty', 'sport'],
      ['a tense match ended in a draw', 'sport'],
      ['The central bank raised interest rates.', 'economy'],
      ['inflation slowed as prices fell', 'economy'],
      ['the market rallied on strong earnings', 'economy'],
    ];
    const TEXTS = ['some text', 'other text', 'a goal in the final minute', 'rates and prices rose again'];

    for (const cls of ['BayesClassifier', 'LogisticRegressionClassifier'] as const) {
      test(`${cls}: the logged model predicts a plain list of strings, the scoring server answers {"inputs": [...]} alike, and the input example is the raw text`, async () => {
        fresh(`natural-${cls}`);
        const natural = require('natural') as Record<string, new () => { addDocument(t: string, l: string): void; train(): void; classify(t: string): string }>;
        const classifier = new natural[cls]!();
        for (const [text, label] of DOCUMENTS) classifier.addDocument(text, label);
        classifier.train();
        await flush();
        const live = TEXTS.map((t) => classifier.classify(t));
        assert.ok(live.includes('sport') && live.includes('economy'), 'the texts are told apart');

        const model = await loggedModel();
        assert.deepEqual(await model.predict(TEXTS), live);
        assert.deepEqual(await example(model), DOCUMENTS.slice(0, 5).map(([text]) => ({ text })));
        if (cls !== 'BayesClassifier') return;

        const runs = await runsOf(experiment);
        const server = await startModelsServe(`runs:/${runs[0]!.info.runId}/model`, [], { MLFLOW_TRACKING_URI: serverUrl });
        try {
          for (const payload of [{ inputs: TEXTS }, { instances: TEXTS }, { dataframe_records: TEXTS.map((text) => ({ text })) }]) {
            const answer = await invoke(server.url, JSON.stringify(payload));
            assert.equal(answer.status, 200, answer.text);
            assert.deepEqual(answer.json, { predictions: live }, JSON.stringify(payload));
          }
          // NB: MLflow refuses a bare string for a column signature ("Model is missing inputs ['text']"), and so do we.
          const bare = await invoke(server.url, JSON.stringify({ inputs: 'some text' }));
          assert.equal(bare.status, 400, bare.text);
        } finally {
          await server.stop();
        }
      });
    }
  });
});
