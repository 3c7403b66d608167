/**
 * What the journal holds: one JSON line per thing the agent was asked to send, and one per
 * thing the server acknowledged. Records name runs by a local key (a UUID made when the run was
 * started), because the server's run id may not exist yet; the key doubles as the run's client
 * token (the tag {@link TAG_RUN_TOKEN}), so that a create whose answer was lost is found again
 * rather than made twice.
 */
import type { DatasetInput, LogBatch, Metric, RunStatus } from '../store/types';

/** The tag that carries a run's local key: a create retried after a lost answer looks it up first. */
export const TAG_RUN_TOKEN = 'mlflow-autolog.run_token';

/** Create a run (or, with `runId`, adopt an existing one: a resumed run or a user's). */
export interface RunRecord {
  t: 'run';
  id: number;
  /** The run's local key. */
  k: string;
  /** The server's run id, when it is known already (a resumed run). */
  runId?: string;
  experimentId?: string;
  experimentName?: string;
  /** The parent run's local key, for a nested run. */
  parent?: string;
  /** The parent run's id, when the parent is not one of this process's runs. */
  parentRunId?: string;
  runName?: string;
  tags: Record<string, string>;
  userId?: string;
  startTime: number;
  /**
   * A run the user is waiting for (`startRun`): when the server does not answer, the start fails
   * at once (as MLflow's would) instead of waiting in the journal.
   */
  failFast?: boolean;
}

/** Metrics, params and tags for one run, sent with `log-batch`. */
export interface BatchRecord {
  t: 'batch';
  id: number;
  k: string;
  /** Metrics as `[key, value, timestamp, step]`; NaN and ±Infinity are written as strings. */
  m?: [string, number | string, number, number][];
  p?: [string, string][];
  g?: [string, string][];
}

/** Dataset inputs of a run (`log-inputs`). */
export interface InputsRecord {
  t: 'inputs';
  id: number;
  k: string;
  datasets: DatasetInput[];
}

/** The run's end. */
export interface EndRecord {
  t: 'end';
  id: number;
  k: string;
  status: RunStatus;
  endTime: number;
}

/** A file to upload to the run's artifacts (staged in the journal's folder until it is sent). */
export interface ArtifactRecord {
  t: 'artifact';
  id: number;
  k: string;
  /** The staged file's absolute path. */
  file: string;
  /** The artifact folder to put it in; the run's root when absent. */
  path?: string;
}

/**
 * A model to log to the run: its folder is saved already (staged in the journal's folder), or
 * its files are in the record;
 * sending it creates the logged model (looked up by `token` first), links it to the run, uploads
 * the folder, finalizes it and registers it when asked.
 */
export interface ModelRecord {
  t: 'model';
  id: number;
  k: string;
  /** The staged model folder's absolute path. */
  dir: string;
  /**
   * The folder's files, for a model journaled the moment training returned (see `draftModel`):
   * written into `dir` when the model is sent, in this process or by replay.
   */
  files?: Record<string, string>;
  /** The binary ones of those files (`model.onnx`), base64-encoded. */
  base64Files?: Record<string, string>;
  /** The model's name (and its folder in the run's artifacts without logged models). */
  name: string;
  /** The flavor's name, the logged model's type. */
  flavor: string;
  /** The model's client token (the tag {@link TAG_MODEL_TOKEN} of the logged model and version). */
  token: string;
  step?: number;
  tags?: Record<string, string>;
  registeredModelName?: string;
  aliases?: string[];
  /**
   * A checkpoint taken during training: its step's metrics, logged again with the model's id once
   * the logged model exists (the run's copy of each point is the same point, so it is not doubled),
   * and it does not become the process's last logged model.
   */
  checkpoint?: { metrics: Metric[] };
}

/** The tag that carries a logged model's (and its registered version's) client token. */
export const TAG_MODEL_TOKEN = 'mlflow-autolog.model_token';

/** The server's id for a run key, learned when the run was created (so replay need not search). */
export interface RunIdRecord {
  t: 'rid';
  k: string;
  runId: string;
}

/** Records the server acknowledged (or refused for good: they will not be sent again). */
export interface AckRecord {
  t: 'ack';
  ids: number[];
}

/** Something to send: every record that carries an `id`. */
export type WorkRecord = RunRecord | BatchRecord | InputsRecord | ArtifactRecord | ModelRecord | EndRecord;
export type JournalRecord = WorkRecord | RunIdRecord | AckRecord;

/** A record without the id the journal gives it. */
export type NewWork = WorkRecord extends infer R ? (R extends WorkRecord ? Omit<R, 'id'> : never) : never;

function encodeNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function decodeNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A batch record's body from a batch. */
export function batchBody(batch: Partial<LogBatch>): Omit<BatchRecord, 't' | 'id' | 'k'> {
  const body: Omit<BatchRecord, 't' | 'id' | 'k'> = {};
  if (batch.metrics?.length) body.m = batch.metrics.map((m) => [m.key, encodeNumber(m.value), m.timestamp, m.step]);
  if (batch.params?.length) body.p = batch.params.map((p) => [p.key, p.value]);
  if (batch.tags?.length) body.g = batch.tags.map((t) => [t.key, t.value]);
  return body;
}

/** The batch a batch record holds. */
export function recordBatch(record: BatchRecord): LogBatch {
  return {
    metrics: (record.m ?? []).map(([key, value, timestamp, step]) => ({ key, value: decodeNumber(value), timestamp, step })),
    params: (record.p ?? []).map(([key, value]) => ({ key, value })),
    tags: (record.g ?? []).map(([key, value]) => ({ key, value })),
  };
}

/** How many values a record stands for, in the counts users are told. */
export function recordSize(record: WorkRecord): number {
  if (record.t === 'batch') return (record.m?.length ?? 0) + (record.p?.length ?? 0) + (record.g?.length ?? 0);
  if (record.t === 'inputs') return record.datasets.length;
  return 1;
}

/** Parses one journal line; undefined for a line that is not a record (a torn last write). */
export function parseRecord(line: string): JournalRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as JournalRecord;
    return value && typeof value === 'object' && typeof value.t === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
