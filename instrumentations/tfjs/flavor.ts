/**
 * The `tfjs` flavor: a TensorFlow.js LayersModel saved as `data/model.json` + `data/weights.bin`
 * (the layout tfjs-node's file handler writes, here written without tfjs-node), loaded back with
 * `tf.loadLayersModel`, and predicting through `js_function` on arrays or tensors.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MlflowAutologError } from '../../src/errors';
import type { Flavor } from '../../src/models/flavor';
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

  async save(model, dir) {
    const artifacts = await captureArtifacts(model);
    const { modelTopology, weightSpecs, weightData, ...rest } = artifacts;
    await mkdir(join(dir, DATA), { recursive: true });
    // NB: tfjs-node's file handler layout (io/file_system.js): one manifest group, weights.bin.
    const modelJson = { modelTopology, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs ?? [] }], ...rest };
    await writeFile(join(dir, DATA, MODEL_FILE), JSON.stringify(modelJson));
    await writeFile(join(dir, DATA, WEIGHTS_FILE), concatenate(weightData));
    return {
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

  async load(dir) {
    const modelFile = join(dir, DATA, MODEL_FILE);
    if (!existsSync(modelFile)) throw new MlflowAutologError(`No tfjs model at ${modelFile}.`);
    const modelJson = JSON.parse(await readFile(modelFile, 'utf8')) as TfModelArtifacts & {
      weightsManifest: { paths: string[]; weights: unknown[] }[];
    };
    const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
    const buffers = await Promise.all(modelJson.weightsManifest.flatMap((group) => group.paths).map((p) => readFile(join(dir, DATA, p))));
    const weights = Buffer.concat(buffers);
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

/** Save, log and load TensorFlow.js LayersModels the MLflow way (`mlflow-autolog/tfjs`). */
export const tfjsModel = createFlavorApi(tfjsFlavor);
/** The loader `js_function` calls for tfjs models. */
export const loadJsFunction = tfjsModel.loadJsFunction;
