/**
 * The journaled model folder (`draftModel`, written out by `writeModelFiles`) is the folder
 * `saveModel` writes, file for file, for every flavor with a snapshot; and its file names cannot
 * leave the folder they are written into.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import YAML from 'yaml';
import { brainjsModel } from '../../instrumentations/brainjs/flavor';
import { mljsModel } from '../../instrumentations/mljs/flavor';
import { naturalModel } from '../../instrumentations/natural/flavor';
import { ValidationError } from '../../src/errors';
import { loadModel, type FlavorApi } from '../../src/models/model-api';
import { draftModel, saveModelWith, writeModelFiles } from '../../src/models/save-model';
import { inferSignature } from '../../src/models/infer-signature';

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** MLmodel without what each save makes anew: its creation time and uuid. */
function mlmodel(text: string): unknown {
  const dict = YAML.parse(text) as Record<string, unknown>;
  delete dict.utc_time_created;
  delete dict.model_uuid;
  return dict;
}

function trained(): { name: string; api: FlavorApi<unknown, object>; model: unknown; example: unknown[]; output: unknown }[] {
  const brain = require('brain.js') as typeof import('brain.js');
  const net = new brain.NeuralNetwork({ hiddenLayers: [3] });
  net.train([{ input: [0, 1], output: [1] }, { input: [1, 1], output: [0] }], { iterations: 20 });
  const { RandomForestClassifier } = require('ml-random-forest') as { RandomForestClassifier: new (o: object) => { train(X: number[][], y: number[]): void; predict(X: number[][]): number[] } };
  const X = [[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.2], [0.1, 0.9]];
  const forest = new RandomForestClassifier({ nEstimators: 3, seed: 3, noOOB: true });
  forest.train(X, [1, 1, 0, 0, 1, 1]);
  const natural = require('natural') as { BayesClassifier: new () => { addDocument(t: string, l: string): void; train(): void; classify(t: string): string } };
  const classifier = new natural.BayesClassifier();
  classifier.addDocument('good nice', 'pos');
  classifier.addDocument('bad awful', 'neg');
  classifier.train();
  return [
    { name: 'brainjs', api: brainjsModel as FlavorApi<unknown, object>, model: net, example: [[0, 1]], output: [Array.from(net.run([0, 1]) as ArrayLike<number>)] },
    { name: 'mljs', api: mljsModel as FlavorApi<unknown, object>, model: forest, example: X.slice(0, 2), output: forest.predict(X.slice(0, 2)) },
    { name: 'natural', api: naturalModel as FlavorApi<unknown, object>, model: classifier, example: [{ text: 'good' }], output: [classifier.classify('good')] },
  ];
}

describe('a journaled model folder', () => {
  for (const { name, api, model, example, output } of trained()) {
    test(`${name}: drafted and written out, it is the folder saveModel writes, and it loads and predicts the same`, async () => {
      const options = { signature: inferSignature(example, output), inputExample: example, extraRequirements: { extra: '1.0.0' } };
      const saved = join(mkdtempSync(join(tmpdir(), 'draft-')), 'saved');
      await saveModelWith(api.flavor, model, saved, options, { artifactPath: 'model' });
      const draft = draftModel(api.flavor, model, options, { artifactPath: 'model' });
      assert.ok(draft, `${name} has a snapshot`);
      const written = join(mkdtempSync(join(tmpdir(), 'draft-')), 'written');
      await writeModelFiles(draft, written);
      const [a, b] = [files(saved), files(written)];
      assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
      for (const file of Object.keys(a)) {
        if (file === 'MLmodel') assert.deepEqual(mlmodel(b[file]!), mlmodel(a[file]!));
        else assert.equal(b[file], a[file], file);
      }
      const loaded = await loadModel(written);
      assert.deepEqual(await loaded.predict(example), output);
    });
  }

  test('is not drafted when the save must copy files or predict to infer a signature', () => {
    const { api, model, example } = trained()[0]!;
    assert.equal(draftModel(api.flavor, model, { codePaths: [__filename] }), undefined);
    assert.equal(draftModel(api.flavor, model, { inputExample: example }), undefined, 'the signature would be inferred by predicting');
    assert.ok(draftModel(api.flavor, model, { inputExample: example, signature: false }));
  });

  for (const bad of ['../outside.json', '/etc/passwd', 'a/../../b', 'nul\0.json', 'back\\slash']) {
    test(`refuses to write the file name ${JSON.stringify(bad)}`, async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'draft-')), 'model');
      await assert.rejects(writeModelFiles({ [bad]: 'x', MLmodel: 'flavors: {}\n' }, dir), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.match(error.message, /Refusing the model file/);
        return true;
      });
    });
  }
});
