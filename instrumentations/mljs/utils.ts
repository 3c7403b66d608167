/**
 * What the ml.js instrumentation reads from a training call: the data as plain arrays (ml.js
 * takes arrays, typed arrays or ml-matrix Matrices), params as strings, the training metrics of
 * each kind of estimator, and the model's signature and input example. Nothing here imports
 * ml.js.
 */
import { arrayDatasetInput, float64ArrayData, type ArrayData } from '../../src/autolog/datasets';
import type { DatasetInput } from '../../src/store/types';
import type { EstimatorSpec } from './estimators';
import type { KMeansResult, MatrixLike, MlEstimator, MlPca, MlProbabilistic } from './internal-types';
import { classifierMetrics, inertia, regressorMetrics, sortedLabels } from './metrics';

/** The rows of an input example (MLflow's autolog logs the first five). */
export const INPUT_EXAMPLE_ROWS = 5;

/** MLflow logs an absent value as Python's `None`. */
const NONE = 'None';

/** A param value as text: functions by name, objects as JSON, absent values as `None`. */
export function paramText(value: unknown): string {
  if (value === undefined || value === null) return NONE;
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return value.name || 'function';
  if (typeof value === 'object') return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? v.name || 'function' : v));
  return String(value);
}

/** Params as MLflow stores them (strings). */
export function paramsText(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, paramText(value)]));
}

function isMatrixLike(value: unknown): value is MatrixLike {
  return value !== null && typeof value === 'object' && typeof (value as MatrixLike).to2DArray === 'function';
}

/**
 * Data as plain arrays: a Matrix as its rows (a one-column Matrix of targets as a vector), typed
 * arrays as arrays, anything else as it is.
 */
export function plain(data: unknown, asVector = false): unknown {
  if (isMatrixLike(data)) {
    const rows = data.to2DArray();
    return asVector && data.columns === 1 ? rows.map((row) => row[0]) : rows;
  }
  if (ArrayBuffer.isView(data)) return Array.from(data as unknown as ArrayLike<number>);
  if (Array.isArray(data)) return data.map((row) => (ArrayBuffer.isView(row) ? Array.from(row as unknown as ArrayLike<number>) : row));
  return data;
}

function asArray(value: unknown, what: string): unknown[] {
  const data = plain(value, true);
  if (!Array.isArray(data)) throw new TypeError(`ml.js ${what} are not an array`);
  return data;
}

/** RandomForestClassifier's class probabilities (one column per class, classes sorted). */
function probabilities(model: MlEstimator, x: unknown, yTrue: unknown[]): { proba: number[][]; classes: unknown[] } | undefined {
  const probabilistic = model as Partial<MlProbabilistic>;
  if (typeof probabilistic.predictProbability !== 'function') return undefined;
  const classes = sortedLabels(yTrue);
  const perClass = classes.map((label) => probabilistic.predictProbability!(x, label));
  // NB: these are vote shares, rounded to 6 digits, and trees may vote for no training label, so
  // a row can sum to less than 1; normalized, they are probabilities as predict_proba's are.
  const proba = yTrue.map((_, i) => {
    const row = perClass.map((column) => column[i]!);
    const sum = row.reduce((a, b) => a + b, 0);
    return sum > 0 ? row.map((p) => p / sum) : row.map(() => 1 / classes.length);
  });
  return { proba, classes };
}

/** The training metrics of a trained estimator on its training data (none for unknown shapes). */
export function trainingMetrics(spec: EstimatorSpec, model: unknown, args: unknown[]): Record<string, number> {
  const { x, y } = spec.data(args);
  switch (spec.task) {
    case 'classifier': {
      const estimator = model as MlEstimator;
      const yTrue = asArray(y, 'targets');
      const yPred = asArray(estimator.predict(x), 'predictions');
      return classifierMetrics(yTrue, yPred, probabilities(estimator, x, yTrue));
    }
    case 'regressor': {
      const yTrue = asArray(y, 'targets') as number[] | number[][];
      const yPred = asArray((model as MlEstimator).predict(x), 'predictions') as number[] | number[][];
      return regressorMetrics(yTrue, yPred);
    }
    case 'clusterer': {
      const result = model as KMeansResult;
      return { training_inertia: inertia(asArray(x, 'data') as number[][], result.centroids, result.clusters) };
    }
    case 'decomposition':
      return {};
  }
}

/** PCA's explained variance ratio per component, logged at step = component index. */
export function explainedVariance(model: unknown): number[] {
  return (model as MlPca).getExplainedVariance();
}

/**
 * Sets of training rows to try as the input example, best first, as plain arrays (records stay
 * records): the first five (MLflow's), the first row of each class (for a classifier's labels
 * `y`), then the first four, three, two and one. Empty without rows.
 */
export function exampleCandidates(x: unknown, y?: unknown): unknown[][] {
  const data = plain(x);
  if (!Array.isArray(data) || data.length === 0) return [];
  const sets: number[][] = [range(Math.min(INPUT_EXAMPLE_ROWS, data.length))];
  const labels = y === undefined ? undefined : plain(y, true);
  if (Array.isArray(labels) && labels.length === data.length) {
    const firsts = new Map<string, number>();
    labels.forEach((label, i) => {
      const key = JSON.stringify(label) ?? String(label);
      if (!firsts.has(key)) firsts.set(key, i);
    });
    sets.push([...firsts.values()].slice(0, INPUT_EXAMPLE_ROWS));
  }
  for (let n = Math.min(INPUT_EXAMPLE_ROWS, data.length) - 1; n >= 1; n--) sets.push(range(n));
  const seen = new Set<string>();
  return sets.filter((set) => {
    const key = set.join(',');
    return !seen.has(key) && Boolean(seen.add(key));
  }).map((set) => set.map((i) => data[i]));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function numericArray(data: unknown): ArrayData | undefined {
  const values = plain(data, true);
  return Array.isArray(values) ? float64ArrayData(values) : undefined;
}

/** The training data as a dataset input (numeric arrays only; context `train`). */
export function trainingDataset(x: unknown, y: unknown): DatasetInput[] {
  const features = numericArray(x);
  if (!features) return [];
  const targets = y === undefined ? undefined : numericArray(y);
  return [arrayDatasetInput({ features: [features], ...(targets ? { targets: [targets] } : {}), context: 'train' })];
}
