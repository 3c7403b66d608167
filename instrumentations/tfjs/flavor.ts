/**
 * The `tfjs` flavor: a TensorFlow.js LayersModel saved as `data/model.json` + `data/weights.bin`
 * (the layout tfjs-node's file handler writes, here written without tfjs-node), loaded back with
 * `tf.loadLayersModel`, and predicting through `js_function` on arrays or tensors.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MlflowAutologError, ValidationError } from '../../src/errors';
import { writeSnapshot, type Flavor } from '../../src/models/flavor';
import { readModelFile, readModelJson } from '../../src/models/model-files';
import { createFlavorApi } from '../../src/models/model-api';
import { installedVersion } from '../../src/models/dependencies';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../../src/version';
import type { TfLayersModel, TfModelArtifacts, TfTensor } from './internal-types';

export const TFJS_FLAVOR_NAME = 'tfjs';
const DATA = 'data';
const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/** The parts of the `@tensorflow/tfjs` namespace that loading and predicting need. */
interface TfNamespace {
  tensor(values: unknown, shape?: number[], dtype?: string): TfTensor & { dispose(): void };
  loadLayersModel(handler: unknown): Promise<TfLayersModel & { predict(x: unknown): unknown }>;
  io: { fromMemory(artifacts: TfModelArtifacts): unknown };
  version?: Record<string, string>;
}

/** The tfjs packages a model may have been trained with, the native backends first. */
const TFJS_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs'];

/** Loads tfjs from the application (or, failing that, from beside this package). */
function requireTfjs(): TfNamespace {
  for (const base of [join(process.cwd(), 'noop.js'), join(PACKAGE_ROOT, 'package.json')]) {
    const require = createRequire(base);
    for (const name of TFJS_PACKAGES) {
      try {
        return require(name) as TfNamespace;
      } catch (error) {
        if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
      }
    }
  }
  throw new MlflowAutologError(
    'Loading a tfjs model needs TensorFlow.js: npm install @tensorflow/tfjs (or @tensorflow/tfjs-node).',
  );
}

function concatenate(data: ArrayBuffer | ArrayBuffer[] | undefined): Buffer {
  if (data === undefined) return Buffer.alloc(0);
  return Buffer.concat((Array.isArray(data) ? data : [data]).map((b) => Buffer.from(b)));
}

