/**
 * The `mljs` flavor: a trained ml.js estimator saved as `data/model.json` (its `toJSON()`, with
 * the package and class it came from, so that loading calls that class's static `load`), or an
 * ml-kmeans result saved as its centroids and options (k-means has no `toJSON`/`load`; predict is
 * the nearest centroid). Predicts through `js_function` on rows (number arrays, a one-dimensional
 * array for the one-variable regressions, or records in the signature's column order).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MlflowAutologError } from '../../src/errors';
import { writeSnapshot, type Flavor, type FlavorSnapshot } from '../../src/models/flavor';
import { readModelJson } from '../../src/models/model-files';
import { installedVersion } from '../../src/models/dependencies';
import { createFlavorApi } from '../../src/models/model-api';
import { columnNames, isPlainObject } from '../../src/models/signature';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../../src/version';
import { requireInstalled } from '../../src/util/require-installed';
import { ESTIMATORS, estimatorOfModel, KMEANS_DEFAULTS, type EstimatorSpec } from './estimators';
import type { KMeansOptions, KMeansResult, MlClass, MlEstimator } from './internal-types';
import { paramText, plain } from './utils';

export const MLJS_FLAVOR_NAME = 'mljs';
const DATA = 'data';
const MODEL_FILE = 'model.json';

/** A k-means model: the centroids of an ml-kmeans result, predicting the nearest centroid. */
export interface KMeansModel {
  readonly centroids: number[][];
  readonly options: Record<string, unknown>;
  /** The index of the nearest centroid (squared Euclidean distance) of each point. */
  predict(points: number[][]): number[];
}

/** What the flavor saves and loads: an ml.js estimator, or a k-means result / model. */
export type MljsModel = MlEstimator | KMeansResult | KMeansModel;

/** Save options of the `mljs` flavor. */
export interface MljsSaveOptions {
  /** The options `kmeans(data, K, options)` was called with (recorded with a k-means model). */
  kmeansOptions: KMeansOptions & { K?: number };
}

/** What `data/model.json` holds. */
interface SavedModel {
  package: string;
  export: string | null;
  class: string;
  model: unknown;
}

/** Loads an ml.js package from the application (or, failing that, from beside this package). */
function requirePackage(name: string): unknown {
  const found = requireInstalled(name);
  if (found !== undefined) return found;
  throw new MlflowAutologError(`Loading this mljs model needs ${name}: npm install ${name}.`);
}

/** ml-matrix as the given package resolves it (for estimators whose predict takes a Matrix). */
function requireMatrix(from: string): { Matrix: new (rows: number[][]) => unknown } {
  for (const base of [join(process.cwd(), 'noop.js'), join(PACKAGE_ROOT, 'package.json')]) {
    try {
      return createRequire(createRequire(base).resolve(from))('ml-matrix') as { Matrix: new (rows: number[][]) => unknown };
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  throw new MlflowAutologError(`Predicting with this mljs model needs ml-matrix: npm install ml-matrix.`);
}

function classOf(spec: EstimatorSpec): MlClass {
  const exports = requirePackage(spec.module) as Record<string, unknown>;
  const Class = (spec.exportName ? exports[spec.exportName] : exports) as MlClass | undefined;
  if (typeof Class?.load !== 'function') throw new MlflowAutologError(`${spec.module} has no ${spec.className}.load(); its version may not match the model's.`);
  return Class;
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i]! - b[i]!) ** 2;
  return d;
}

/** A k-means model from saved centroids. */
export function kmeansModel(centroids: number[][], options: Record<string, unknown>): KMeansModel {
  return {
    centroids,
    options,
    predict(points) {
      return points.map((point) => {
        let best = 0;
        for (let c = 1; c < centroids.length; c++) if (squaredDistance(point, centroids[c]!) < squaredDistance(point, centroids[best]!)) best = c;
        return best;
      });
    },
  };
}

function isKMeans(model: object): model is KMeansResult | KMeansModel {
  return Array.isArray((model as { centroids?: unknown }).centroids) && (estimatorOfModel(model)?.kind === 'function' || typeof (model as { toJSON?: unknown }).toJSON !== 'function');
}

function specOfSaved(saved: SavedModel): EstimatorSpec {
  const spec = ESTIMATORS.find((e) => e.module === saved.package && e.className === saved.class);
  if (!spec) throw new MlflowAutologError(`Unknown mljs model class ${saved.package}.${saved.class}; a newer mlflow-autolog may know it.`);
  return spec;
}

