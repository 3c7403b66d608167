/**
 * The `onnx` flavor, written as MLflow's Python `mlflow.onnx` writes it: `model.onnx`, the
 * `flavors.onnx` block, a `python_function` block with `loader_module: mlflow.onnx`, and the
 * Python environment files (`requirements.txt`, `python_env.yaml`, `conda.yaml`). Python MLflow
 * then loads, serves and batch-scores the model (`mlflow.pyfunc.load_model`, `mlflow models
 * serve`, `spark_udf`); in Node it runs through onnxruntime-node behind `js_function`.
 *
 * Two uses: {@link onnxCompanion} adds the flavor to a model another flavor saved (autologging's
 * `logOnnx`, `saveModel(..., { onnx: true })`), from that flavor's `exportOnnx`; and
 * {@link onnxModel} saves, logs and loads an ONNX file on its own (`mlflow-autolog/onnx`).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { MlflowAutologError } from '../errors';
import type { Flavor, Predictor } from '../models/flavor';
import type { FlavorConfig, ModelSpec } from '../models/mlmodel';
import { columnNames } from '../models/signature';
import { createFlavorApi } from '../models/model-api';
import { warn } from '../util/logger';
import { containedPath } from '../util/paths';
import { PACKAGE_NAME } from '../version';

export const ONNX_FLAVOR_NAME = 'onnx';
const PYTHON_FUNCTION = 'python_function';
const MODEL_FILE = 'model.onnx';

/**
 * What the `python_function` environment pins: the MLflow, onnx and onnxruntime releases CI
 * loads and serves these models with, and the Python they run on (major.minor: MLflow checks
 * only that much, and uv and pyenv install the newest patch release).
 */
const PYTHON_VERSION = '3.11';
const PYTHON_REQUIREMENTS = ['mlflow==3.18.0', 'onnx==1.23.2', 'onnxruntime==1.32.0'];
/** The onnx release whose checker and runtime these files are written for (`flavors.onnx.onnx_version`). */
const ONNX_VERSION = '1.23.2';
/** MLflow's default providers: CUDA when present, else CPU. */
const PROVIDERS = ['CUDAExecutionProvider', 'CPUExecutionProvider'];

/** A model's files beside MLmodel: path in the folder → contents. */
export type FolderFiles = Record<string, string | Uint8Array>;

/** The files and MLmodel blocks of the `onnx` flavor for an exported model. */
export interface OnnxCompanion {
  files: FolderFiles;
  flavors: Record<string, FlavorConfig>;
}

/** The `onnx` flavor's files and blocks (`onnx`, `python_function`) for the ONNX file `bytes`. */
export function onnxCompanion(bytes: Uint8Array): OnnxCompanion {
  const files: FolderFiles = {
    [MODEL_FILE]: bytes,
    'requirements.txt': PYTHON_REQUIREMENTS.join('\n'),
    'python_env.yaml': [`python: '${PYTHON_VERSION}'`, 'build_dependencies:', '- pip', '- setuptools', '- wheel', 'dependencies:', '- -r requirements.txt', ''].join('\n'),
    'conda.yaml': ['channels:', '- conda-forge', 'dependencies:', `- python=${PYTHON_VERSION}`, '- pip', '- pip:', ...PYTHON_REQUIREMENTS.map((r) => `  - ${r}`), 'name: mlflow-env', ''].join('\n'),
  };
  return {
    files,
    flavors: {
      [ONNX_FLAVOR_NAME]: { code: null, data: MODEL_FILE, onnx_session_options: null, onnx_version: ONNX_VERSION, providers: PROVIDERS },
      [PYTHON_FUNCTION]: {
        data: MODEL_FILE,
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
        loader_module: 'mlflow.onnx',
        python_version: PYTHON_VERSION,
      },
    },
  };
}

/**
 * The companion for `model` from its flavor's `exportOnnx`, or undefined, with one warning, when
 * the flavor has no exporter or the model has a part ONNX export does not support: the model is
 * then saved with its other flavors.
 */
export function exportCompanion<M, O>(flavor: Flavor<M, O>, model: M, options: Partial<O>): OnnxCompanion | undefined {
  if (!flavor.exportOnnx) {
    warn(`${flavor.name} models cannot be exported to ONNX; the model is saved without the onnx and python_function flavors`);
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = flavor.exportOnnx(model, options);
  } catch (error) {
    warn(`the model is saved without the onnx and python_function flavors: ${(error as Error).message}`);
    return undefined;
  }
  return onnxCompanion(bytes);
}

/** The path of a model folder's ONNX file, from its `onnx` block, checked to stay inside `dir`. */
function onnxFile(dir: string, spec: ModelSpec): string {
  const block = spec.flavors[ONNX_FLAVOR_NAME];
  if (!block) throw new MlflowAutologError(`The model at ${dir} has no ${ONNX_FLAVOR_NAME} flavor; its flavors are ${Object.keys(spec.flavors).join(', ') || '(none)'}.`);
  const data = typeof block.data === 'string' ? block.data : MODEL_FILE;
  const path = containedPath(dir, data, 'flavors.onnx.data');
  if (!existsSync(path)) throw new MlflowAutologError(`The ONNX file ${data} named by flavors.onnx.data is missing from ${dir}.`);
  return path;
}

/** A predictor running the model folder's ONNX file with onnxruntime-node (see `runtime.ts`). */
export async function loadOnnxPredictor(dir: string, spec: ModelSpec): Promise<Predictor> {
  const { onnxPredictor } = require('./runtime') as typeof import('./runtime');
  const { checkExternalData } = require('./external-data') as typeof import('./external-data');
  const path = onnxFile(dir, spec);
  await checkExternalData(path);
  // NB: records feed a one-input model in the signature's column order.
  return onnxPredictor(path, columnNames(spec.signature?.inputs));
}

const onnxFlavor: Flavor<Uint8Array> = {
  name: ONNX_FLAVOR_NAME,
  loaderModule: `${PACKAGE_NAME}/onnx`,
  requirements: () => ['onnxruntime-node'],

  async save(model, dir) {
    if (!(model instanceof Uint8Array)) throw new MlflowAutologError('The onnx flavor saves an ONNX file given as bytes (a Uint8Array or Buffer, e.g. readFileSync("model.onnx")).');
    const { files, flavors } = onnxCompanion(model);
    for (const [name, contents] of Object.entries(files)) await writeFile(containedPath(dir, name), contents);
    const { [ONNX_FLAVOR_NAME]: config, ...otherFlavors } = flavors;
    return { config, otherFlavors, jsFunction: { data: MODEL_FILE } };
  },

  /** The ONNX file's bytes, as `mlflow.onnx.load_model` gives the ModelProto. */
  async load(dir, spec) {
    return new Uint8Array(await readFile(onnxFile(dir, spec)));
  },

  predictor(_model, spec, dir) {
    return loadOnnxPredictor(dir, spec);
  },
};

/** Save, log and load ONNX models the MLflow way (`mlflow-autolog/onnx`): Python MLflow loads them too. */
export const onnxModel = createFlavorApi(onnxFlavor);
/** The loader `js_function` calls for onnx models. */
export const loadJsFunction = onnxModel.loadJsFunction;
