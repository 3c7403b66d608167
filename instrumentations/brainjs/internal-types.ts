/**
 * The shapes of brain.js (1.6.1 and 2.0.0-beta.24) that the instrumentation and the flavor use,
 * written out so that brain.js is never imported (it is not a dependency of this package). Never
 * exported from the package.
 */

/** What `train` returns and what `callback` receives: `{error, iterations}`. */
export interface BrainTrainStatus {
  error: number;
  iterations: number;
}

/** The training options of `train(data, options)` (every library default may be overridden). */
export interface BrainTrainOptions {
  callback?: ((status: BrainTrainStatus) => unknown) | null;
  callbackPeriod?: number;
  [option: string]: unknown;
}

/**
 * A network: `NeuralNetwork`, `NeuralNetworkGPU` or one of the recurrent nets. 1.6.1 keeps its
 * network options as own properties (named by the class's static `defaults`); 2.x keeps them in
 * `options`. Both keep the resolved training options in `trainOpts`.
 */
export interface BrainNetwork {
  trainOpts?: BrainTrainOptions;
  options?: Record<string, unknown>;
  sizes?: number[] | null;
  train(data: unknown, options?: BrainTrainOptions): BrainTrainStatus;
  trainAsync?(data: unknown, options?: BrainTrainOptions): Promise<BrainTrainStatus>;
  run(input: unknown): unknown;
  toJSON(): unknown;
  fromJSON(json: unknown): unknown;
}

/** A network class; 1.6.1 classes carry static `defaults` and `trainDefaults`. */
export interface BrainNetworkClass {
  new (options?: Record<string, unknown>): BrainNetwork;
  readonly prototype: BrainNetwork;
  readonly name: string;
  readonly defaults?: Record<string, unknown>;
  readonly trainDefaults?: BrainTrainOptions;
}

/** The recurrent nets under `brain.recurrent`. */
export const RECURRENT_CLASSES = ['RNN', 'LSTM', 'GRU', 'RNNTimeStep', 'LSTMTimeStep', 'GRUTimeStep'] as const;

/** The feed-forward nets at the top level of the exports. */
export const FEED_FORWARD_CLASSES = ['NeuralNetwork', 'NeuralNetworkGPU'] as const;

/** The module exports of `brain.js` that the instrumentation uses. */
export interface BrainExports {
  NeuralNetwork?: BrainNetworkClass;
  NeuralNetworkGPU?: BrainNetworkClass;
  recurrent?: Partial<Record<(typeof RECURRENT_CLASSES)[number], BrainNetworkClass>>;
}
