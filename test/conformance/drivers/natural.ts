/**
 * The conformance driver of the natural instrumentation: a BayesClassifier over a handful of
 * labelled sentences, trained with the synchronous `train()`.
 */
import { naturalInstrumentation } from '../../../instrumentations/natural/instrumentation';
import { isWrapped } from '../../../src/autolog/shimmer';
import type { ConformanceDriver } from '../driver';
import { settle, thrown } from '../helpers';

interface Classifier {
  addDocument(text: unknown, label: string): void;
  train(): void;
  classify(text: string): string;
  on(event: string, listener: () => void): void;
}
interface Natural {
  BayesClassifier: new () => Classifier;
  LogisticRegressionClassifier: new () => Classifier;
}

let natural: Natural;

const DOCUMENTS: [string, string][] = [
  ['the striker scored a late goal', 'sport'],
  ['the keeper saved the penalty', 'sport'],
  ['a tense match ended in a draw', 'sport'],
  ['the central bank raised interest rates', 'economy'],
  ['inflation slowed as prices fell', 'economy'],
  ['the market rallied on strong earnings', 'economy'],
];
const HELD_OUT = ['a goal in the final minute', 'rates and prices rose again'];

function classifier(): Classifier {
  const c = new natural.BayesClassifier();
  for (const [text, label] of DOCUMENTS) c.addDocument(text, label);
  return c;
}

export const naturalDriver: ConformanceDriver = {
  instrumentation: naturalInstrumentation,
  epochMetrics: ['training_accuracy_score'],
  epochs: 1,
  load() {
    // NB: loaded on demand, through require, as an application would: the hooks must see it.
    natural ??= require('natural') as Natural;
  },
  async train() {
    const c = classifier();
    await settle(() => c.train());
    return { model: JSON.parse(JSON.stringify(c)) as unknown, predictions: HELD_OUT.map((text) => c.classify(text)) };
  },
  async trainThrowing(error) {
    const c = classifier();
    c.on('trainedWithDocument', () => {
      throw error;
    });
    return thrown(() => c.train());
  },
  async trainWithBadInput() {
    const c = classifier();
    // NB: a document that is not text: natural stores it, and its train() throws a TypeError.
    c.addDocument(42, 'economy');
    return thrown(() => c.train());
  },
  isPatched() {
    const wrapped = [natural.BayesClassifier.prototype, natural.LogisticRegressionClassifier.prototype].map((p) => isWrapped((p as unknown as Record<string, unknown>).train));
    if (wrapped[0] !== wrapped[1]) throw new Error(`partly patched: ${wrapped.join(',')}`);
    return wrapped[0]!;
  },
};
