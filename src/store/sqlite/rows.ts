/**
 * Rows of MLflow's tables and the entities they stand for, both ways: how MLflow's SQL store
 * encodes metric values, run status and lifecycle, and the errors and rules it shares with the
 * file store (same codes and messages, whichever local store is in use).
 */
import { MlflowRestError } from '../../errors';
import type { SqlRow, SqlValue } from './driver';
import type { Experiment, Metric, RunInfo, RunStatus, Tag } from '../types';

export { RUN_NAME_TAG, checkInteger, invalid, lastValuePerKey, makePageToken, notFound, paramChanged, parsePageToken } from '../store-rules';

/** What MLflow stores for ±Infinity: the largest finite double (`sanitize_metric_value`). */
const MAX_FLOAT = 1.7976931348623157e308;
const STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];



/** A metric value as MLflow's SQL store writes it: NaN is `0` with `is_nan`, ±Inf the largest double. */
export function encodeMetricValue(value: number): { value: number; isNan: 0 | 1 } {
  if (Number.isNaN(value)) return { value: 0, isNan: 1 };
  if (value === Infinity) return { value: MAX_FLOAT, isNan: 0 };
  if (value === -Infinity) return { value: -MAX_FLOAT, isNan: 0 };
  return { value, isNan: 0 };
}

const text = (value: SqlValue | undefined): string => (value === null || value === undefined ? '' : String(value));
const int = (value: SqlValue | undefined): number | undefined => (value === null || value === undefined ? undefined : Number(value));

/** A `metrics` or `latest_metrics` row. NB: as MLflow reads it, ±Inf come back as ±1.797e308. */
export function metricFromRow(row: SqlRow): Metric {
  return {
    key: text(row.key),
    value: Number(row.is_nan) ? NaN : Number(row.value),
    timestamp: int(row.timestamp) ?? 0,
    step: int(row.step) ?? 0,
  };
}

export function experimentFromRow(row: SqlRow, tags: Tag[]): Experiment {
  const experiment: Experiment = {
    experimentId: text(row.experiment_id),
    name: text(row.name),
    artifactLocation: text(row.artifact_location),
    lifecycleStage: row.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    tags,
  };
  const creationTime = int(row.creation_time);
  const lastUpdateTime = int(row.last_update_time);
  if (creationTime !== undefined) experiment.creationTime = creationTime;
  if (lastUpdateTime !== undefined) experiment.lastUpdateTime = lastUpdateTime;
  return experiment;
}

export function runInfoFromRow(row: SqlRow): RunInfo {
  const status = STATUSES.find((s) => s === row.status);
  if (!status) throw new MlflowRestError(`Run '${text(row.run_uuid)}' has an unknown status ${JSON.stringify(row.status)}.`, 'INTERNAL_ERROR', 500);
  const info: RunInfo = {
    runId: text(row.run_uuid),
    runName: text(row.name),
    experimentId: text(row.experiment_id),
    userId: text(row.user_id),
    status,
    startTime: int(row.start_time) ?? 0,
    artifactUri: text(row.artifact_uri),
    lifecycleStage: row.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  };
  const endTime = int(row.end_time);
  if (endTime !== undefined) info.endTime = endTime;
  return info;
}

export function tagsFromRows(rows: SqlRow[], keyColumn = 'key'): Tag[] {
  return rows.map((r) => ({ key: text(r[keyColumn]), value: text(r.value) }));
}

/** An experiment id as MLflow's SQL store stores it (an integer), or undefined for any other text. */
export function experimentIdNumber(experimentId: string): number | undefined {
  return /^\d{1,15}$/.test(experimentId) ? Number(experimentId) : undefined;
}

