/**
 * What the brain.js instrumentation reads from a training call: the network and training options
 * as params, the rows to describe the model's signature with, and predictions as plain JSON
 * values. Pure functions over the shapes in internal-types.ts; nothing here imports brain.js.
 */
import { arrayDatasetInput, float64ArrayData } from '../../src/autolog/datasets';
import { inferSignature } from '../../src/models/infer-signature';
import { isTensorSpec, type ModelSignature, type Schema } from '../../src/models/signature';
import type { DatasetInput } from '../../src/store/types';
import type { BrainExports, BrainNetwork, BrainNetworkClass } from './internal-types';
import { FEED_FORWARD_CLASSES, RECURRENT_CLASSES } from './internal-types';

/** MLflow logs an absent value as Python's `None`. */
const NONE = 'None';

/** How many training rows describe the signature and make the input example (MLflow: 5). */
export const EXAMPLE_ROWS = 5;

/** A param value as text, or undefined for values that are not settings (functions, objects). */
function paramText(value: unknown): string | undefined {
  if (value === null) return NONE;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'string')) return JSON.stringify(value);
  return undefined;
}

/** The class a network was built from (its own constructor, e.g. `LSTM`). */
export function networkClass(net: BrainNetwork): BrainNetworkClass {
  return (net as unknown as { constructor: BrainNetworkClass }).constructor;
}

/**
 * The network options and the training options the library resolved for this call (defaults
 * filled in), under brain.js's own names, as MLflow's scikit-learn autolog logs `get_params()`.
 * Read after the library prepared training, from where each version keeps them: 2.x in
 * `options` and `trainOpts`; 1.6.1 as own properties named by the class's static `defaults`, and
 * `trainOpts`. A training option wins over a network option of the same name (it is the one
 * training used); `log` is logged as true/false; `callback` is not a setting and is left out.
 */
export function trainingParams(net: BrainNetwork): Record<string, string> {
  const params: Record<string, string> = {};
  const add = (key: string, value: unknown) => {
    const text = paramText(value);
    if (text !== undefined) params[key] = text;
  };
  const cls = networkClass(net);
  if (net.options && typeof net.options === 'object') {
    for (const [key, value] of Object.entries(net.options)) add(key, value);
  } else if (cls.defaults) {
    for (const key of Object.keys(cls.defaults)) add(key, (net as unknown as Record<string, unknown>)[key]);
  }
  if (Array.isArray(net.sizes) && net.sizes.length > 0) add('sizes', net.sizes);
  for (const [key, value] of Object.entries(net.trainOpts ?? {})) {
    if (key === 'callback') continue;
    add(key, key === 'log' ? Boolean(value) : value);
  }
  return params;
}

/**
 * Where the class sits in the exports (`NeuralNetwork`, `recurrent.LSTM`), for the
 * `estimator_class` tag; undefined for a class brain.js does not export (a user's subclass).
 */
export function exportPath(moduleExports: BrainExports, cls: BrainNetworkClass): string | undefined {
  for (const name of FEED_FORWARD_CLASSES) if (moduleExports[name] === cls) return name;
  for (const name of RECURRENT_CLASSES) if (moduleExports.recurrent?.[name] === cls) return `recurrent.${name}`;
  return undefined;
}

/** The first rows of training data as `run` takes them: each item's `input`, or the item itself. */
export function trainingRows(data: unknown, count = EXAMPLE_ROWS): unknown[] | undefined {
  if (!Array.isArray(data) || data.length === 0) return undefined;
  return data.slice(0, count).map((item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && 'input' in item) return (item as { input: unknown }).input;
    return item;
  });
}

/**
 * The training data as a dataset input (context `train`), as MLflow's autologging logs array
 * data: the items' `input` as features and `output` as targets, when they are numbers or rows of
 * numbers. None for other data (object-keyed rows, text, sequences).
 */
export function trainingDataset(data: unknown): DatasetInput[] {
  if (!Array.isArray(data)) return [];
  const field = (key: 'input' | 'output') => data.map((item: unknown) => (item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined));
  const features = float64ArrayData(field('input'));
  if (!features) return [];
  const targets = float64ArrayData(field('output'));
  return [arrayDatasetInput({ features: [features], ...(targets ? { targets: [targets] } : {}), context: 'train' })];
}

/** A prediction as plain JSON values: typed arrays become arrays, nested values likewise. */
export function toPlain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<unknown>);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/**
 * A schema for a network's numbers: integer dtypes and column types become double, and for
 * sequence nets the sequence length (the dimension after the batch) may vary.
 * NB: brain.js computes in floating point; JS numbers already infer double (XOR's 0 and 1 too),
 * and integer typed arrays or BigInts must not make the logged model refuse fractional inputs either.
 */
function asNetworkSchema(schema: Schema, sequence: boolean): Schema {
  if (schema.length > 0 && isTensorSpec(schema[0]!)) {
    return (schema as { name?: string; dtype: string; shape: number[] }[]).map((spec) => ({
      ...spec,
      dtype: /^u?int\d+$/.test(spec.dtype) ? 'float64' : spec.dtype,
      shape: sequence && spec.shape.length > 1 ? [spec.shape[0]!, -1, ...spec.shape.slice(2)] : spec.shape,
    }));
  }
  return (schema as { type: unknown }[]).map((col) => ({ ...col, type: col.type === 'long' || col.type === 'integer' ? 'double' : col.type })) as Schema;
}

/**
 * The signature of a trained network from training rows and its predictions for them, or
 * undefined when the data has no MLflow schema (e.g. sequences of different lengths).
 */
export function networkSignature(rows: unknown[], predictions: unknown[], sequence: boolean): ModelSignature | undefined {
  try {
    const signature = inferSignature(rows, predictions);
    return {
      inputs: signature.inputs && asNetworkSchema(signature.inputs, sequence),
      outputs: signature.outputs && asNetworkSchema(signature.outputs, false),
    };
  } catch {
    // NB: ragged rows (sequences, token lists) have no schema; the model is logged without one.
    return undefined;
  }
}
