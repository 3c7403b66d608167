/**
 * What the natural instrumentation reads from a classifier: params, the stemmer's export name,
 * predictions and accuracy on the training documents, and the signature of a text classifier.
 * Pure functions over the shapes in internal-types.ts; nothing here imports natural.
 */
import { inferSchema } from '../../src/models/infer-signature';
import type { ModelSignature, Schema } from '../../src/models/signature';
import type { NaturalClassifier, NaturalClassifierClass } from './internal-types';

/** The name under which `exports` holds `stemmer` (`PorterStemmer`, `LancasterStemmer`, …), if any. */
export function stemmerName(exports: Record<string, unknown>, stemmer: unknown): string | undefined {
  if (stemmer === undefined || stemmer === null) return undefined;
  for (const [name, value] of Object.entries(exports)) if (value === stemmer && /Stemmer/.test(name)) return name;
  return undefined;
}

/** The class a classifier was built from (its own constructor). */
export function classifierClass(classifier: NaturalClassifier): NaturalClassifierClass {
  return (classifier as unknown as { constructor: NaturalClassifierClass }).constructor;
}

/** The distinct labels of the training documents. */
export function labels(classifier: NaturalClassifier): unknown[] {
  return [...new Set(classifier.docs.map((d) => d.label))];
}

/**
 * The classifier's settings and the size of its training set: `classifier_type`, `smoothing`
 * (Bayes), `stemmer`, `keep_stops`, `num_documents`, `num_classes`, `num_features`.
 */
export function classifierParams(classifier: NaturalClassifier, stemmer: string | undefined): Record<string, string> {
  const params: Record<string, string> = { classifier_type: classifierClass(classifier).name };
  const smoothing = classifier.classifier?.smoothing;
  if (typeof smoothing === 'number') params.smoothing = String(smoothing);
  params.stemmer = stemmer ?? 'None';
  params.keep_stops = String(Boolean(classifier.keepStops));
  params.num_documents = String(classifier.docs.length);
  params.num_classes = String(labels(classifier).length);
  params.num_features = String(Object.keys(classifier.features ?? {}).length);
  return params;
}

/** The classifier's label for each training document (its stored, already stemmed tokens). */
export function trainingPredictions(classifier: NaturalClassifier): unknown[] {
  return classifier.docs.map((doc) => classifier.classify(doc.text));
}

/**
 * The share of training documents classified as labelled.
 * NB: compared as text: Bayes returns its labels as the keys of its tables, so a number label
 * comes back as a string.
 */
export function accuracy(classifier: NaturalClassifier, predictions: unknown[]): number {
  if (predictions.length === 0) return 0;
  let right = 0;
  predictions.forEach((predicted, i) => {
    if (String(predicted) === String(classifier.docs[i]!.label)) right++;
  });
  return right / predictions.length;
}

/** A string column `text` in; one unnamed column of labels (usually strings) out. */
export function textClassifierSignature(predictions: unknown[]): ModelSignature {
  let outputs: Schema = [{ type: 'string', required: true }];
  try {
    if (predictions.length > 0) outputs = inferSchema(predictions);
  } catch {
    // NB: labels of mixed types: keep the string column (what Bayes returns for any label).
  }
  return { inputs: [{ type: 'string', name: 'text', required: true }], outputs };
}