/** Captures `model.save` artifacts with an in-memory IO handler (no tfjs-core import needed). */
async function captureArtifacts(model: TfLayersModel): Promise<TfModelArtifacts> {
  let captured: TfModelArtifacts | undefined;
  await model.save({
    save: async (artifacts: TfModelArtifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  } as unknown as Parameters<TfLayersModel['save']>[0]);
  if (!captured) throw new MlflowAutologError('tfjs did not hand the model artifacts to the save handler.');
  return captured;
}

function isTensor(value: unknown): value is TfTensor {
  return typeof value === 'object' && value !== null && Array.isArray((value as TfTensor).shape) && typeof (value as TfTensor).dtype === 'string' && typeof (value as { arraySync?: unknown }).arraySync === 'function';
}

const tfjsFlavor: Flavor<TfLayersModel> = {
  name: TFJS_FLAVOR_NAME,
  loaderModule: `${PACKAGE_NAME}/tfjs`,
  requirements: () => ['@tensorflow/tfjs-layers', '@tensorflow/tfjs-core', ...TFJS_PACKAGES.filter((name) => installedVersion(name))],

  async captureSnapshot(model) {
    const artifacts = await captureArtifacts(model);
    const { modelTopology, weightSpecs, weightData, ...rest } = artifacts;
    // NB: tfjs-node's file handler layout (io/file_system.js): one manifest group, weights.bin.
    const modelJson = { modelTopology, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs ?? [] }], ...rest };
    return {
      files: { [`${DATA}/${MODEL_FILE}`]: JSON.stringify(modelJson), [`${DATA}/${WEIGHTS_FILE}`]: new Uint8Array(concatenate(weightData)) },
      config: {
        data: DATA,
        model_file: `${DATA}/${MODEL_FILE}`,
        format: artifacts.format ?? 'layers-model',
        generated_by: artifacts.generatedBy ?? null,
        tfjs_version: installedVersion('@tensorflow/tfjs-layers') ?? null,
      },
      jsFunction: { data: DATA },
    };
  },

  async save(model, dir, options) {
    return writeSnapshot(await tfjsFlavor.captureSnapshot!(model, options), dir);
  },

  exportOnnx(model) {
    // NB: loaded here: only an ONNX export needs the layer converters.
    return (require('./onnx') as typeof import('./onnx')).tfjsToOnnx(model);
  },

  async load(dir) {
    const modelFile = join(dir, DATA, MODEL_FILE);
    if (!existsSync(modelFile)) throw new MlflowAutologError(`No tfjs model at ${modelFile}.`);
    const modelJson = await readModelJson<TfModelArtifacts & { weightsManifest?: { paths?: unknown; weights?: unknown }[] }>(dir, `${DATA}/${MODEL_FILE}`, 'the tfjs model.json');
    const manifest = Array.isArray(modelJson.weightsManifest) ? modelJson.weightsManifest : [];
    const weightSpecs = manifest.flatMap((group) => (Array.isArray(group.weights) ? (group.weights as WeightSpec[]) : []));
    // NB: weight paths are relative to model.json, and must stay beside it.
    const paths = manifest.flatMap((group) => (Array.isArray(group.paths) ? (group.paths as unknown[]) : []));
    const buffers = await Promise.all(paths.map((p) => readModelFile(join(dir, DATA), p, 'a tfjs weightsManifest path')));
    const weights = Buffer.concat(buffers);
    checkWeightBytes(weightSpecs, weights.byteLength, modelFile);
    const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
    const { weightsManifest: _manifest, ...artifacts } = modelJson;
    const tf = requireTfjs();
    return tf.loadLayersModel(tf.io.fromMemory({ ...artifacts, weightSpecs, weightData }));
  },

  predictor(model) {
    const tf = requireTfjs();
    const layers = model as TfLayersModel & { predict(x: unknown): unknown };
    return {
      predict(input) {
        const owned = !isTensor(input);
        const x = owned ? tf.tensor(input) : input;
        try {
          const output = layers.predict(x);
          const outputs = Array.isArray(output) ? output : [output];
          const arrays = outputs.map((t) => {
            const tensor = t as TfTensor & { arraySync(): unknown; dispose(): void };
            const values = tensor.arraySync();
            tensor.dispose();
            return values;
          });
          return Array.isArray(output) ? arrays : arrays[0];
        } finally {
          if (owned) (x as unknown as { dispose(): void }).dispose();
        }
      },
    };
  },
};

/** One entry of a weights manifest (tfjs-core's WeightsManifestEntry). */
interface WeightSpec {
  name?: string;
  shape?: unknown;
  dtype?: string;
  quantization?: { dtype?: string };
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/**
 * Refuses weights whose size is not what the manifest describes: tfjs would read them anyway and
 * predict nonsense. Skipped for string weights, whose size is not fixed.
 */
function checkWeightBytes(specs: WeightSpec[], actual: number, modelFile: string): void {
  let expected = 0;
  for (const spec of specs) {
    const bytes = DTYPE_BYTES[spec.quantization?.dtype ?? spec.dtype ?? ''];
    if (bytes === undefined || !Array.isArray(spec.shape)) return;
    expected += (spec.shape as number[]).reduce((product, n) => product * n, 1) * bytes;
  }
  if (expected !== actual) {
    throw new ValidationError(`The weights of ${modelFile} are ${actual} bytes, but its weightsManifest describes ${expected}: the weight files are damaged or not this model's.`);
  }
}

/** Save, log and load TensorFlow.js LayersModels the MLflow way (`mlflow-autolog/tfjs`). */
export const tfjsModel = createFlavorApi(tfjsFlavor);
/** The loader `js_function` calls for tfjs models. */
export const loadJsFunction = tfjsModel.loadJsFunction;
