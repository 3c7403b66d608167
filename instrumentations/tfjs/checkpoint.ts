/**
 * Checkpoints during `fit` / `fitDataset`, as MLflow's Keras autolog decides them
 * (`MlflowModelCheckpointCallbackBase`): after each epoch, or every `checkpointSaveFreq` batches;
 * with `checkpointSaveBestOnly`, only when the monitored metric beats the last checkpoint's. Each
 * checkpoint is a logged model (see `AutologSession.logCheckpoint`), taken while training waits.
 */
import type { AutologSession } from '../../src/autolog/session';
import { DEFAULTS } from '../../src/autolog/env-options';
import type { Metric } from '../../src/store/types';
import { warn } from '../../src/util/logger';
import type { TfLayersModel } from './internal-types';

/** What a checkpoint is logged with (the final model's options, computed once). */
export type CheckpointOptions = () => Record<string, unknown>;

/** The checkpointing of one training call. */
export interface Checkpointer {
  /** True when checkpoints are considered every N batches (the callback then watches batches). */
  readonly perBatch: boolean;
  /** After an epoch: its metrics as logged (`points`) and by name. */
  afterEpoch(epoch: number, metrics: Record<string, number>, points: Metric[]): Promise<void>;
  /** After a batch (global index `step`): its metrics, logged or not. */
  afterBatch(step: number, metrics: Record<string, number>, points: Metric[]): Promise<void>;
}

/** The checkpointer for a training call, or undefined when checkpoints are off. */
export function createCheckpointer(session: AutologSession, model: TfLayersModel, options: CheckpointOptions): Checkpointer | undefined {
  const { checkpoint, checkpointMonitor: monitor, checkpointMode: mode, checkpointSaveBestOnly: bestOnly, checkpointSaveFreq: freq, logModels } = session.config;
  if (!checkpoint || !logModels) return undefined;
  let best: number | undefined;
  let warned = false;

  /** True when these metrics make a checkpoint (MLflow's `check_and_save_checkpoint_if_needed`). */
  const wanted = (metrics: Record<string, number>): boolean => {
    if (!bestOnly) return true;
    const value = metrics[monitor];
    if (value === undefined || Number.isNaN(value)) {
      // NB: the default monitor is absent whenever there is no validation data: skipped quietly then.
      if (!warned && monitor !== DEFAULTS.checkpointMonitor) {
        warned = true;
        warn(`checkpoints are skipped: the monitored metric ${monitor} is not among the metrics (${Object.keys(metrics).join(', ') || 'none'}); set checkpointMonitor to one of them`);
      }
      return false;
    }
    if (best !== undefined && !(mode === 'min' ? value < best : value > best)) return false;
    best = value;
    return true;
  };

  const save = async (step: number, metrics: Record<string, number>, points: Metric[]) => {
    if (!wanted(metrics)) return;
    // NB: loaded here: only a checkpoint needs the flavor.
    const { tfjsModel } = require('./flavor') as typeof import('./flavor');
    const linked = points.length ? points : Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp: Date.now() }));
    await session.logCheckpoint(tfjsModel.flavor, model, options(), step, linked);
  };

  return {
    perBatch: typeof freq === 'number',
    afterEpoch: (epoch, metrics, points) => (freq === 'epoch' ? save(epoch, metrics, points) : Promise.resolve()),
    afterBatch: (step, metrics, points) => (typeof freq === 'number' && (step + 1) % freq === 0 ? save(step, metrics, points) : Promise.resolve()),
  };
}
