/**
 * The `meta.yaml` records of MLflow's file store and the entities they stand for: experiments,
 * runs, datasets, run inputs and run outputs. Field names, types and the vertex-type names are
 * those MLflow 3 writes (`_make_persisted_run_info_dict`, `_FileStoreInput`, `_FileStoreOutput`).
 */
import { MlflowRestError } from '../errors';
import { SOURCE_TYPE_LOCAL, STATUS_TO_INT, statusFromStored } from './file-store-format';
import type { YamlValue } from './file-store-yaml';
import type { Dataset, Experiment, RunInfo, Tag } from './types';

type Meta = Record<string, unknown>;
type MetaOut = Record<string, YamlValue>;

function text(meta: Meta, key: string, fallback?: string): string {
  const value = meta[key];
  if (typeof value === 'string') return value;
  // NB: YAML 1.1 may have read an unquoted id, name or digest as a number or boolean.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (fallback !== undefined) return fallback;
  throw new MlflowRestError(`meta.yaml lacks the field '${key}'.`, 'INTERNAL_ERROR', 500);
}

function optionalText(meta: Meta, key: string): string | undefined {
  return meta[key] === null || meta[key] === undefined ? undefined : text(meta, key);
}

function optionalInt(meta: Meta, key: string): number | undefined {
  const value = meta[key];
  return typeof value === 'number' ? value : undefined;
}

function lifecycle(meta: Meta): 'active' | 'deleted' {
  return meta.lifecycle_stage === 'deleted' ? 'deleted' : 'active';
}

/** An experiment's `meta.yaml`; its tags live in files under `tags/`, not here. */
export function experimentMeta(experiment: Omit<Experiment, 'tags'>): MetaOut {
  return {
    artifact_location: experiment.artifactLocation,
    creation_time: experiment.creationTime ?? null,
    effective_trace_archival_retention: null,
    experiment_id: experiment.experimentId,
    last_update_time: experiment.lastUpdateTime ?? null,
    lifecycle_stage: experiment.lifecycleStage,
    name: experiment.name,
    trace_location: null,
    workspace: 'default',
  };
}

export function experimentFromMeta(meta: Meta, tags: Tag[]): Experiment {
  const experiment: Experiment = {
    experimentId: text(meta, 'experiment_id'),
    name: text(meta, 'name'),
    artifactLocation: text(meta, 'artifact_location', ''),
    lifecycleStage: lifecycle(meta),
    tags,
  };
  const creationTime = optionalInt(meta, 'creation_time');
  const lastUpdateTime = optionalInt(meta, 'last_update_time');
  if (creationTime !== undefined) experiment.creationTime = creationTime;
  if (lastUpdateTime !== undefined) experiment.lastUpdateTime = lastUpdateTime;
  return experiment;
}

/**
 * A run's `meta.yaml`. `previous` is the record being replaced: fields we do not model (such as
 * `deleted_time`) are kept as they were.
 */
export function runMeta(info: RunInfo, previous: Meta = {}): MetaOut {
  const kept: MetaOut = {};
  for (const [key, value] of Object.entries(previous)) {
    if (value === null || typeof value !== 'object') kept[key] = value as YamlValue;
  }
  return {
    ...kept,
    artifact_uri: info.artifactUri,
    end_time: info.endTime ?? null,
    entry_point_name: '',
    experiment_id: info.experimentId,
    lifecycle_stage: info.lifecycleStage,
    run_id: info.runId,
    run_name: info.runName,
    source_name: '',
    source_type: SOURCE_TYPE_LOCAL,
    source_version: '',
    start_time: info.startTime,
    status: STATUS_TO_INT[info.status],
    // NB: MLflow keeps an empty `tags` list here for old readers; the tags are files.
    tags: [],
    user_id: info.userId,
  };
}

export function runInfoFromMeta(meta: Meta): RunInfo {
  const info: RunInfo = {
    runId: text(meta, 'run_id', typeof meta.run_uuid === 'string' ? meta.run_uuid : undefined),
    runName: text(meta, 'run_name', ''),
    experimentId: text(meta, 'experiment_id'),
    userId: text(meta, 'user_id', ''),
    status: statusFromStored(meta.status),
    startTime: optionalInt(meta, 'start_time') ?? 0,
    artifactUri: text(meta, 'artifact_uri', ''),
    lifecycleStage: lifecycle(meta),
  };
  const endTime = optionalInt(meta, 'end_time');
  if (endTime !== undefined) info.endTime = endTime;
  return info;
}

/** A dataset's `meta.yaml` under `<experiment>/datasets/<md5(name + digest)>/`. */
export function datasetMeta(dataset: Dataset): MetaOut {
  return {
    digest: dataset.digest,
    name: dataset.name,
    profile: dataset.profile ?? null,
    schema: dataset.schema ?? null,
    source: dataset.source,
    source_type: dataset.sourceType,
  };
}

export function datasetFromMeta(meta: Meta): Dataset {
  const dataset: Dataset = {
    name: text(meta, 'name'),
    digest: text(meta, 'digest'),
    sourceType: text(meta, 'source_type'),
    source: text(meta, 'source'),
  };
  const schema = optionalText(meta, 'schema');
  const profile = optionalText(meta, 'profile');
  if (schema !== undefined) dataset.schema = schema;
  if (profile !== undefined) dataset.profile = profile;
  return dataset;
}

/**
 * A run input's `meta.yaml` under `<run>/inputs/<id>/`. NB: MLflow writes the *source* id as
 * `destination_id` too (and reads it back that way), so we do the same.
 */
export function inputMeta(sourceType: 'DATASET' | 'MODEL', sourceId: string, tags: Tag[]): MetaOut {
  return {
    destination_id: sourceId,
    destination_type: 'RUN',
    source_id: sourceId,
    source_type: sourceType,
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
  };
}

export interface StoredInput {
  sourceType: string;
  sourceId: string;
  tags: Tag[];
}

export function inputFromMeta(meta: Meta): StoredInput {
  const tags = meta.tags !== null && typeof meta.tags === 'object' ? (meta.tags as Record<string, unknown>) : {};
  return {
    sourceType: text(meta, 'source_type'),
    sourceId: text(meta, 'source_id'),
    tags: Object.entries(tags).map(([key, value]) => ({ key, value: String(value) })),
  };
}

/** A run output's `meta.yaml` under `<run>/outputs/<model_id>/` (same id quirk as inputs). */
export function outputMeta(modelId: string, step: number): MetaOut {
  return {
    destination_id: modelId,
    destination_type: 'MODEL_OUTPUT',
    source_id: modelId,
    source_type: 'RUN_OUTPUT',
    step,
    tags: {},
  };
}

export function outputFromMeta(meta: Meta): { destinationType: string; modelId: string; step: number } {
  return {
    destinationType: text(meta, 'destination_type'),
    modelId: text(meta, 'destination_id'),
    step: optionalInt(meta, 'step') ?? 0,
  };
}
