/**
 * What one run holds besides its `runs` row, written and read as MLflow's SQL store does
 * (`mlflow/store/tracking/sqlalchemy_store.py`): tags, write-once params, metrics with
 * `latest_metrics`, dataset inputs with their tags, and logged-model inputs and outputs (rows of
 * `inputs`). Every writer here runs inside the caller's transaction.
 */
import { newRunId } from '../file-store-format';
import type { DatasetInput, Metric, ModelIo, Param, Run, Tag } from '../types';
import type { Connection } from './connection';
import { encodeMetricValue, paramChanged } from './rows';

/** `uuid.uuid4().hex`, as MLflow makes dataset and input ids. */
const newUuidHex = newRunId;

export function upsertTag(db: Connection, runId: string, tag: Tag): void {
  db.run(
    'INSERT INTO tags ("key", value, run_uuid) VALUES (?, ?, ?) ON CONFLICT ("key", run_uuid) DO UPDATE SET value = excluded.value',
    tag.key, tag.value, runId,
  );
}

/**
 * Params are write-once: the same value again is skipped, a different one refused (before any is
 * written, so the caller's transaction rolls back a refused batch whole).
 */
export function logParams(db: Connection, runId: string, params: Param[]): void {
  const fresh: Param[] = [];
  for (const param of params) {
    const current = db.get('SELECT value FROM params WHERE run_uuid = ? AND "key" = ?', runId, param.key);
    if (current === undefined) fresh.push(param);
    else if (current.value !== param.value) throw paramChanged(runId, param.key, String(current.value), param.value);
  }
  for (const param of fresh) db.run('INSERT INTO params ("key", value, run_uuid) VALUES (?, ?, ?)', param.key, param.value, runId);
}

/**
 * Appends metric points (an exact duplicate of a stored point is skipped, as MLflow does) and
 * keeps `latest_metrics`: the row of a key is replaced by a point whose (step, timestamp, value)
 * is strictly greater (`_update_latest_metrics_if_necessary`, on the stored values, so NaN counts
 * as 0). A point naming a logged model this database holds also goes to `logged_model_metrics`.
 */
export function logMetrics(db: Connection, runId: string, experimentId: number, metrics: Metric[]): void {
  const modelIds = new Map<string, boolean>();
  for (const metric of metrics) {
    const { value, isNan } = encodeMetricValue(metric.value);
    db.run(
      'INSERT INTO metrics ("key", value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      metric.key, value, metric.timestamp, runId, metric.step, isNan,
    );
    db.run(
      'INSERT INTO latest_metrics ("key", value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT ("key", run_uuid) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, ' +
        'step = excluded.step, is_nan = excluded.is_nan ' +
        'WHERE (excluded.step, excluded.timestamp, excluded.value) > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)',
      metric.key, value, metric.timestamp, metric.step, isNan, runId,
    );
    if (metric.modelId === undefined) continue;
    let known = modelIds.get(metric.modelId);
    if (known === undefined) {
      known = db.get('SELECT 1 AS x FROM logged_models WHERE model_id = ?', metric.modelId) !== undefined;
      modelIds.set(metric.modelId, known);
    }
    // NB: only for a logged model this database holds; its foreign key would refuse any other.
    if (!known) continue;
    db.run(
      'INSERT INTO logged_model_metrics (model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, experiment_id, ' +
        'run_id, dataset_uuid, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) ON CONFLICT DO NOTHING',
      metric.modelId, metric.key, metric.timestamp, metric.step, value, experimentId, runId,
      metric.datasetName ?? null, metric.datasetDigest ?? null,
    );
  }
}

/**
 * Records datasets as run inputs: one `datasets` row per (experiment, name, digest), one `inputs`
 * edge per (dataset, run) with its tags. Repeats, in one call or across calls, add nothing: the
 * first of a name and digest wins, as in MLflow's `_log_inputs_impl`.
 */
