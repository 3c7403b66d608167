/**
 * The periodic training callback autologging adds to a `train` / `trainAsync` call, chained in
 * front of the user's own: brain.js calls one `callback` every `callbackPeriod` iterations, so
 * ours takes its place in the options and calls the user's, with the same `this` and arguments,
 * returning what it returns. After training, the network's `trainOpts.callback` is put back to
 * what brain.js would have kept there without autologging.
 */
import type { BrainNetwork, BrainTrainOptions, BrainTrainStatus } from './internal-types';
import { networkClass } from './utils';

/** Whether the network is a feed-forward net (`NeuralNetwork`, `NeuralNetworkGPU`) or a recurrent one. */
export type NetworkFamily = 'feed-forward' | 'recurrent';

/** A training call's options with our callback in front of the user's. */
export interface ChainedCallback {
  /** The options to train with: the user's, with `callback` replaced by ours. */
  readonly options: BrainTrainOptions;
  /** Restores `trainOpts.callback` (call once training has settled, whatever its outcome). */
  restore(): void;
}

function hasOwn(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/**
 * The callback brain.js will use for this call when the options do not name one:
 * - 1.6.1 (classes with static `trainDefaults`): every call resets the options to the defaults
 *   (`dist/neural-network.js` updateTrainingOptions, `dist/recurrent/rnn.js` train), so none;
 * - 2.x NeuralNetwork: the options merge into the previous ones (`dist/index.js`
 *   updateTrainingOptions: `{...this.trainOpts, ...trainOpts}`), so the one set before, e.g. in
 *   the constructor;
 * - 2.x recurrent nets: reset to defaults that have no callback (`train`: `{...trainDefaults$1,
 *   ...trainOpts}`), so none.
 */
function inheritedCallback(net: BrainNetwork, family: NetworkFamily): unknown {
  const defaults = networkClass(net).trainDefaults;
  if (defaults && typeof defaults === 'object') return defaults.callback;
  return family === 'feed-forward' ? net.trainOpts?.callback : undefined;
}

/**
 * Puts `onStatus` in front of the user's callback for one training call, or returns undefined
 * when the options cannot carry it unchanged (options that are not an object, or a `callback`
 * that is not a function: brain.js must see and judge those as given). `onStatus` must not throw.
 */
export function chainCallback(
  net: BrainNetwork,
  family: NetworkFamily,
  options: unknown,
  onStatus: (status: BrainTrainStatus) => void,
): ChainedCallback | undefined {
  if (options !== undefined && (options === null || typeof options !== 'object')) return undefined;
  const given = (options ?? {}) as BrainTrainOptions;
  const named = hasOwn(given, 'callback');
  if (named && typeof given.callback !== 'function') return undefined;
  // NB: what brain.js itself would store in trainOpts.callback for this call, read before it runs.
  const expected = named ? given.callback : inheritedCallback(net, family);
  const user = typeof expected === 'function' ? (expected as (...args: unknown[]) => unknown) : undefined;
  const chained = function autologCallback(this: unknown, ...args: unknown[]): unknown {
    onStatus(args[0] as BrainTrainStatus);
    return user?.apply(this, args);
  };
  return {
    options: { ...given, callback: chained },
    restore() {
      const trainOpts = net.trainOpts;
      if (!trainOpts || trainOpts.callback !== chained) return;
      if (expected === undefined) delete trainOpts.callback;
      else trainOpts.callback = expected as BrainTrainOptions['callback'];
    },
  };
}