/** Records (or a columns object) as rows in the signature's column order; rows as they are. */
function toRows(input: unknown, columns: string[] | undefined): unknown {
  const data = plain(input);
  if (Array.isArray(data) && data.length > 0 && data.every(isPlainObject)) {
    const names = columns ?? Object.keys(data[0] as object);
    return data.map((record) => names.map((name) => (record as Record<string, unknown>)[name]));
  }
  return data;
}

/** The estimator's `data/model.json` and flavor block, taken at once (see `Flavor.snapshot`). */
function snapshot(model: MljsModel, options: Partial<MljsSaveOptions>): FlavorSnapshot {
  let saved: SavedModel;
  if (isKMeans(model)) {
    const given = (options.kmeansOptions ?? (model as KMeansModel).options ?? {}) as Record<string, unknown>;
    // NB: a custom distance cannot be saved; predictions use squared Euclidean distance, ml-kmeans' default.
    const kmeansOptions = Object.fromEntries(Object.entries({ ...KMEANS_DEFAULTS, ...given }).map(([k, v]) => [k, typeof v === 'function' ? paramText(v) : v]));
    saved = { package: 'ml-kmeans', export: 'kmeans', class: 'kmeans', model: { centroids: model.centroids, options: kmeansOptions } };
  } else {
    const spec = estimatorOfModel(model);
    if (!spec) throw new MlflowAutologError(`mljs cannot save a ${model.constructor?.name ?? typeof model}: not an ml.js estimator it knows.`);
    if (spec.className === 'KNN' && !(model as unknown as { isEuclidean: boolean }).isEuclidean) {
      throw new MlflowAutologError('mljs cannot save a KNN model with a custom distance function: KNN.load needs the function again.');
    }
    // NB: through JSON text: KNN.load fails on the raw toJSON() object (node-internals 3.2).
    const json = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    if (spec.jsonName && json.name === undefined) json.name = spec.jsonName;
    saved = { package: spec.module, export: spec.exportName ?? null, class: spec.className, model: json };
  }
  return {
    files: { [`${DATA}/${MODEL_FILE}`]: JSON.stringify(saved) },
    config: { data: `${DATA}/${MODEL_FILE}`, package: saved.package, package_version: installedVersion(saved.package) ?? null, class: saved.class, export: saved.export },
    jsFunction: { data: `${DATA}/${MODEL_FILE}` },
  };
}

const mljsFlavor: Flavor<MljsModel, MljsSaveOptions> = {
  name: MLJS_FLAVOR_NAME,
  loaderModule: `${PACKAGE_NAME}/mljs`,
  requirements(model) {
    const spec = model ? (isKMeans(model) ? undefined : estimatorOfModel(model)) : undefined;
    return spec ? [spec.module, ...(spec.matrixInput ? ['ml-matrix'] : [])] : [];
  },

  snapshot,
  async save(model, dir, options) {
    return writeSnapshot(snapshot(model, options), dir);
  },

  exportOnnx(model) {
    // NB: loaded here: only an ONNX export needs the converter.
    return (require('./onnx') as typeof import('./onnx')).mljsToOnnx(model);
  },

  async load(dir) {
    const saved = await readModelJson<SavedModel>(dir, `${DATA}/${MODEL_FILE}`, 'the mljs model file');
    const spec = specOfSaved(saved);
    if (spec.kind === 'function') {
      const { centroids, options } = saved.model as { centroids: number[][]; options: Record<string, unknown> };
      return kmeansModel(centroids, options);
    }
    return classOf(spec).load(saved.model);
  },

  predictor(model, spec) {
    const estimator = isKMeans(model) ? undefined : estimatorOfModel(model);
    const columns = columnNames(spec.signature?.inputs);
    const Matrix = estimator?.matrixInput ? requireMatrix(estimator.module).Matrix : undefined;
    return {
      predict(input) {
        const rows = toRows(input, columns);
        if (isKMeans(model)) return 'predict' in model ? model.predict(rows as number[][]) : model.nearest(rows as number[][]);
        return plain((model as MlEstimator).predict(Matrix ? new Matrix(rows as number[][]) : rows), true);
      },
    };
  },
};

/** Save, log and load ml.js models the MLflow way (`mlflow-autolog/mljs`). */
export const mljsModel = createFlavorApi(mljsFlavor);
/** The loader `js_function` calls for mljs models. */
export const loadJsFunction = mljsModel.loadJsFunction;
