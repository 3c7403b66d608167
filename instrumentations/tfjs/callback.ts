/**
 * The callback autologging adds to a training call, and the normalization that adds it without
 * changing how tfjs treats the user's callbacks.
 */
import type { AutologSession } from '../../src/autolog/session';
import type { Checkpointer } from './checkpoint';
import type { TfBaseCallback, TfEarlyStopping, TfLayersExports, TfLogs } from './internal-types';

/** Keys of batch logs that are bookkeeping, not metrics. */
const BATCH_BOOKKEEPING = new Set(['batch', 'size']);

function numeric(logs: TfLogs | undefined, skip?: Set<string>): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    if (typeof value === 'number' && !skip?.has(key)) metrics[key] = value;
  }
  return metrics;
}

/** The autologging callback and what it saw. */
export interface AutologCallback {
  callback: TfBaseCallback;
  /** Epochs that ended in this call. */
  epochsRun(): number;
}

/**
 * A `CustomCallback` (so tfjs resolves the scalar logs to numbers first) that logs every epoch's
 * logs at step = epoch, the batch logs every N batches, `stopped_epoch` when early stopping
 * ended training, and hands each step's metrics to the checkpointer (whose capture tfjs awaits).
 * Each hook is guarded: an error in it is the session's one warning, never a failure of training.
 */
export function createAutologCallback(moduleExports: TfLayersExports, session: AutologSession, earlyStopping: TfEarlyStopping | undefined, checkpointer?: Checkpointer): AutologCallback {
  let epochs = 0;
  let globalBatch = 0;
  const every = session.config.logEveryNSteps;

  const guard =
    <A extends unknown[]>(point: string, fn: (...args: A) => Promise<void> | void) =>
    (...args: A): Promise<void> | void => {
      if (session.failed) return;
      try {
        session.fault(point);
        return fn(...args);
      } catch (error) {
        session.fail(error);
      }
    };

  /** The checkpointer's turn, after the step's metrics were logged: its error is the session's warning too. */
  const checkpointAfter = (work: Promise<void> | undefined): Promise<void> | void => work?.catch((error: unknown) => session.fail(error));
  const batchEnd = (_batch: number, logs?: TfLogs): Promise<void> | void => {
    const step = globalBatch++;
    const metrics = numeric(logs, BATCH_BOOKKEEPING);
    const points = every && step % every === 0 ? session.logMetrics(metrics, step) : [];
    return checkpointAfter(checkpointer?.afterBatch(step, metrics, points));
  };

  const callback: TfBaseCallback = new moduleExports.CustomCallback(
    {
      onEpochEnd: guard('epoch-end', (epoch: number, logs?: TfLogs) => {
        epochs++;
        const metrics = numeric(logs);
        const points = session.logMetrics(metrics, epoch);
        return checkpointAfter(checkpointer?.afterEpoch(epoch, metrics, points));
      }),
      ...(every || checkpointer?.perBatch ? { onBatchEnd: guard('batch-end', batchEnd) } : {}),
      onTrainEnd: guard('train-end', () => {
        if (!earlyStopping) return;
        const params = callback.params ?? {};
        const planned = (params.epochs ?? 0) - (params.initialEpoch ?? 0);
        // NB: stoppedEpoch is 0 both when stopping at epoch 0 and when not stopping at all
        // (node-internals 2.3); the wait counter and the epochs run tell the two apart.
        if (epochs < planned && earlyStopping.wait >= earlyStopping.patience) {
          session.logMetrics({ stopped_epoch: earlyStopping.stoppedEpoch }, 0);
        }
      }),
    },
    // NB: 'never': autologging adds no yields to the training loop.
    'never',
  );
  return { callback, epochsRun: () => epochs };
}

/**
 * The user's callbacks as tfjs' `standardizeCallbacks` would make them (base_callbacks.js:
 * nothing → one CustomCallback; a callback object → itself; a list starting with a callback
 * object → as is; otherwise each entry → CustomCallback(entry, yieldEvery)), then ours. Building
 * the list ourselves keeps the user's callbacks exactly as tfjs would run them: appending a
 * callback object to a list of plain configs would flip tfjs to its other branch.
 */
export function withAutologCallback(moduleExports: TfLayersExports, callbacks: unknown, yieldEvery: unknown, ours: TfBaseCallback): TfBaseCallback[] {
  const BaseCallback = Object.getPrototypeOf(moduleExports.CustomCallback.prototype as object).constructor as new () => TfBaseCallback;
  let standardized: unknown[];
  if (callbacks === undefined || callbacks === null) {
    standardized = [new moduleExports.CustomCallback({}, yieldEvery)];
  } else if (callbacks instanceof BaseCallback) {
    standardized = [callbacks];
  } else if (Array.isArray(callbacks) && callbacks[0] instanceof BaseCallback) {
    standardized = [...callbacks];
  } else {
    const configs = Array.isArray(callbacks) ? callbacks : [callbacks];
    standardized = configs.map((config) => new moduleExports.CustomCallback(config as object, yieldEvery));
  }
  return [...(standardized as TfBaseCallback[]), ours];
}
