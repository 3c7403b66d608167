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
import type { AutologSession } from '../../src/autolog/session';
import { unwrap } from '../../src/autolog/shimmer';
import type { Instrumentation } from '../../src/autolog/types';
import { warn } from '../../src/util/logger';
import type { BrainExports, BrainNetwork, BrainNetworkClass, BrainTrainOptions, BrainTrainStatus } from './internal-types';
import { FEED_FORWARD_CLASSES, RECURRENT_CLASSES } from './internal-types';
import { chainCallback, type ChainedCallback, type NetworkFamily } from './training-callback';
import { EXAMPLE_ROWS, exportPath, networkClass, networkSignature, toPlain, trainingDataset, trainingParams, trainingRows } from './utils';
import { BRAINJS_VERSIONS } from './versions';

export const INTEGRATION = 'brainjs';

/** The instrumentation's own fault-injection points, in the order a training call meets them. */
export const BRAINJS_FAULT_POINTS = ['training-callback', 'log-params', 'log-datasets', 'log-metrics', 'log-model'] as const;

const METHODS = ['train', 'trainAsync'] as const;

/** What the patches know about the module copy they patched. */
interface ModuleContext {
  exports: BrainExports;
  version: string | undefined;
}

type TrainArgs = [data: unknown, options?: BrainTrainOptions, ...rest: unknown[]];

/** One training call as the agent follows it: the chained callback and the last step it logged. */
class TrainingCall {
  private chained: ChainedCallback | undefined;
  private lastStep: number | undefined;

  constructor(
    private readonly context: ModuleContext,
    private readonly session: AutologSession,
    private readonly net: BrainNetwork,
    private readonly args: TrainArgs,
    family: NetworkFamily,
  ) {
    this.chained = chainCallback(net, family, args[1], (status) => this.onStatus(status));
  }

  /** The arguments to train with: the user's, with our callback chained in front of theirs. */
  trainArgs(): TrainArgs {
    return this.chained ? [this.args[0], this.chained.options, ...this.args.slice(2)] : this.args;
  }

  /** Logs one periodic status. Called inside brain.js's training loop: never throws. */
  private onStatus(status: BrainTrainStatus): void {
    const { session } = this;
    if (session.failed) return;
    try {
      session.fault('training-callback');
      if (typeof status?.error !== 'number' || typeof status.iterations !== 'number') return;
      session.logMetrics({ training_error: status.error }, status.iterations);
      this.lastStep = status.iterations;
    } catch (error) {
      session.fail(error);
    }
  }

  /** Logs the params; brain.js has resolved its options once `train` returned (or threw) or `trainAsync` returned its promise. */
  logParams(): void {
    const { session, net } = this;
    session.fault('log-params');
    // NB: journaled now; the model, logged after, follows them to the server (it copies the run's params).
    void session.logParams(trainingParams(net), estimatorTags(this.context, net));
    if (session.config.logDatasets) session.logDatasets(trainingDataset(this.args[0]));
  }

  /** Training settled: gives `trainOpts.callback` back to the user. */
  settled(): void {
    this.chained?.restore();
  }

  /** After a successful call: the final metrics, then the model. */
  afterTraining(status: BrainTrainStatus | undefined): void {
    const { session } = this;
    if (session.failed) return;
    session.fault('log-metrics');
    if (status && typeof status.error === 'number' && typeof status.iterations === 'number') {
      // NB: the final error closes the training_error curve (at the final iteration, unless the
      // callback already logged that one); iterations is a summary of the call, logged at step 0
      // as MLflow's scikit-learn autolog logs its training_* metrics.
      if (this.lastStep !== status.iterations) session.logMetrics({ training_error: status.error }, status.iterations);
      session.logMetrics({ iterations: status.iterations }, 0);
    }
    this.logModel();
  }

  private logModel(): void {
    const { session, net, context } = this;
    const { config } = session;
    if (!config.logModels) return;
    session.fault('log-model');
    // NB: loaded here, not at import: the model format is needed only once a model is logged.
    const { brainjsModel } = require('./flavor') as typeof import('./flavor');
    const rows = config.logModelSignatures || config.logInputExamples ? trainingRows(this.args[0], EXAMPLE_ROWS) : undefined;
    // NB: predicted and journaled now, on the network as training left it; sent in the background.
    // A network that cannot run its own training rows costs the signature and example, not the model.
    let predictions: unknown[] | undefined;
    try {
      predictions = rows?.map((row) => toPlain(net.run(row)));
    } catch (error) {
      warn('brain.js: the trained network could not run its first training rows, so it is logged without a signature and input example; the error', error);
    }
    const signature = config.logModelSignatures && rows && predictions ? networkSignature(rows, predictions, isSequenceNet(context, net)) : undefined;
    const version = context.version;
    session.logModel(brainjsModel.flavor, net, {
      name: 'model',
      signature: signature ?? false,
      ...(config.logInputExamples && rows && predictions ? { inputExample: rows } : {}),
      ...(config.registeredModelName ? { registeredModelName: config.registeredModelName } : {}),
      ...(version ? { brainjsVersion: version, extraRequirements: { 'brain.js': version } } : {}),
    });
  }
}

/** True for the *TimeStep nets (RNNTimeStep and its subclasses), whose rows are sequences of any length. */
function isSequenceNet(context: ModuleContext, net: BrainNetwork): boolean {
  const base = context.exports.recurrent?.RNNTimeStep;
  return typeof base === 'function' && net instanceof base;
}

function estimatorTags(context: ModuleContext, net: BrainNetwork): Record<string, string> {
  const cls = networkClass(net);
  const path = exportPath(context.exports, cls);
  return { estimator_name: cls.name, estimator_class: path ? `brain.js.${path}` : cls.name };
}

/** The patch of the synchronous `train(data, options)`. */
function trainPatch(context: ModuleContext, family: NetworkFamily): SyncPatchFunction<BrainNetwork, TrainArgs, BrainTrainStatus> {
  return (call, net, args, session) => {
    const training = new TrainingCall(context, session, net, args, family);
    let status: BrainTrainStatus;
    try {
      status = call(...training.trainArgs());
    } finally {
      training.settled();
      training.logParams();
    }
    training.afterTraining(status);
  };
}

/**
 * The patch of `trainAsync(data, options)` (feed-forward nets only). Its options are resolved
 * before the promise settles, so the params go out while training runs.
 * NB: 1.6.1's trainAsync rejects under Node with `{trainError, status}` (thaw.js 2.x has no
 * default export, BrainJS/brain.js#614): that rejection reaches the caller as it is.
 */
function trainAsyncPatch(context: ModuleContext, family: NetworkFamily): PatchFunction<BrainNetwork, TrainArgs, Promise<BrainTrainStatus>> {
  return async (call, net, args, session) => {
    const training = new TrainingCall(context, session, net, args, family);
    let promise: Promise<BrainTrainStatus>;
    try {
      promise = call(...training.trainArgs());
    } catch (error) {
      training.settled();
      throw error;
    }
    let status: BrainTrainStatus;
    try {
      training.logParams();
    } finally {
      // NB: even after an agent error here, our callback stays until training ends, then goes.
      try {
        status = await promise;
      } finally {
        training.settled();
      }
    }
    training.afterTraining(status);
  };
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
