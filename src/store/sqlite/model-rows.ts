/**
 * Logged models and the model registry in MLflow's tables, both ways: the rows MLflow's SQL
 * stores read and write (`mlflow/store/tracking/dbmodels/models.py`,
 * `mlflow/store/model_registry/dbmodels/models.py`), the JSON a tracking server answers with
 * (`LoggedModel.to_proto`, `ModelVersion.to_proto`), and MLflow's rules and messages for names,
 * versions and aliases (`mlflow/utils/validation.py`).
 */
import { posix } from 'node:path';
import { pyJsonDumps, type PyJsonValue } from '../../models/py-json';
import type { WireMetric, WireTag } from '../../rest/endpoints';
import type { WireLoggedModel, WireLoggedModelStatus, WireModelVersion } from '../../rest/model-endpoints';
import type { Connection } from './connection';
import type { SqlRow } from './driver';
import { invalid } from './rows';
import { missingColumns, SqliteSchemaError, type ColumnInfo } from './schema';

/** Every table and column the model store writes or reads (all there since MLflow 3.0). */
export const MODEL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  logged_models: [
    'model_id', 'experiment_id', 'name', 'artifact_location', 'creation_timestamp_ms', 'last_updated_timestamp_ms', 'status',
    'lifecycle_stage', 'model_type', 'source_run_id', 'status_message',
  ],
  logged_model_tags: ['model_id', 'experiment_id', 'tag_key', 'tag_value'],
  logged_model_params: ['model_id', 'experiment_id', 'param_key', 'param_value'],
  logged_model_metrics: [
    'model_id', 'metric_name', 'metric_timestamp_ms', 'metric_step', 'metric_value', 'experiment_id', 'run_id', 'dataset_uuid',
    'dataset_name', 'dataset_digest',
  ],
  registered_models: ['name', 'creation_time', 'last_updated_time', 'description'],
  registered_model_tags: ['key', 'value', 'name'],
  model_versions: [
    'name', 'version', 'creation_time', 'last_updated_time', 'description', 'user_id', 'current_stage', 'source', 'run_id', 'status',
    'status_message', 'run_link', 'storage_location',
  ],
  model_version_tags: ['key', 'value', 'name', 'version'],
  registered_model_aliases: ['alias', 'version', 'name'],
};

/** Refuses a database without {@link MODEL_COLUMNS} (only a hand-made one lacks them), naming what is missing. */
export function checkModelTables(db: Connection, location: string): void {
  const read = (table: string) => new Map(db.all(`PRAGMA table_info("${table}")`).map((c) => [String(c.name), c as unknown as ColumnInfo]));
  const missing = missingColumns(read, MODEL_COLUMNS);
  if (missing.length > 0) {
    throw new SqliteSchemaError(
      `${location} (schema revision ${db.shape.revision}) has no ${missing.slice(0, 5).join(', ')}: logged models and the ` +
        `model registry need the tables of MLflow 3; run \`mlflow db upgrade sqlite:///${location}\`.`,
    );
  }
}

/** `LoggedModelStatus.to_int()`: how `logged_models.status` stores each status. */
export const STATUS_TO_INT: Readonly<Record<WireLoggedModelStatus, number>> = {
  LOGGED_MODEL_STATUS_UNSPECIFIED: 0,
  LOGGED_MODEL_PENDING: 1,
  LOGGED_MODEL_READY: 2,
  LOGGED_MODEL_UPLOAD_FAILED: 3,
};
const INT_TO_STATUS = new Map(Object.entries(STATUS_TO_INT).map(([name, n]) => [n, name as WireLoggedModelStatus]));

/** The stage of a new version (`STAGE_NONE`), and the one that hides a deleted version. */
export const STAGE_NONE = 'None';
export const STAGE_DELETED_INTERNAL = 'Deleted_Internal';
/** The stages `get_latest_versions` reports the newest version of (`ALL_STAGES`). */
const STAGES = new Set([STAGE_NONE, 'Staging', 'Production', 'Archived']);
/** The tag in which MLflow's server records the registered versions of a logged model. */
export const MODEL_VERSIONS_TAG = 'mlflow.modelVersions';
/** The tag that marks a registered model as a prompt. */
export const PROMPT_TAG = 'mlflow.prompt.is_prompt';

const text = (value: SqlValueLike): string => (value === null || value === undefined ? '' : String(value));
type SqlValueLike = SqlRow[string] | undefined;

// ---- MLflow's rules ----

/** Python's `repr(str)`: single quotes unless the text holds one and no double quote. */
export function pyRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** Python's `posixpath.normpath` (Node's `normalize`, without the trailing slash it keeps). */
function normpath(name: string): string {
  const norm = posix.normalize(name);
  return norm.length > 1 && norm.endsWith('/') ? norm.slice(0, -1) : norm;
}

