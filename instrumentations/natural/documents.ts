/**
 * The text each training document was added with: natural stores only a document's stemmed
 * tokens, so the `addDocument` wrapper (instrumentation.ts) remembers the text it was given, for
 * the input example. Kept apart from utils.ts, which a training call loads, so that patching
 * natural loads only this.
 */
import type { NaturalClassifier } from './internal-types';

/**
 * The text each training document was added with, by the document natural stores (which keeps
 * only the stemmed tokens); filled by the `addDocument` wrapper while natural is patched.
 */
const rawTexts = new WeakMap<object, string>();

/** Remembers `text` as the raw text of `doc` (a document `addDocument` just stored). */
export function rememberRawText(doc: unknown, text: unknown): void {
  if (doc !== null && typeof doc === 'object' && typeof text === 'string') rawTexts.set(doc, text);
}

/**
 * Input example rows: the first documents' text as given to `addDocument`, what a caller passes
 * to `predict`. A document added before natural was patched (or as tokens) has only its stemmed
 * tokens, joined by spaces.
 */
export function exampleRows(classifier: NaturalClassifier, count: number): { text: string }[] {
  return classifier.docs.slice(0, count).map((doc) => ({ text: rawTexts.get(doc) ?? (Array.isArray(doc.text) ? doc.text.join(' ') : String(doc.text)) }));
}