export function logDatasetInputs(db: Connection, runId: string, experimentId: number, inputs: DatasetInput[]): void {
  const seen = new Set<string>();
  for (const { dataset, tags } of inputs) {
    const id = JSON.stringify([dataset.name, dataset.digest]);
    if (seen.has(id)) continue;
    seen.add(id);
    let datasetUuid = db.get(
      'SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?',
      experimentId, dataset.name, dataset.digest,
    )?.dataset_uuid as string | undefined;
    if (datasetUuid === undefined) {
      datasetUuid = newUuidHex();
      db.run(
        'INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        datasetUuid, experimentId, dataset.name, dataset.digest, dataset.sourceType, dataset.source,
        dataset.schema ?? null, dataset.profile ?? null,
      );
    }
    const existing = db.get(
      "SELECT 1 AS x FROM inputs WHERE source_type = 'DATASET' AND source_id = ? AND destination_type = 'RUN' AND destination_id = ?",
      datasetUuid, runId,
    );
    if (existing) continue;
    const inputUuid = newUuidHex();
    db.run(
      "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id) VALUES (?, 'DATASET', ?, 'RUN', ?)",
      inputUuid, datasetUuid, runId,
    );
    for (const tag of new Map(tags.map((t) => [t.key, t])).values()) {
      db.run('INSERT INTO input_tags (input_uuid, name, value) VALUES (?, ?, ?)', inputUuid, tag.key, tag.value);
    }
  }
}

/** Logged models a run used: `('RUN_INPUT', run, 'MODEL_INPUT', model)` edges, once each. */
export function logModelInputs(db: Connection, runId: string, models: ModelIo[]): void {
  for (const model of models) {
    db.run(
      "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id) VALUES (?, 'RUN_INPUT', ?, 'MODEL_INPUT', ?) " +
        'ON CONFLICT DO NOTHING',
      newUuidHex(), runId, model.modelId,
    );
  }
}

/** Logged models a run produced: `('RUN_OUTPUT', run, 'MODEL_OUTPUT', model)` edges with a step. */
export function logModelOutputs(db: Connection, runId: string, models: ModelIo[]): void {
  for (const model of models) {
    db.run(
      "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) VALUES (?, 'RUN_OUTPUT', ?, 'MODEL_OUTPUT', ?, ?) " +
        'ON CONFLICT DO NOTHING',
      newUuidHex(), runId, model.modelId, model.step ?? 0,
    );
  }
}

/** A run's inputs (datasets with their tags, logged models) and outputs, in the order logged. */
export function readRunIo(db: Connection, runId: string, withOutputs: boolean): Pick<Run, 'inputs' | 'outputs'> {
  const datasetRows = db.all(
    'SELECT i.input_uuid, d.* FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id ' +
      "WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id = ? ORDER BY i.rowid",
    runId,
  );
  const datasetInputs = datasetRows.map((row) => {
    const dataset: DatasetInput['dataset'] = {
      name: String(row.name),
      digest: String(row.digest),
      sourceType: String(row.dataset_source_type),
      source: String(row.dataset_source),
    };
    if (row.dataset_schema !== null && row.dataset_schema !== undefined) dataset.schema = String(row.dataset_schema);
    if (row.dataset_profile !== null && row.dataset_profile !== undefined) dataset.profile = String(row.dataset_profile);
    const tags = db
      .all('SELECT name, value FROM input_tags WHERE input_uuid = ? ORDER BY rowid', row.input_uuid!)
      .map((t) => ({ key: String(t.name), value: String(t.value) }));
    return { dataset, tags };
  });
  const modelInputs = db
    .all("SELECT destination_id FROM inputs WHERE source_type = 'RUN_INPUT' AND source_id = ? AND destination_type = 'MODEL_INPUT' ORDER BY rowid", runId)
    .map((row) => ({ modelId: String(row.destination_id) }));
  const modelOutputs = withOutputs
    ? db
        .all("SELECT destination_id, step FROM inputs WHERE source_type = 'RUN_OUTPUT' AND source_id = ? AND destination_type = 'MODEL_OUTPUT' ORDER BY rowid", runId)
        .map((row) => ({ modelId: String(row.destination_id), step: Number(row.step) }))
    : [];
  return { inputs: { datasetInputs, modelInputs }, outputs: { modelOutputs } };
}
