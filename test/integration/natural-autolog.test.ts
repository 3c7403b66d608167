/**
 * natural autologging in process (`autolog()`), against the real MLflow server: both classifiers,
 * their params and training accuracy, and the logged model restored with the class and stemmer
 * it was trained with, labelling texts as the trained classifier does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { naturalModel } from '../../instrumentations/natural/flavor';
import { autolog } from '../../src/autolog/autolog';
import { downloadModel, loadModel } from '../../src/models/model-api';
import { configure, flush } from '../../src/tracking/fluent';
import { collectWarnings, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { readRun } from '../harness/python';

interface Classifier {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: unknown): string;
  setOptions(options: { keepStops: boolean }): void;
  docs: { text: string[]; label: string }[];
  stemmer: unknown;
}
type ClassifierClass = new (...args: unknown[]) => Classifier;
interface Natural {
  BayesClassifier: ClassifierClass;
  LogisticRegressionClassifier: ClassifierClass;
  LancasterStemmer: { tokenizeAndStem(text: string, keepStops?: boolean): string[] };
}

const DOCUMENTS: [string, string][] = [
  ['the striker scored a late goal', 'sport'],
  ['the keeper saved the penalty', 'sport'],
  ['a tense match ended in a draw', 'sport'],
  ['the central bank raised interest rates', 'economy'],
  ['inflation slowed as prices fell', 'economy'],
  ['the market rallied on strong earnings', 'economy'],
  // NB: the same words under both labels: no classifier gets both right.
  ['a strong market for the match tickets', 'sport'],
  ['a strong market for the match tickets', 'economy'],
];
const HELD_OUT = ['a goal in the final minute', 'rates and prices rose again', 'the market for tickets'];

describe('natural autologging', () => {
  let serverUrl: string;
  let natural: Natural;
  let experiment: string;
  const fresh = (label: string) => {
    experiment = uniqueName(`natural-${label}`);
    configure({ trackingUri: serverUrl, experimentName: experiment });
  };

  before(async () => {
    serverUrl = (await testServer()).url;
    autolog();
    natural = require('natural') as Natural;
  });

  test('LogisticRegressionClassifier trains as without the agent; its run has the params, the training accuracy and a model that labels the same', async () => {
    const train = () => {
      const c = new natural.LogisticRegressionClassifier();
      for (const [text, label] of DOCUMENTS) c.addDocument(text, label);
      c.train();
      return c;
    };
    autolog({ disable: true });
    const reference = train();
    autolog();
    fresh('logistic');
    const classifier = train();
    await flush();
    assert.deepEqual(JSON.parse(JSON.stringify(classifier)), JSON.parse(JSON.stringify(reference)));

    const [run] = await runsOf(experiment);
    const read = await readRun(serverUrl, run!.info.runId);
    assert.equal(read.info.status, 'FINISHED');
    assert.deepEqual([read.tags.estimator_name, read.tags.estimator_class], ['LogisticRegressionClassifier', 'natural.LogisticRegressionClassifier']);
    assert.equal(read.params.classifier_type, 'LogisticRegressionClassifier');
    assert.equal(read.params.smoothing, undefined, 'logistic regression has no smoothing');
    assert.deepEqual([read.params.num_documents, read.params.num_classes], ['8', '2']);
    const right = classifier.docs.filter((d) => classifier.classify(d.text) === d.label).length;
    assert.ok(right < DOCUMENTS.length, 'the training documents contradict each other');
    assert.deepEqual(read.metrics.training_accuracy_score?.map((m) => [m.step, m.value]), [[0, right / DOCUMENTS.length]]);

    const uri = `runs:/${run!.info.runId}/model`;
    const restored = (await naturalModel.loadModel(uri)) as unknown as Classifier;
    assert.ok(restored instanceof natural.LogisticRegressionClassifier);
    assert.deepEqual(HELD_OUT.map((t) => restored.classify(t)), HELD_OUT.map((t) => classifier.classify(t)));
    const model = await loadModel(uri);
    assert.deepEqual(await model.predict(HELD_OUT.map((text) => ({ text }))), HELD_OUT.map((t) => classifier.classify(t)));
  });

  test('a BayesClassifier with its own smoothing, stemmer and stop words is logged with them and restored with them', async () => {
    fresh('bayes-options');
    const classifier = new natural.BayesClassifier(natural.LancasterStemmer, 0.25);
    classifier.setOptions({ keepStops: true });
    for (const [text, label] of DOCUMENTS.slice(0, 6)) classifier.addDocument(text, label);
    classifier.train();
    await flush();
    const [run] = await runsOf(experiment);
    const read = await readRun(serverUrl, run!.info.runId);
    assert.deepEqual(
      { smoothing: read.params.smoothing, stemmer: read.params.stemmer, keep_stops: read.params.keep_stops },
      { smoothing: '0.25', stemmer: 'LancasterStemmer', keep_stops: 'true' },
    );
    const uri = `runs:/${run!.info.runId}/model`;
    const mlmodel = parse(readFileSync(join(await downloadModel(uri), 'MLmodel'), 'utf8')) as { flavors: { natural: Record<string, unknown> } };
    assert.equal(mlmodel.flavors.natural.stemmer, 'LancasterStemmer');
    const restored = (await naturalModel.loadModel(uri)) as unknown as Classifier;
    assert.equal(restored.stemmer, natural.LancasterStemmer);
    assert.deepEqual(HELD_OUT.map((t) => restored.classify(t)), HELD_OUT.map((t) => classifier.classify(t)));
  });

  test("a stemmer natural does not export: training and the run's params and accuracy as usual, no model, and one warning that says why", async () => {
    fresh('own-stemmer');
    const mine = { tokenizeAndStem: (text: string) => text.toLowerCase().split(/\W+/).filter((w) => w.length > 2) };
    const classifier = new natural.BayesClassifier(mine);
    for (const [text, label] of DOCUMENTS.slice(0, 6)) classifier.addDocument(text, label);
    const { warnings, error } = await collectWarnings(async () => {
      classifier.train();
      await flush();
    });
    assert.equal(error, undefined);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /natural autologging: Cannot tell which natural stemmer this classifier uses/);
    assert.equal(classifier.classify('a late goal'), 'sport');
    const [run] = await runsOf(experiment);
    const read = await readRun(serverUrl, run!.info.runId);
    assert.equal(read.params.stemmer, 'None');
    assert.deepEqual(read.metrics.training_accuracy_score?.map((m) => m.value), [1]);
    assert.deepEqual(read.outputs, [], 'no model');
  });
});
