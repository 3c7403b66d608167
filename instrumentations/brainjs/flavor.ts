/**
 * The `brainjs` flavor: a brain.js network saved as `model.json` (its own `toJSON()`), with its
 * class recorded in the flavor block, loaded back with `new <class>().fromJSON(json)`, and
 * predicting through `js_function` by calling `run` on each row.
 */
import { MlflowAutologError } from '../../src/errors';
import { installedVersion } from '../../src/models/dependencies';
import { writeSnapshot, type Flavor, type FlavorSnapshot } from '../../src/models/flavor';
import { readModelJson } from '../../src/models/model-files';
import { createFlavorApi } from '../../src/models/model-api';
import { PACKAGE_NAME } from '../../src/version';
import { requireInstalled } from '../../src/util/require-installed';
import type { BrainExports, BrainNetwork, BrainNetworkClass } from './internal-types';
import { FEED_FORWARD_CLASSES, RECURRENT_CLASSES } from './internal-types';
import { networkClass, toPlain } from './utils';

export const BRAINJS_FLAVOR_NAME = 'brainjs';
const MODEL_FILE = 'model.json';
const BRAINJS = 'brain.js';

/** Options of the brainjs flavor's `saveModel` / `logModel`. */
export interface BrainjsSaveOptions {
  /**
   * The brain.js version the network comes from, recorded in the flavor block and pinned in the
   * model's package.json. @default the version installed beside the application
   */
  brainjsVersion: string;
}

/** Loads brain.js from the application (or, failing that, from beside this package). */
function requireBrain(): BrainExports {
  const brain = requireInstalled<BrainExports>(BRAINJS);
  if (brain) return brain;
  throw new MlflowAutologError('Loading a brainjs model needs brain.js: npm install brain.js (the version in the model\'s package.json).');
}

/** The exported class called `name` (`NeuralNetwork`, `LSTM`, …). */
function findClass(brain: BrainExports, name: string): BrainNetworkClass {
  const top = (FEED_FORWARD_CLASSES as readonly string[]).includes(name) ? brain[name as (typeof FEED_FORWARD_CLASSES)[number]] : undefined;
  const recurrent = (RECURRENT_CLASSES as readonly string[]).includes(name) ? brain.recurrent?.[name as (typeof RECURRENT_CLASSES)[number]] : undefined;
  const found = top ?? recurrent;
  if (!found) {
    throw new MlflowAutologError(`The installed brain.js has no ${name} network class; install the brain.js version the model was saved with (see its package.json).`);
  }
  return found;
}

function isTypedArray(value: unknown): boolean {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** The network's `model.json` and flavor block, taken at once (see `Flavor.snapshot`). */
function snapshot(model: BrainNetwork, options: Partial<BrainjsSaveOptions>): FlavorSnapshot {
  return {
    files: { [MODEL_FILE]: JSON.stringify(model.toJSON()) },
    config: {
      brainjs_version: options.brainjsVersion ?? installedVersion(BRAINJS) ?? null,
      network_class: networkClass(model).name,
      data: MODEL_FILE,
    },
    jsFunction: { data: MODEL_FILE },
  };
}

const brainjsFlavor: Flavor<BrainNetwork, BrainjsSaveOptions> = {
  name: BRAINJS_FLAVOR_NAME,
  loaderModule: `${PACKAGE_NAME}/brainjs`,
  requirements: () => [BRAINJS],

  snapshot,
  async save(model, dir, options) {
    return writeSnapshot(snapshot(model, options), dir);
  },

  exportOnnx(model) {
    // NB: loaded here: only an ONNX export needs the converter.
    return (require('./onnx') as typeof import('./onnx')).brainjsToOnnx(model);
  },

  async load(dir, spec) {
    const block = spec.flavors[BRAINJS_FLAVOR_NAME] as { network_class?: unknown; data?: unknown } | undefined;
    const className = block?.network_class;
    if (typeof className !== 'string') throw new MlflowAutologError(`The model at ${dir} has no brainjs network_class in its MLmodel.`);
    const json = await readModelJson(dir, block?.data ?? MODEL_FILE, 'flavors.brainjs.data');
    const net = new (findClass(requireBrain(), className))();
    // NB: 1.6.1's recurrent fromJSON returns undefined, not the network (dist/recurrent/rnn.js).
    net.fromJSON(json);
    return net;
  },

  predictor(net) {
    return {
      /** A list of rows (each what `run` takes: numbers, an object, a string, a sequence) → a list of outputs. */
      predict(input) {
        if (Array.isArray(input)) return input.map((row: unknown) => toPlain(net.run(row)));
        if (isTypedArray(input)) return [toPlain(net.run(input))];
        return toPlain(net.run(input));
      },
    };
  },
};

/** Save, log and load brain.js networks the MLflow way (`mlflow-autolog/brainjs`). */
export const brainjsModel = createFlavorApi(brainjsFlavor);
/** The loader `js_function` calls for brainjs models. */
export const loadJsFunction = brainjsModel.loadJsFunction;
