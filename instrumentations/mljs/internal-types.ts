/**
 * The shapes of the ml.js packages that the instrumentation and the flavor use, written out so
 * that no ml.js package is imported (they are not dependencies of this package). Never exported
 * from the package.
 */

/** A trained ml.js estimator: every class of the family predicts and serializes to JSON. */
export interface MlEstimator {
  predict(x: unknown): unknown;
  toJSON(): unknown;
}

/** `RandomForestClassifier.predictProbability(X, label)`: each row's share of trees voting `label`. */
export interface MlProbabilistic extends MlEstimator {
  predictProbability(x: unknown, label: unknown): number[];
}

/** `ml-pca`'s PCA. */
export interface MlPca extends MlEstimator {
  getExplainedVariance(): number[];
}

/** An ml.js class: constructible, with the static `load(json)` of its serialized form. */
export interface MlClass {
  new (...args: unknown[]): MlEstimator;
  load(json: unknown): MlEstimator;
  readonly name: string;
  readonly prototype: object;
}

/** What `kmeans(data, K, options)` of ml-kmeans returns (`KMeansResult`). */
export interface KMeansResult {
  clusters: number[];
  centroids: number[][];
  converged: boolean;
  iterations: number;
  nearest(points: number[][]): number[];
}

/** The options of `kmeans(data, K, options)`. */
export interface KMeansOptions {
  maxIterations?: number;
  tolerance?: number;
  initialization?: unknown;
  distanceFunction?: (a: number[], b: number[]) => number;
  seed?: number;
}

/** ml-matrix's `Matrix`, as far as the instrumentation reads one (a user may pass it as data). */
export interface MatrixLike {
  readonly rows: number;
  readonly columns: number;
  to2DArray(): number[][];
}

/** The exports of a module of the family: an object of classes, or (ml-knn, ml-svm …) the class itself. */
export type MlModuleExports = Record<string, unknown> | MlClass;
