/**
 * The shapes of `@tensorflow/tfjs-layers` (4.22.0) and `@tensorflow/tfjs-core` that the
 * instrumentation uses, written out so that tfjs is never imported (not even for types: it is
 * not a dependency of this package). Never exported from the package.
 */

export type TfDtype = 'float32' | 'int32' | 'bool' | 'complex64' | 'string';

export interface TfTensor {
  readonly shape: number[];
  readonly dtype: TfDtype;
  readonly size: number;
  dataSync(): ArrayLike<number> | ArrayLike<string> | Uint8Array;
}

/** Inputs or targets of `fit`: one tensor, a list, or a map by input name. */
export type TfTensorInput = TfTensor | TfTensor[] | Record<string, TfTensor>;

export interface TfLayerVariable {
  readonly shape: number[];
}

export interface TfOptimizer {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
}

export interface TfSymbolicTensor {
  readonly shape: (number | null)[];
  readonly dtype: TfDtype;
  readonly name?: string;
}

/** Logs as tfjs hands them to a `CustomCallback` (scalars already resolved to numbers). */
export type TfLogs = Record<string, number | unknown>;

export interface TfCustomCallbackArgs {
  onTrainBegin?: (logs?: TfLogs) => void | Promise<void>;
  onTrainEnd?: (logs?: TfLogs) => void | Promise<void>;
  onEpochBegin?: (epoch: number, logs?: TfLogs) => void | Promise<void>;
  onEpochEnd?: (epoch: number, logs?: TfLogs) => void | Promise<void>;
  onBatchBegin?: (batch: number, logs?: TfLogs) => void | Promise<void>;
  onBatchEnd?: (batch: number, logs?: TfLogs) => void | Promise<void>;
  onYield?: (epoch: number, batch: number, logs: TfLogs) => void | Promise<void>;
}

/** `BaseCallback`: `params` is set by `setParams` before `onTrainBegin`. */
export interface TfBaseCallback {
  params?: { epochs?: number; initialEpoch?: number | null; samples?: number | null; steps?: number | null; batchSize?: number | null };
}

/** `tf.callbacks.earlyStopping(...)` (`EarlyStopping`, callbacks.js). */
export interface TfEarlyStopping extends TfBaseCallback {
  monitor: string;
  /** Stored negated when the monitor is minimized. */
  minDelta: number;
  patience: number;
  mode: string;
  baseline?: number;
  verbose: number;
  /** 0-based epoch at which training was stopped (0 also when it was not). */
  stoppedEpoch: number;
  /** Epochs without improvement so far. */
  wait: number;
}

/** `model.fit` arguments (ModelFitArgs). */
export interface TfFitArgs {
  batchSize?: number;
  epochs?: number;
  verbose?: number;
  callbacks?: unknown;
  validationSplit?: number;
  validationData?: unknown[];
  shuffle?: boolean;
  classWeight?: unknown;
  sampleWeight?: unknown;
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  yieldEvery?: unknown;
}

/** `model.fitDataset` arguments (ModelFitDatasetArgs). */
export interface TfFitDatasetArgs {
  batchesPerEpoch?: number;
  epochs: number;
  verbose?: number;
  callbacks?: unknown;
  validationData?: unknown;
  validationBatchSize?: number;
  validationBatches?: number;
  yieldEvery?: unknown;
  initialEpoch?: number;
  classWeight?: unknown;
}

/** `tf.data.Dataset`, as far as the instrumentation looks at it. */
export interface TfDataset {
  readonly size: number | null;
}

export interface TfHistory {
  epoch: number[];
  history: Record<string, unknown[]>;
}

/** What `LayersModel.save` hands to a save handler (tfjs-core io/types.d.ts). */
export interface TfModelArtifacts {
  modelTopology?: unknown;
  weightSpecs?: unknown[];
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: unknown;
  signature?: unknown;
  userDefinedMetadata?: unknown;
  modelInitializer?: unknown;
  initializerSignature?: unknown;
}

export interface TfSaveResult {
  modelArtifactsInfo: { dateSaved: Date; modelTopologyType: 'JSON'; modelTopologyBytes?: number; weightSpecsBytes?: number; weightDataBytes?: number };
}

export interface TfIOHandler {
  save(artifacts: TfModelArtifacts): Promise<TfSaveResult>;
}

export interface TfLayersModel {
  readonly name: string;
  readonly layers: unknown[];
  readonly trainableWeights: TfLayerVariable[];
  readonly optimizer?: TfOptimizer;
  readonly loss?: unknown;
  readonly metrics?: unknown;
  readonly inputs?: TfSymbolicTensor[];
  readonly outputs?: TfSymbolicTensor[];
  readonly inputNames?: string[];
  readonly outputNames?: string[];
  /** False on a `Sequential` not yet built: its `summary()` would build it. */
  readonly built?: boolean;
  summary(lineLength?: number, positions?: number[], printFn?: (message?: unknown, ...rest: unknown[]) => void): void;
  save(handler: TfIOHandler): Promise<TfSaveResult>;
  fit(x: unknown, y: unknown, args?: TfFitArgs): Promise<TfHistory>;
  fitDataset(dataset: unknown, args: TfFitDatasetArgs): Promise<TfHistory>;
}

interface TfClass<T> {
  readonly prototype: T;
}

/** The exports of `@tensorflow/tfjs-layers` that the instrumentation uses. */
export interface TfLayersExports {
  LayersModel: TfClass<TfLayersModel>;
  Sequential?: TfClass<TfLayersModel>;
  CustomCallback: new (args: TfCustomCallbackArgs, yieldEvery?: unknown) => TfBaseCallback;
  EarlyStopping?: TfClass<TfEarlyStopping>;
}

/** A layer as the ONNX exporter reads it (`Layer` of tfjs-layers, engine/topology.d.ts). */
export interface TfLayer {
  readonly name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  /** The weights' values, in the order of `layer.weights` (the layer's own tensors: never dispose them). */
  getWeights(): TfTensor[];
  /** One node per call of the layer on symbolic tensors. */
  readonly inboundNodes: TfNode[];
}

/** A call of a layer in the graph: which tensors went in and came out. */
export interface TfNode {
  readonly inputTensors: TfGraphTensor[];
  readonly outputTensors: TfGraphTensor[];
}

/** A `SymbolicTensor` with the links back to the node that made it. */
export interface TfGraphTensor {
  readonly id: number;
  readonly shape: (number | null)[];
  readonly dtype: TfDtype;
  readonly sourceLayer: TfLayer;
  readonly nodeIndex: number;
  readonly tensorIndex: number;
}

/** A `LayersModel` or `Sequential` as a graph of layers (a nested model is also a layer). */
export interface TfGraphModel extends TfLayer {
  readonly layers: TfLayer[];
  readonly inputs: TfGraphTensor[];
  readonly outputs: TfGraphTensor[];
  /** Empty on a `Sequential` until it is built (by `predict`, `fit` or `compile`). */
  readonly inputNames?: string[];
  readonly outputNames?: string[];
}
