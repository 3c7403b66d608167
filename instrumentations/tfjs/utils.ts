/**
 * What the TensorFlow.js instrumentation reads from a training call: params with MLflow's Keras
 * autolog names, the model summary, and dataset descriptions of the training data. Pure
 * functions over the shapes in internal-types.ts; nothing here imports tfjs.
 */
import { arrayDatasetInput, codeSource, DIGEST_MAX_ELEMENTS, TAG_DATASET_CONTEXT, type ArrayData } from '../../src/autolog/datasets';
import { createHash } from 'node:crypto';
import type { DatasetInput } from '../../src/store/types';
import type {
  TfDataset,
  TfEarlyStopping,
  TfFitArgs,
  TfFitDatasetArgs,
  TfLayersExports,
  TfLayersModel,
  TfSymbolicTensor,
  TfTensor,
  TfTensorInput,
} from './internal-types';

/** MLflow logs an absent argument as Python's `None`. */
const NONE = 'None';

/** `learningRate` → `learning_rate`, `useNesterov` → `use_nesterov`. */
export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

function text(value: unknown): string {
  if (value === undefined || value === null) return NONE;
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return value.name || 'function';
  if (typeof value === 'object') {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? v.name || 'function' : v));
  }
  return String(value);
}

/** `fit` arguments as MLflow's Keras autolog names them (x, y, callbacks, validation data and verbose left out). */
export function fitParams(args: TfFitArgs): Record<string, string> {
  return {
    epochs: text(args.epochs ?? 1),
    batch_size: text(args.batchSize ?? 32),
    validation_split: text(args.validationSplit ?? 0),
    shuffle: text(args.shuffle ?? true),
    initial_epoch: text(args.initialEpoch ?? 0),
    steps_per_epoch: text(args.stepsPerEpoch),
    validation_steps: text(args.validationSteps),
    class_weight: text(args.classWeight),
  };
}

/** `fitDataset` arguments, under the Keras names of their counterparts. */
export function fitDatasetParams(args: TfFitDatasetArgs): Record<string, string> {
  return {
    epochs: text(args.epochs),
    initial_epoch: text(args.initialEpoch ?? 0),
    steps_per_epoch: text(args.batchesPerEpoch),
    validation_steps: text(args.validationBatches),
    validation_batch_size: text(args.validationBatchSize),
    class_weight: text(args.classWeight),
  };
}

function countWeights(model: TfLayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
}

/** The optimizer (`opt_name`, `opt_<config key>`), loss, metrics, layer and trainable parameter counts. */
export function modelParams(model: TfLayersModel): Record<string, string> {
  const params: Record<string, string> = {};
  const optimizer = model.optimizer;
  if (optimizer) {
    params.opt_name = optimizer.getClassName();
    for (const [key, value] of Object.entries(optimizer.getConfig())) params[`opt_${snakeCase(key)}`] = text(value);
  }
  if (model.loss !== undefined) params.loss = Array.isArray(model.loss) ? model.loss.map(text).join(',') : text(model.loss);
  if (model.metrics !== undefined) params.metrics = Array.isArray(model.metrics) ? model.metrics.map(text).join(',') : text(model.metrics);
  params.num_layers = String(model.layers.length);
  params.trainable_params = String(countWeights(model));
  return params;
}

/** The callbacks argument as a list (tfjs' `toList`). */
function callbackList(callbacks: unknown): unknown[] {
  if (callbacks === undefined || callbacks === null) return [];
  return Array.isArray(callbacks) ? callbacks : [callbacks];
}

/** The first `tf.callbacks.earlyStopping(...)` among the user's callbacks. */
export function findEarlyStopping(moduleExports: TfLayersExports, callbacks: unknown): TfEarlyStopping | undefined {
  const EarlyStopping = moduleExports.EarlyStopping as unknown as (new () => unknown) | undefined;
  if (!EarlyStopping) return undefined;
  return callbackList(callbacks).find((c): c is TfEarlyStopping => c instanceof EarlyStopping);
}

/**
 * The log folder of a tfjs-node `tf.node.tensorBoard(logdir)` among the user's callbacks (known by
 * its class name and `logdir`: tfjs-node is never imported here).
 */
export function findTensorBoardLogdir(callbacks: unknown): string | undefined {
  const board = callbackList(callbacks).find((c) => (c as { constructor?: { name?: string } })?.constructor?.name === 'TensorBoardCallback');
  const logdir = (board as { logdir?: unknown } | undefined)?.logdir;
  return typeof logdir === 'string' && logdir !== '' ? logdir : undefined;
}

