/**
 * The shapes of natural (8.1.1) that the instrumentation and the flavor use, written out so that
 * natural is never imported (it is not a dependency of this package). Never exported from the
 * package.
 */

/** A training document as `addDocument` stores it: the stemmed tokens and the label. */
export interface NaturalDocument {
  label: unknown;
  text: unknown;
}

/** A trained or training classifier (`lib/natural/classifiers/classifier.js`). */
export interface NaturalClassifier {
  docs: NaturalDocument[];
  features: Record<string, number>;
  stemmer: unknown;
  keepStops?: boolean;
  /** The apparatus classifier inside; Bayes keeps its `smoothing` there. */
  classifier: { smoothing?: unknown };
  addDocument(text: unknown, classification: unknown): void;
  train(): void;
  classify(observation: unknown): unknown;
}

/** `BayesClassifier` or `LogisticRegressionClassifier`. */
export interface NaturalClassifierClass {
  new (...args: unknown[]): NaturalClassifier;
  readonly prototype: NaturalClassifier;
  readonly name: string;
  /** Rebuilds a classifier from its JSON (`JSON.parse(JSON.stringify(classifier))`). */
  restore(json: unknown, stemmer?: unknown): NaturalClassifier;
}

/** The classifiers the instrumentation patches. */
export const CLASSIFIER_CLASSES = ['BayesClassifier', 'LogisticRegressionClassifier'] as const;

/** The module exports of `natural`: the classifiers and, among the rest, the stemmers. */
export type NaturalExports = Partial<Record<(typeof CLASSIFIER_CLASSES)[number], NaturalClassifierClass>> & Record<string, unknown>;
