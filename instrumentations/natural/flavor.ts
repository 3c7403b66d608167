/**
 * The `natural` flavor: a natural text classifier saved as `classifier.json` (the JSON natural's
 * own `save()` writes), with its class and stemmer recorded in the flavor block, loaded back with
 * `<class>.restore(json, stemmer)`, and predicting through `js_function` with `classify`: a
 * string column `text` in, a label out.
 */
import { MlflowAutologError } from '../../src/errors';
import { installedVersion } from '../../src/models/dependencies';
import { writeSnapshot, type Flavor, type FlavorSnapshot } from '../../src/models/flavor';
import { readModelJson } from '../../src/models/model-files';
import { createFlavorApi } from '../../src/models/model-api';
import { PACKAGE_NAME } from '../../src/version';
import { requireInstalled } from '../../src/util/require-installed';
import type { NaturalClassifier, NaturalClassifierClass, NaturalExports } from './internal-types';
import { CLASSIFIER_CLASSES } from './internal-types';
import { classifierClass, stemmerName } from './utils';

export const NATURAL_FLAVOR_NAME = 'natural';
const MODEL_FILE = 'classifier.json';
const NATURAL = 'natural';
/** The column the classifier reads its text from. */
export const TEXT_COLUMN = 'text';

/** Options of the natural flavor's `saveModel` / `logModel`. */
export interface NaturalSaveOptions {
  /**
   * The natural version the classifier comes from, recorded in the flavor block and pinned in
   * the model's package.json. @default the version installed beside the application
   */
  naturalVersion: string;
  /**
   * The name of the natural export the classifier stems with (`PorterStemmer`, `LancasterStemmer`,
   * …), restored with it at load time. @default found by looking the stemmer up in natural's exports
   */
  stemmer: string;
}

/**
 * Loads natural from the application (or, failing that, from beside this package).
 * NB: natural prints dotenv's lines to stdout when it loads (node-internals 3.3); that is its
 * own output, and this is the only place the flavor loads it.
 */
function requireNatural(): NaturalExports {
  const natural = requireInstalled<NaturalExports>(NATURAL);
  if (natural) return natural;
  throw new MlflowAutologError('Loading a natural model needs natural: npm install natural (the version in the model\'s package.json).');
}

/** EventEmitter bookkeeping in a classifier's JSON: listeners do not survive JSON, so none are saved. */
const EMITTER_KEYS = new Set(['_events', '_eventsCount', '_maxListeners']);

function restoreClass(natural: NaturalExports, name: string): NaturalClassifierClass {
  const cls = (CLASSIFIER_CLASSES as readonly string[]).includes(name) ? natural[name as (typeof CLASSIFIER_CLASSES)[number]] : undefined;
  if (typeof cls?.restore !== 'function') {
    throw new MlflowAutologError(`The installed natural has no ${name}; install the natural version the model was saved with (see its package.json).`);
  }
  return cls;
}

/** The texts of a `predict` input: records, a column object, one record, a list of strings or one string. */
function texts(input: unknown): { values: unknown[]; single: boolean } {
  if (typeof input === 'string') return { values: [input], single: true };
  if (Array.isArray(input)) return { values: input.map((row: unknown) => (row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[TEXT_COLUMN] : row)), single: false };
  if (input !== null && typeof input === 'object') {
    const value = (input as Record<string, unknown>)[TEXT_COLUMN];
    return Array.isArray(value) ? { values: value, single: false } : { values: [value], single: true };
  }
  throw new MlflowAutologError(`A natural classifier predicts from text: pass [{${TEXT_COLUMN}: '…'}, …] or a list of strings.`);
}

/** The classifier's `model.json` and flavor block, taken at once (see `Flavor.snapshot`). */
function snapshot(model: NaturalClassifier, options: Partial<NaturalSaveOptions>): FlavorSnapshot {
  const stemmer = options.stemmer ?? stemmerName(requireNatural(), model.stemmer);
  if (!stemmer) {
    throw new MlflowAutologError(
      'Cannot tell which natural stemmer this classifier uses, so it could not be loaded back as it is: pass { stemmer: \'<name of the natural export>\' }.',
    );
  }
  return {
    files: { [MODEL_FILE]: JSON.stringify(model, (key, value: unknown) => (EMITTER_KEYS.has(key) ? undefined : value)) },
    config: {
      natural_version: options.naturalVersion ?? installedVersion(NATURAL) ?? null,
      classifier_class: classifierClass(model).name,
      stemmer,
      data: MODEL_FILE,
    },
    jsFunction: { data: MODEL_FILE },
  };
}

const naturalFlavor: Flavor<NaturalClassifier, NaturalSaveOptions> = {
  name: NATURAL_FLAVOR_NAME,
  loaderModule: `${PACKAGE_NAME}/natural`,
  requirements: () => [NATURAL],

  snapshot,
  async save(model, dir, options) {
    return writeSnapshot(snapshot(model, options), dir);
  },

  async load(dir, spec) {
    const block = spec.flavors[NATURAL_FLAVOR_NAME] as { classifier_class?: unknown; stemmer?: unknown; data?: unknown } | undefined;
    if (typeof block?.classifier_class !== 'string') throw new MlflowAutologError(`The model at ${dir} has no natural classifier_class in its MLmodel.`);
    const json = await readModelJson(dir, block.data ?? MODEL_FILE, 'flavors.natural.data');
    const natural = requireNatural();
    const stemmer = typeof block.stemmer === 'string' ? natural[block.stemmer] : undefined;
    if (typeof block.stemmer === 'string' && !stemmer) {
      throw new MlflowAutologError(`The installed natural has no ${block.stemmer}; install the natural version the model was saved with.`);
    }
    return restoreClass(natural, block.classifier_class).restore(json, stemmer);
  },

  predictor(classifier) {
    return {
      /** Texts (records with a `text` column, or strings) → their labels. */
      predict(input) {
        const { values, single } = texts(input);
        const labels = values.map((text) => classifier.classify(text));
        return single ? labels[0] : labels;
      },
    };
  },
};

/** Save, log and load natural classifiers the MLflow way (`mlflow-autolog/natural`). */
export const naturalModel = createFlavorApi(naturalFlavor);
/** The loader `js_function` calls for natural models. */
export const loadJsFunction = naturalModel.loadJsFunction;