/** Early-stopping settings, named as MLflow logs Keras' EarlyStopping. */
export function earlyStoppingParams(es: TfEarlyStopping): Record<string, string> {
  return {
    monitor: es.monitor,
    // NB: tfjs stores minDelta negated when the monitored value is minimized (callbacks.js).
    min_delta: text(Math.abs(es.minDelta)),
    patience: text(es.patience),
    baseline: text(es.baseline),
    mode: es.mode,
    restore_best_weights: 'false',
  };
}

/** `model.summary()` as text. */
export function modelSummary(model: TfLayersModel): string {
  const lines: string[] = [];
  model.summary(undefined, undefined, (...parts: unknown[]) => lines.push(parts.map(String).join(' ')));
  return `${lines.join('\n')}\n`;
}

function isTensor(value: unknown): value is TfTensor {
  const t = value as Partial<TfTensor> | null;
  return t !== null && typeof t === 'object' && Array.isArray(t.shape) && typeof t.dtype === 'string' && typeof t.dataSync === 'function';
}

const ITEM_SIZE: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
const NUMPY_DTYPE: Record<string, string> = { float32: 'float32', int32: 'int32', bool: 'bool', complex64: 'complex64', string: 'object' };

function tensorArray(tensor: TfTensor, name?: string): ArrayData {
  const values = tensor.dataSync();
  let head: Uint8Array;
  if (ArrayBuffer.isView(values)) {
    const count = Math.min(values.length, DIGEST_MAX_ELEMENTS);
    const bytes = values.BYTES_PER_ELEMENT;
    head = new Uint8Array(values.buffer, values.byteOffset, count * bytes);
  } else {
    head = Buffer.from(JSON.stringify(Array.from(values as ArrayLike<unknown>).slice(0, DIGEST_MAX_ELEMENTS)));
  }
  return { name, shape: [...tensor.shape], dtype: NUMPY_DTYPE[tensor.dtype] ?? tensor.dtype, itemSize: ITEM_SIZE[tensor.dtype] ?? 8, head };
}

/** The tensors of a fit input (one, a list or a map), or undefined for other data. */
export function tensorArrays(input: unknown): ArrayData[] | undefined {
  const x = input as TfTensorInput | undefined;
  if (isTensor(x)) return [tensorArray(x)];
  if (Array.isArray(x) && x.length > 0 && x.every(isTensor)) return x.map((t, i) => tensorArray(t, `input_${i}`));
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const entries = Object.entries(x);
    if (entries.length > 0 && entries.every(([, t]) => isTensor(t))) return entries.map(([k, t]) => tensorArray(t as TfTensor, k));
  }
  return undefined;
}

/** Dataset inputs of a `fit` call: x/y as `train`, explicit validation data as `eval`. */
export function fitDatasets(x: unknown, y: unknown, args: TfFitArgs): DatasetInput[] {
  const inputs: DatasetInput[] = [];
  const features = tensorArrays(x);
  if (features) inputs.push(arrayDatasetInput({ features, targets: tensorArrays(y), context: 'train' }));
  const validation = args.validationData;
  if (Array.isArray(validation) && validation.length >= 2) {
    const valFeatures = tensorArrays(validation[0]);
    if (valFeatures) inputs.push(arrayDatasetInput({ features: valFeatures, targets: tensorArrays(validation[1]), context: 'eval' }));
  }
  return inputs;
}

function specJson(tensors: TfSymbolicTensor[] | undefined): string {
  return JSON.stringify(
    (tensors ?? []).map((t) => ({ type: 'tensor', 'tensor-spec': { dtype: NUMPY_DTYPE[t.dtype] ?? t.dtype, shape: t.shape.map((d) => d ?? -1) } })),
  );
}

/**
 * A `tf.data.Dataset` input of `fitDataset`. Its elements are not read (a dataset may be a
 * one-shot stream or expensive to iterate), so the schema is the model's input and output specs
 * and the digest covers that schema and the dataset's size.
 */
export function tfDatasetInput(model: TfLayersModel, dataset: unknown, context: 'train' | 'eval'): DatasetInput {
  const size = (dataset as Partial<TfDataset> | null)?.size ?? null;
  const schema = { mlflow_tensorspec: { features: specJson(model.inputs), targets: specJson(model.outputs) } };
  const digest = createHash('md5').update(JSON.stringify({ size, schema })).digest('hex').slice(0, 8);
  return {
    dataset: {
      name: 'dataset',
      digest,
      sourceType: 'code',
      source: codeSource(),
      schema: JSON.stringify(schema),
      profile: JSON.stringify(size === null || size === Infinity ? {} : { num_elements: size }),
    },
    tags: [{ key: TAG_DATASET_CONTEXT, value: context }],
  };
}

/** True when `value` is a `tf.data.Dataset` (it has `iterator()`), not tensors. */
export function isTfDataset(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { iterator?: unknown }).iterator === 'function';
}
