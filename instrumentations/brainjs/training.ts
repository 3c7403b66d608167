/**
 * What a brain.js training call logs: the network and training options as params,
 * `training_error` every `callbackPeriod` iterations through a callback chained in front of the
 * user's, the final `training_error` and `iterations`, the training data as a dataset input and
 * the trained network. Loaded by the patches (instrumentation.ts) at the first training call.
 */
import { MetricBuffer } from '../../src/autolog/metric-buffer';
import type { AutologSession } from '../../src/autolog/session';
import { warn } from '../../src/util/logger';
import type { BrainExports, BrainNetwork, BrainTrainOptions, BrainTrainStatus } from './internal-types';
import { chainCallback, type ChainedCallback, type NetworkFamily } from './training-callback';
import { EXAMPLE_ROWS, exportPath, networkClass, networkSignature, toPlain, trainingDataset, trainingParams, trainingRows } from './utils';

/** What the patches know about the module copy they patched. */
export interface ModuleContext {
  exports: BrainExports;
  version: string | undefined;
}

export type TrainArgs = [data: unknown, options?: BrainTrainOptions, ...rest: unknown[]];

/** One training call as the agent follows it: the chained callback and the last step it logged. */
class TrainingCall {
  private chained: ChainedCallback | undefined;
  private lastStep: number | undefined;
  /** NB: brain.js reports every few iterations, each a fraction of a millisecond: points go out in batches. */
  private readonly errors: MetricBuffer;

  constructor(
    private readonly context: ModuleContext,
    private readonly session: AutologSession,
    private readonly net: BrainNetwork,
    private readonly args: TrainArgs,
    family: NetworkFamily,
  ) {
    this.errors = new MetricBuffer((points) => session.logMetricPoints(points));
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
      this.errors.add('training_error', status.error, status.iterations);
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

  /** Training settled: queues the error curve's last points and gives `trainOpts.callback` back to the user. Never throws. */
  settled(): void {
    try {
      this.errors.flush();
    } catch (error) {
      this.session.fail(error);
    }
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

/** What the synchronous `train(data, options)` logs around the original `call`. */
export function logTrain(
  context: ModuleContext,
  family: NetworkFamily,
  call: (...args: TrainArgs) => BrainTrainStatus,
  net: BrainNetwork,
  args: TrainArgs,
  session: AutologSession,
): void {
  const training = new TrainingCall(context, session, net, args, family);
  let status: BrainTrainStatus;
  try {
    status = call(...training.trainArgs());
  } finally {
    training.settled();
    training.logParams();
  }
  training.afterTraining(status);
}

/**
 * What `trainAsync(data, options)` (feed-forward nets only) logs around the original `call`. Its
 * options are resolved before the promise settles, so the params go out while training runs.
 * NB: 1.6.1's trainAsync rejects under Node with `{trainError, status}` (thaw.js 2.x has no
 * default export, BrainJS/brain.js#614): that rejection reaches the caller as it is.
 */
export async function logTrainAsync(
  context: ModuleContext,
  family: NetworkFamily,
  call: (...args: TrainArgs) => Promise<BrainTrainStatus>,
  net: BrainNetwork,
  args: TrainArgs,
  session: AutologSession,
): Promise<void> {
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
}