/** MLflow's `path_not_unique`: the name would name another file. */
function pathNotUnique(name: string): boolean {
  const norm = normpath(name);
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

const badPathMessage = (name: string) =>
  `Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to ${pyRepr(normpath(name))}`;
const invalidValue = (path: string, value: string, message: string) =>
  invalid(`Invalid value ${pyJsonDumps(value)} for parameter '${path}' supplied: ${message}`);

/** `_validate_model_name`: a registered model's name. */
export function checkModelName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid("Missing value for required parameter 'name'.");
  if (name.includes('/') || name.includes(':')) throw invalid(`Invalid model name '${name}'. Names cannot contain '/' or ':'.`);
  if (pathNotUnique(name)) throw invalidValue('name', name, badPathMessage(name));
}

/** `_validate_logged_model_name`: a logged model's name, when one is given. */
export function checkLoggedModelName(name: unknown): void {
  if (name === undefined) return;
  if (typeof name !== 'string' || name === '' || /[/:.%"']/.test(name)) {
    throw invalid(
      `Invalid model name (${typeof name === 'string' ? pyRepr(name) : String(name)}) provided. Model name must be a non-empty string ` +
        `and cannot contain the following characters: ('/', ':', '.', '%', '"', "'")`,
    );
  }
}

/** `_validate_model_version`: the version as the integer MLflow stores. */
export function checkVersion(version: unknown): number {
  const spelled = typeof version === 'number' ? String(version) : version;
  if (typeof spelled !== 'string' || !/^\s*[+-]?\d+\s*$/.test(spelled) || !Number.isSafeInteger(Number(spelled))) {
    throw invalid(`Parameter 'version' must be an integer, got '${String(version)}'.`);
  }
  return Number(spelled);
}

/** `_validate_alias_name`, plus `_validate_alias_name_reserved` when the alias is being set. */
export function checkAlias(alias: unknown, reserved: boolean): asserts alias is string {
  if (alias === undefined || alias === null || alias === '') throw invalid('Registered model alias name cannot be empty.');
  if (typeof alias !== 'string' || !/^[\p{L}\p{N}_-]*$/u.test(alias)) {
    throw invalid(`Invalid alias name: '${String(alias)}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  if (alias.length > 255) throw invalid("'Registered model alias name' exceeds the maximum length of 255 characters");
  if (!reserved) return;
  if (alias.toLowerCase() === 'latest') throw invalid("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw invalid(`Version alias name '${alias}' is reserved.`);
}

/** `_validate_model_version_tag`: a registry tag's key and value. */
export function checkRegistryTag(key: unknown, value: unknown): void {
  if (typeof key !== 'string') throw invalid("Missing value for required parameter 'key'.");
  if (!/^[/\p{L}\p{N}_.\- :]*$/u.test(key)) {
    throw invalidValue('key', key, 'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).');
  }
  if (pathNotUnique(key)) throw invalidValue('key', key, badPathMessage(key));
  if (typeof value !== 'string') throw invalid('Tag value cannot be None');
  if (key.length > 250) throw invalid("'key' exceeds the maximum length of 250 characters");
}

/** The entries of a logged model's params or tags: non-empty string keys, string values. */
export function checkEntries(what: 'param' | 'tag', record: Record<string, string> | undefined): [string, string][] {
  if (record === undefined) return [];
  if (record === null || typeof record !== 'object') throw invalid(`The logged model ${what}s must be an object of strings.`);
  const entries = Object.entries(record);
  for (const [key, value] of entries) {
    if (key === '') throw invalid(`A logged model ${what} key must be a non-empty string.`);
    if (typeof value !== 'string') throw invalid(`The logged model ${what} "${key}" must have a string value; got ${typeof value}.`);
  }
  return entries;
}

// ---- models:/ URIs ----

export type ModelsUri = { modelId: string } | { name: string; version: string } | { name: string; other: string };

/** `_parse_model_uri` for a version's source: `models:/<model_id>`, `models:/<name>/<version>`, … */
export function parseModelsUri(uri: string): ModelsUri | undefined {
  const match = /^models:(.*)$/.exec(uri);
  if (!match) return undefined;
  const path = match[1]!;
  const parts = path.startsWith('/') && path.length > 1 ? path.slice(1).split('/') : [];
  if (parts.length === 0 || parts.length > 2 || parts[0]!.trim() === '' || (parts.length === 2 && parts[1]!.trim() === '')) {
    throw invalid(
      `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/name/suffix' or 'models:/name@alias' where suffix ` +
        "is a version, stage, or the string 'latest' and where alias is a registered model alias. Only one of suffix or alias can be defined at a time.",
    );
  }
  if (parts.length === 2) return /^\d+$/.test(parts[1]!) ? { name: parts[0]!, version: parts[1]! } : { name: parts[0]!, other: parts[1]! };
  if (parts[0]!.includes('@')) return { name: parts[0]!, other: parts[0]! };
  return { modelId: parts[0]! };
}

/**
 * The `mlflow.modelVersions` value with `{name, version}` added, as `set_model_versions_tags`
 * writes it (Python's `json.dumps`, the version an integer); undefined when it is there already.
 */
export function withModelVersion(previous: string | undefined, name: string, version: number): string | undefined {
  let entries: PyJsonValue[] = [];
  if (previous) {
    try {
      const parsed: unknown = JSON.parse(previous);
      // NB: a value that is not a list (written by hand) is replaced rather than refusing the registration.
      if (Array.isArray(parsed)) entries = parsed as PyJsonValue[];
    } catch {
      // replaced, as above
    }
  }
  const present = entries.some((e) => e !== null && typeof e === 'object' && !Array.isArray(e) && (e as Record<string, unknown>).name === name && (e as Record<string, unknown>).version === version);
  if (present) return undefined;
  return pyJsonDumps([...entries, { name, version }]);
}

/** The `{name, version}` entries of an `mlflow.modelVersions` value (the version a number or its digits). */
export function listedVersions(value: SqlRow[string] | undefined): { name: string; version: number }[] {
  let entries: unknown = [];
  try {
    entries = JSON.parse(String(value ?? '[]'));
  } catch {
    // a hand-written value names nothing
  }
  return (Array.isArray(entries) ? (entries as { name?: unknown; version?: unknown }[]) : [])
    .filter((e) => typeof e?.name === 'string' && /^\d+$/.test(String(e.version)))
    .map((e) => ({ name: e.name as string, version: Number(e.version) }));
}

/** `search_model_versions`' default order: last updated first, then by name, then newest version first. */
export function searchOrder(a: SqlRow, b: SqlRow): number {
  const updated = Number(b.last_updated_time ?? 0) - Number(a.last_updated_time ?? 0);
  if (updated !== 0) return updated;
  if (a.name !== b.name) return String(a.name) < String(b.name) ? -1 : 1;
  return Number(b.version) - Number(a.version);
}

/** As `get_latest_versions` with no stages: the newest version of each stage, stages in the order first seen. */
export function newestPerStage(rows: SqlRow[]): SqlRow[] {
  const newest = new Map<string, SqlRow>();
  for (const row of rows) {
    const stage = String(row.current_stage);
    if (!STAGES.has(stage)) continue;
    const current = newest.get(stage);
    if (!current || Number(current.version) < Number(row.version)) newest.set(stage, row);
  }
  return [...newest.values()];
}

// ---- rows to MLflow's JSON ----

const pairs = (rows: SqlRow[], key: string, value: string): WireTag[] => rows.map((r) => ({ key: text(r[key]), value: text(r[value]) }));

/** A `logged_model_metrics` row as `Metric.to_proto` sends it (NaN was stored as 0, as MLflow does). */
function metricFromRow(row: SqlRow): WireMetric {
  const metric: WireMetric = {
    key: text(row.metric_name),
    value: row.metric_value === null || row.metric_value === undefined ? 0 : Number(row.metric_value),
    timestamp: Number(row.metric_timestamp_ms),
    step: Number(row.metric_step),
    model_id: text(row.model_id),
  };
  if (row.dataset_name) metric.dataset_name = text(row.dataset_name);
  if (row.dataset_digest) metric.dataset_digest = text(row.dataset_digest);
  return metric;
}

/**
 * A logged model as `LoggedModel.to_proto` sends it: unset fields left out, as protobuf's JSON
 * leaves them, and no `registrations` (MLflow's server never fills them).
 */
export function loggedModelFromRows(row: SqlRow, tags: SqlRow[], params: SqlRow[], metrics: SqlRow[]): WireLoggedModel {
  const status = INT_TO_STATUS.get(Number(row.status));
  if (status === undefined) throw invalid(`Unknown model status: ${String(row.status)}`);
  const info: WireLoggedModel['info'] = {
    model_id: text(row.model_id),
    experiment_id: text(row.experiment_id),
    name: text(row.name),
    artifact_uri: text(row.artifact_location),
    creation_timestamp_ms: Number(row.creation_timestamp_ms),
    last_updated_timestamp_ms: Number(row.last_updated_timestamp_ms),
    status,
  };
  if (row.model_type !== null && row.model_type !== undefined) info.model_type = text(row.model_type);
  if (row.source_run_id !== null && row.source_run_id !== undefined) info.source_run_id = text(row.source_run_id);
  if (row.status_message !== null && row.status_message !== undefined) info.status_message = text(row.status_message);
  if (tags.length > 0) info.tags = pairs(tags, 'tag_key', 'tag_value');
  const data: NonNullable<WireLoggedModel['data']> = {};
  if (params.length > 0) data.params = pairs(params, 'param_key', 'param_value');
  if (metrics.length > 0) data.metrics = metrics.map(metricFromRow);
  return { info, data };
}

/** A `model_versions` row as `ModelVersion.to_proto` sends it, with the aliases that point at it. */
export function modelVersionFromRow(row: SqlRow, aliases: string[]): WireModelVersion {
  const version: WireModelVersion = { name: text(row.name), version: text(row.version), aliases };
  if (row.creation_time !== null && row.creation_time !== undefined) version.creation_timestamp = Number(row.creation_time);
  if (row.source !== null && row.source !== undefined) version.source = text(row.source);
  if (row.run_id !== null && row.run_id !== undefined) version.run_id = text(row.run_id);
  if (row.status !== null && row.status !== undefined) version.status = text(row.status);
  return version;
}
