/**
 * What the instrumentation knows of each ml.js estimator: its package and export, how it trains
 * (a `train` method, its constructor, or a function), what it is (classifier, regressor …),
 * where the training data are in the call's arguments, and its params with defaults resolved
 * (node-internals 3.2). The one table that names ml.js classes.
 */
/** What the estimator does, which decides the training metrics. */
export type Task = 'classifier' | 'regressor' | 'clusterer' | 'decomposition';

/** How the estimator trains: `model.train(X, y)`, `new Model(X, y, …)`, or `kmeans(data, K, …)`. */
export type TrainingKind = 'method' | 'constructor' | 'function';

/** One trainable estimator of the family. */
export interface EstimatorSpec {
  /** The npm package it is exported from. */
  readonly module: string;
  /** Its export, or undefined when `module.exports` is the class itself. */
  readonly exportName?: string;
  /** The class (or function) name, for the `estimator_name` tag. */
  readonly className: string;
  readonly kind: TrainingKind;
  readonly task: Task;
  /** The training inputs and targets among the call's arguments. */
  data(args: unknown[]): { x: unknown; y?: unknown };
  /** Params with defaults resolved, from the trained model and the call's arguments. */
  params(model: unknown, args: unknown[]): Record<string, unknown>;
  /** True when `predict` takes an ml-matrix `Matrix`, not arrays (ml-logistic-regression). */
  readonly matrixInput?: boolean;
  /** The `name` its static `load` requires, when its `toJSON()` leaves it out. */
  readonly jsonName?: string;
}

type Fields = Record<string, unknown>;

function pick(source: unknown, keys: string[]): Fields {
  const object = (source ?? {}) as Fields;
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

function optionsAt(args: unknown[], index: number): Fields {
  const value = args[index];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

const xy = (args: unknown[]) => ({ x: args[0], y: args[1] });
const xOnly = (args: unknown[]) => ({ x: args[0] });
const none = () => ({});

const FOREST = ['maxFeatures', 'replacement', 'nEstimators', 'seed', 'useSampleBagging', 'noOOB', 'maxSamples', 'treeOptions'];

function treeParams(model: unknown): Fields {
  const { kind: _kind, ...options } = ((model as unknown as { options?: Fields }).options ?? {}) as Fields;
  return options;
}

function degreeParams(_model: unknown, args: unknown[]): Fields {
  return { degree: args[2] };
}

/** ml-pca's defaults (`src/pca.ts`). */
const PCA_DEFAULTS = { isCovarianceMatrix: false, method: 'SVD', nCompNIPALS: 2, center: true, scale: false, ignoreZeroVariance: false };
/** ml-kmeans' defaults (`src/kmeans.ts`). */
export const KMEANS_DEFAULTS = { maxIterations: 100, tolerance: 1e-6, initialization: 'kmeans++', distanceFunction: 'squaredEuclidean', seed: undefined };

function spec(module: string, exportName: string | undefined, className: string, kind: TrainingKind, task: Task, data: EstimatorSpec['data'], params: EstimatorSpec['params']): EstimatorSpec {
  return { module, exportName, className, kind, task, data, params };
}

/** Every estimator the instrumentation autologs. */
export const ESTIMATORS: readonly EstimatorSpec[] = [
  spec('ml-random-forest', 'RandomForestClassifier', 'RandomForestClassifier', 'method', 'classifier', xy, (m) => pick(m, FOREST)),
  spec('ml-random-forest', 'RandomForestRegression', 'RandomForestRegression', 'method', 'regressor', xy, (m) => pick(m, [...FOREST, 'selectionMethod'])),
  spec('ml-cart', 'DecisionTreeClassifier', 'DecisionTreeClassifier', 'method', 'classifier', xy, treeParams),
  spec('ml-cart', 'DecisionTreeRegression', 'DecisionTreeRegression', 'method', 'regressor', xy, treeParams),
  { ...spec('ml-logistic-regression', undefined, 'LogisticRegression', 'method', 'classifier', xy, (m) => pick(m, ['numSteps', 'learningRate'])), matrixInput: true },
  spec('ml-naivebayes', 'GaussianNB', 'GaussianNB', 'method', 'classifier', xy, none),
  spec('ml-naivebayes', 'MultinomialNB', 'MultinomialNB', 'method', 'classifier', xy, none),
  spec('ml-svm', undefined, 'SVM', 'method', 'classifier', xy, treeParams),
  spec('ml-knn', undefined, 'KNN', 'constructor', 'classifier', xy, (m, args) => ({
    k: (m as unknown as { k: number }).k,
    distance: (m as unknown as { isEuclidean: boolean }).isEuclidean ? 'euclidean' : optionsAt(args, 2).distance,
  })),
  spec('ml-regression-simple-linear', 'SimpleLinearRegression', 'SimpleLinearRegression', 'constructor', 'regressor', xy, none),
  spec('ml-regression-polynomial', 'PolynomialRegression', 'PolynomialRegression', 'constructor', 'regressor', xy, degreeParams),
  spec('ml-regression-exponential', 'ExponentialRegression', 'ExponentialRegression', 'constructor', 'regressor', xy, none),
  spec('ml-regression-power', 'PowerRegression', 'PowerRegression', 'constructor', 'regressor', xy, none),
  spec('ml-regression-theil-sen', 'TheilSenRegression', 'TheilSenRegression', 'constructor', 'regressor', xy, none),
  // NB: 3.0.2's toJSON() writes `name: this.name`, which is undefined, and load() then refuses
  // it (ml-regression-robust-polynomial src/index.ts, toJSON and load).
  { ...spec('ml-regression-robust-polynomial', 'RobustPolynomialRegression', 'RobustPolynomialRegression', 'constructor', 'regressor', xy, degreeParams), jsonName: 'robustPolynomialRegression' },
  spec('ml-regression-multivariate-linear', undefined, 'MultivariateLinearRegression', 'constructor', 'regressor', xy, (m) => pick(m, ['intercept', 'statistics'])),
  spec('ml-pca', 'PCA', 'PCA', 'constructor', 'decomposition', xOnly, (_m, args) => ({ ...PCA_DEFAULTS, ...optionsAt(args, 1) })),
  spec('ml-kmeans', 'kmeans', 'kmeans', 'function', 'clusterer', xOnly, (_m, args) => ({ K: args[1], ...KMEANS_DEFAULTS, ...optionsAt(args, 2) })),
];

/** The estimators a module exports. */
export function estimatorsOf(module: string): EstimatorSpec[] {
  return ESTIMATORS.filter((e) => e.module === module);
}

/** The estimator a trained model is an instance of, by its class name (what `save` needs). */
export function estimatorOfModel(model: object): EstimatorSpec | undefined {
  const name = (model.constructor as { name?: string } | undefined)?.name;
  if (name === 'KMeansResult') return ESTIMATORS.find((e) => e.kind === 'function');
  return ESTIMATORS.find((e) => e.kind !== 'function' && e.className === name);
}

/** The packages of the family, for telling a library's internal calls from the user's. */
export const FAMILY_PACKAGES: readonly string[] = [...new Set([...ESTIMATORS.map((e) => e.module), 'ml-regression'])];
