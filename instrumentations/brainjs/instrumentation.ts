/**
 * The brain.js instrumentation: patches `train` (synchronous) and `trainAsync` of the networks
 * that define them — `NeuralNetwork` (inherited by `NeuralNetworkGPU`), `recurrent.RNN`
 * (inherited by `LSTM`, `GRU`) and `recurrent.RNNTimeStep` (inherited by `LSTMTimeStep`,
 * `GRUTimeStep`) — in brain.js 1.6.1 and 2.0.0-beta. Each call logs the network and training
 * options as params, `training_error` every `callbackPeriod` iterations (step = the iteration
 * brain.js reports) through a callback chained in front of the user's, the final
 * `training_error` and `iterations`, numeric training data as a dataset input, and the trained
 * network as a `brainjs` model. brain.js is never imported: its exports come in through the hooks.
 */
import type { PatchFunction } from '../../src/autolog/safe-patch';
import { safePatch } from '../../src/autolog/safe-patch';
import type { SyncPatchFunction } from '../../src/autolog/safe-patch-sync';
import { safePatchSync } from '../../src/autolog/safe-patch-sync';
import { unwrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import type { BrainExports, BrainNetwork, BrainNetworkClass, BrainTrainStatus } from './internal-types';
import { FEED_FORWARD_CLASSES, RECURRENT_CLASSES } from './internal-types';
import type { ModuleContext, TrainArgs } from './training';
import type { NetworkFamily } from './training-callback';
import { BRAINJS_VERSIONS } from './versions';

export const INTEGRATION = 'brainjs';

/** The instrumentation's own fault-injection points, in the order a training call meets them. */
export const BRAINJS_FAULT_POINTS = ['training-callback', 'log-params', 'log-datasets', 'log-metrics', 'log-model'] as const;

const METHODS = ['train', 'trainAsync'] as const;

/** NB: what a call logs (callbacks, datasets, the model) loads at the first call, not with brain.js. */
function training(): typeof import('./training') {
  return require('./training') as typeof import('./training');
}

/** The patch of the synchronous `train(data, options)`. */
function trainPatch(context: ModuleContext, family: NetworkFamily): SyncPatchFunction<BrainNetwork, TrainArgs, BrainTrainStatus> {
  return (call, net, args, session) => training().logTrain(context, family, call, net, args, session);
}

/** The patch of `trainAsync(data, options)` (feed-forward nets only). */
function trainAsyncPatch(context: ModuleContext, family: NetworkFamily): PatchFunction<BrainNetwork, TrainArgs, Promise<BrainTrainStatus>> {
  return (call, net, args, session) => training().logTrainAsync(context, family, call, net, args, session);
}

/** Each class that defines (not inherits) a training method, with its family. */
function definingClasses(moduleExports: BrainExports): { cls: BrainNetworkClass; family: NetworkFamily }[] {
  const found: { cls: BrainNetworkClass; family: NetworkFamily }[] = [];
  for (const name of FEED_FORWARD_CLASSES) {
    const cls = moduleExports[name];
    if (typeof cls === 'function') found.push({ cls, family: 'feed-forward' });
  }
  for (const name of RECURRENT_CLASSES) {
    const cls = moduleExports.recurrent?.[name];
    if (typeof cls === 'function') found.push({ cls, family: 'recurrent' });
  }
  return found;
}

function owns(cls: BrainNetworkClass, method: string): boolean {
  return Object.hasOwn(cls.prototype, method) && typeof (cls.prototype as unknown as Record<string, unknown>)[method] === 'function';
}

/** The brain.js instrumentation. */
export const brainjsInstrumentation: Instrumentation<BrainExports> = {
  name: INTEGRATION,
  versions: BRAINJS_VERSIONS,
  faultPoints: BRAINJS_FAULT_POINTS,
  patch(moduleExports, version) {
    const context: ModuleContext = { exports: moduleExports, version };
    for (const { cls, family } of definingClasses(moduleExports)) {
      // NB: only own methods: NeuralNetworkGPU, LSTM, GRU and the *TimeStep nets inherit them;
      // wrapping an inherited one too would log a call twice.
      if (owns(cls, 'train')) safePatchSync(INTEGRATION, cls.prototype, 'train', trainPatch(context, family));
      if (owns(cls, 'trainAsync')) safePatch(INTEGRATION, cls.prototype, 'trainAsync', trainAsyncPatch(context, family));
    }
  },
  unpatch(moduleExports) {
    for (const { cls } of definingClasses(moduleExports)) for (const method of METHODS) unwrap(cls.prototype, method);
  },
};
