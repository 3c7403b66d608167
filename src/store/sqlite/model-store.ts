/**
 * MLflow 3 logged models and the model registry in the local SQLite database, written as MLflow's
 * own SQL stores write them (`mlflow/store/tracking/sqlalchemy_store.py`,
 * `mlflow/store/model_registry/sqlalchemy_store.py`), and answered in the JSON a tracking server
 * over that database would send: so `MlflowClient('sqlite:///…')` and `mlflow ui` see the same
 * models, and the agent reads models that MLflow wrote.
 */
import { randomUUID } from 'node:crypto';
import { MlflowRestError } from '../../errors';
import type { WireLoggedModel, WireModelVersion } from '../../rest/model-endpoints';
import * as format from '../file-store-format';
import type { CreateLoggedModelRequest, CreateModelVersionRequest, ModelStore } from '../model-store';
import type { Connection } from './connection';
import type { SqlRow } from './driver';
import {
  checkAlias, checkEntries, checkLoggedModelName, checkModelName, checkModelTables, checkRegistryTag, checkVersion, listedVersions,
  loggedModelFromRows, MODEL_VERSIONS_TAG, modelVersionFromRow, newestPerStage, parseModelsUri, PROMPT_TAG, pyRepr, searchOrder,
  STAGE_DELETED_INTERNAL, STAGE_NONE, STATUS_TO_INT, withModelVersion,
} from './model-rows';
import { experimentIdNumber, invalid, notFound } from './rows';

const alreadyExists = (message: string) => new MlflowRestError(message, 'RESOURCE_ALREADY_EXISTS', 400);
const modelNotFound = (modelId: string) => notFound(`Logged model with ID '${modelId}' not found.`);

function checkOptionalString(field: string, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'string') throw invalid(`'${field}' must be a string; got ${typeof value}.`);
}

/**
 * The {@link ModelStore} of a SQLite tracking database. Made by {@link SqliteStore.models}, whose
 * connection (and its transactions) it shares.
 */
export class SqliteModelStore implements ModelStore {
  /** The connection whose tables were last checked (a reopened store checks again). */
  private checked?: Connection;

  /** @internal `connection` opens (or returns) the store's connection; `location` names the file. */
  constructor(
    private readonly connection: () => Connection,
    private readonly location: string,
  ) {}

  /** The connection, once its logged model and registry tables were checked. */
  private get db(): Connection {
    const db = this.connection();
    if (this.checked !== db) {
      checkModelTables(db, this.location);
      this.checked = db;
    }
    return db;
  }

  /** ` AND workspace = 'default'` on registry tables when the schema has workspaces (3.10 on). */
  private ws(column = 'workspace'): string {
    return this.db.shape.workspaces ? ` AND ${column} = 'default'` : '';
  }

  // ---- logged models ----

  async createLoggedModel(request: CreateLoggedModelRequest): Promise<WireLoggedModel> {
    checkLoggedModelName(request.name);
    const params = checkEntries('param', request.params);
    const tags = checkEntries('tag', request.tags);
    checkOptionalString('model_type', request.modelType);
    checkOptionalString('source_run_id', request.sourceRunId);
    const db = this.db;
    return db.write(() => {
      const experiment = this.activeExperiment(request.experimentId);
      const modelId = `m-${randomUUID().replace(/-/g, '')}`;
      const artifactLocation = format.appendToUriPath(String(experiment.artifact_location), 'models', modelId, 'artifacts');
      const now = Date.now();
      db.run(
        'INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, ' +
          "status, lifecycle_stage, model_type, source_run_id, status_message) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, NULL)",
        modelId, experiment.experiment_id!, request.name ?? format.randomRunName(), artifactLocation, now, now,
        STATUS_TO_INT.LOGGED_MODEL_PENDING, request.modelType ?? null, request.sourceRunId ?? null,
      );
      for (const [key, value] of params) {
        db.run('INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value) VALUES (?, ?, ?, ?)', modelId, experiment.experiment_id!, key, value);
      }
      for (const [key, value] of tags) {
        db.run('INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES (?, ?, ?, ?)', modelId, experiment.experiment_id!, key, value);
      }
      return this.readLoggedModel(this.modelRow(modelId, true));
    });
  }

  async getLoggedModel(modelId: string): Promise<WireLoggedModel> {
    return this.readLoggedModel(this.modelRow(modelId, false));
  }

  async findLoggedModelByTag(experimentId: string, key: string, value: string): Promise<WireLoggedModel | undefined> {
    format.checkId('experiment', experimentId);
    const id = experimentIdNumber(experimentId);
    if (id === undefined) return undefined;
    // NB: the first of `search_logged_models`' default order: newest first, then by id.
    const row = this.db.get(
      'SELECT m.* FROM logged_models m JOIN logged_model_tags t ON t.model_id = m.model_id AND t.tag_key = ? AND t.tag_value = ? ' +
        "WHERE m.experiment_id = ? AND m.lifecycle_stage != 'deleted' ORDER BY m.creation_timestamp_ms DESC, m.model_id ASC LIMIT 1",
      key, value, id,
    );
    return row && this.readLoggedModel(row);
  }

  async listLoggedModels(experimentIds: string[]): Promise<WireLoggedModel[]> {
    const ids = new Set<number>();
    for (const experimentId of experimentIds) {
      format.checkId('experiment', experimentId);
      const id = experimentIdNumber(experimentId);
      if (id !== undefined) ids.add(id);
    }
    if (ids.size === 0) return [];
    // NB: the ids are integers checked above, so they can be spelled into the statement.
    return this.db
      .all(
        `SELECT * FROM logged_models WHERE experiment_id IN (${[...ids].join(', ')}) AND lifecycle_stage != 'deleted' ` +
          'ORDER BY creation_timestamp_ms ASC, model_id ASC',
      )
      .map((row) => this.readLoggedModel(row));
  }

  async finalizeLoggedModel(modelId: string, status: 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED'): Promise<WireLoggedModel> {
    if (status !== 'LOGGED_MODEL_READY' && status !== 'LOGGED_MODEL_UPLOAD_FAILED') {
      throw invalid(`Invalid status ${JSON.stringify(status)} for a finalized logged model: use LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.`);
    }
    const db = this.db;
    return db.write(() => {
      this.modelRow(modelId, true);
      db.run('UPDATE logged_models SET status = ?, last_updated_timestamp_ms = ? WHERE model_id = ?', STATUS_TO_INT[status], Date.now(), modelId);
      return this.readLoggedModel(this.modelRow(modelId, true));
    });
  }

  async setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    const entries = checkEntries('tag', tags);
    const db = this.db;
    db.write(() => {
      const model = this.modelRow(modelId, true);
      for (const [key, value] of entries) this.upsertModelTag(model, key, value);
    });
  }

  async logLoggedModelParams(modelId: string, params: Record<string, string>): Promise<void> {
    const entries = checkEntries('param', params);
    const db = this.db;
    db.write(() => {
      const model = this.modelRow(modelId, true);
      for (const [key, value] of entries) {
        const current = db.get('SELECT param_value FROM logged_model_params WHERE model_id = ? AND param_key = ?', modelId, key);
        // NB: MLflow refuses any second write of a key; the same value again is let through here, so a retry is harmless.
        if (current !== undefined) {
          if (current.param_value === value) continue;
          throw invalid(
            `Changing param values is not allowed. Param with key='${key}' was already logged with value='${String(current.param_value)}' ` +
              `for logged model ID='${modelId}'. Attempted logging new value '${value}'.`,
          );
        }
        db.run('INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value) VALUES (?, ?, ?, ?)', modelId, model.experiment_id!, key, value);
      }
    });
  }

  // ---- the model registry ----

  async createRegisteredModel(name: string): Promise<void> {
    checkModelName(name);
    const db = this.db;
    db.write(() => {
      if (db.get(`SELECT name FROM registered_models WHERE name = ?${this.ws()}`, name)) {
        const prompt = db.get(`SELECT 1 AS x FROM registered_model_tags WHERE name = ? AND "key" = ?${this.ws()}`, name, PROMPT_TAG);
        if (prompt) {
          throw alreadyExists(
            `Tried to create a registered model with name ${pyRepr(name)}, but the name is already taken by a prompt. ` +
              'MLflow does not allow creating a model and a prompt with the same name.',
          );
        }
        throw alreadyExists(`Registered Model (name=${name}) already exists.`);
      }
      const now = Date.now();
      db.run('INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, NULL)', name, now, now);
    });
  }

  async createModelVersion(request: CreateModelVersionRequest): Promise<WireModelVersion> {
    const { name, source } = request;
    checkModelName(name);
    const tags = Object.entries(request.tags ?? {});
    for (const [key, value] of tags) checkRegistryTag(key, value);
    if (typeof source !== 'string' || source === '') throw invalid("Missing value for required parameter 'source'.");
    for (const field of ['runId', 'modelId', 'description'] as const) checkOptionalString(field, request[field]);
    const db = this.db;
    return db.write(() => {
      // NB: as `create_model_version`: a models:/ source is stored as given, its files' location apart.
      let storageLocation = source;
      let runId = request.runId || null;
      const parsed = parseModelsUri(source);
      if (parsed && 'modelId' in parsed) {
        if (request.modelId && request.modelId !== parsed.modelId) {
          throw invalid(`Invalid model version source: '${source}'. The model_id request parameter must identify the resource that contains the source.`);
        }
        const model = this.liveModel(parsed.modelId, `Unable to fetch model from model URI source artifact location '${source}'.Error: `);
        storageLocation = String(model.artifact_location);
        runId ||= (model.source_run_id as string | null) || null;
      } else if (parsed && 'version' in parsed) {
        storageLocation = this.downloadUri(this.versionRow(parsed.name, checkVersion(parsed.version)));
      } else if (parsed) {
        throw invalid(`Unable to fetch model from model URI source artifact location '${source}': use models:/<model_id> or models:/<name>/<version>.`);
      }
      if (!runId && request.modelId) runId = (this.liveModel(request.modelId).source_run_id as string | null) || null;

      this.registeredModelRow(name);
      const now = Date.now();
      db.run(`UPDATE registered_models SET last_updated_time = ? WHERE name = ?${this.ws()}`, now, name);
      const max = db.get(`SELECT max(version) AS v FROM model_versions WHERE name = ?${this.ws()}`, name)?.v;
      const version = Number(max ?? 0) + 1;
      db.run(
        'INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, ' +
          "status, status_message, run_link, storage_location) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 'READY', NULL, NULL, ?)",
        name, version, now, now, request.description ?? null, STAGE_NONE, source, runId, storageLocation,
      );
      for (const [key, value] of new Map(tags)) {
        db.run('INSERT INTO model_version_tags ("key", value, name, version) VALUES (?, ?, ?, ?)', key, value, name, version);
      }
      if (request.modelId) {
        // NB: what MLflow's server adds after creating a version for a model id (`set_model_versions_tags`).
        const model = this.liveModel(request.modelId);
        const previous = db.get('SELECT tag_value FROM logged_model_tags WHERE model_id = ? AND tag_key = ?', request.modelId, MODEL_VERSIONS_TAG);
        const value = withModelVersion(previous?.tag_value as string | undefined, name, version);
        if (value !== undefined) this.upsertModelTag(model, MODEL_VERSIONS_TAG, value);
      }
      return this.readVersion(this.versionRow(name, version));
    });
  }

  async findModelVersionByTag(name: string, key: string, value: string): Promise<WireModelVersion | undefined> {
    const join = this.db.shape.workspaces ? ' AND t.workspace = v.workspace' : '';
    const row = this.db.get(
      `SELECT v.* FROM model_versions v JOIN model_version_tags t ON t.name = v.name AND t.version = v.version${join} ` +
        `WHERE v.name = ? AND t."key" = ? AND t.value = ? AND v.current_stage != ?${this.ws('v.workspace')} ` +
        'ORDER BY v.last_updated_time DESC, v.version DESC LIMIT 1',
      name, key, value, STAGE_DELETED_INTERNAL,
    );
    return row && this.readVersion(row);
  }

  async findModelVersionsOf(modelId: string): Promise<WireModelVersion[]> {
    const db = this.db;
    const found = new Map<string, SqlRow>();
    const add = (row: SqlRow | undefined) => row && found.set(`${String(row.name)}\n${String(row.version)}`, row);
    for (const row of db.all(`SELECT * FROM model_versions WHERE source = ? AND current_stage != ?${this.ws()}`, `models:/${modelId}`, STAGE_DELETED_INTERNAL)) add(row);
    // NB: a version made from the model's folder (not `models:/<id>`) is known by the model's `mlflow.modelVersions` tag.
    const listed = db.get('SELECT tag_value FROM logged_model_tags WHERE model_id = ? AND tag_key = ?', modelId, MODEL_VERSIONS_TAG)?.tag_value;
    for (const entry of listedVersions(listed)) {
      add(db.get(`SELECT * FROM model_versions WHERE name = ? AND version = ? AND current_stage != ?${this.ws()}`, entry.name, entry.version, STAGE_DELETED_INTERNAL));
    }
    return [...found.values()].sort(searchOrder).map((row) => this.readVersion(row));
  }

  async getModelVersion(name: string, version: string): Promise<WireModelVersion> {
    checkModelName(name);
    return this.readVersion(this.versionRow(name, checkVersion(version)));
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<WireModelVersion> {
    checkModelName(name);
    checkAlias(alias, false);
    if (alias.toLowerCase() === 'latest') {
      const versions = await this.getLatestVersions(name);
      if (versions.length === 0) throw notFound(`Latest version not found for model ${name}.`);
      return versions.reduce((a, b) => (Number(b.version) > Number(a.version) ? b : a));
    }
    this.registeredModelRow(name);
    const row = this.db.get(`SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?${this.ws()}`, name, alias);
    if (!row) throw invalid(`Registered model alias ${alias} not found.`);
    return this.readVersion(this.versionRow(name, Number(row.version)));
  }

  async getLatestVersions(name: string): Promise<WireModelVersion[]> {
    checkModelName(name);
    this.registeredModelRow(name);
    const rows = this.db.all(`SELECT * FROM model_versions WHERE name = ?${this.ws()} ORDER BY rowid`, name);
    return newestPerStage(rows).map((row) => this.readVersion(row));
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    checkModelName(name);
    return this.downloadUri(this.versionRow(name, checkVersion(version)));
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    checkModelName(name);
    checkAlias(alias, true);
    const number = checkVersion(version);
    const db = this.db;
    db.write(() => {
      this.versionRow(name, number);
      const moved = db.run(`UPDATE registered_model_aliases SET version = ? WHERE name = ? AND alias = ?${this.ws()}`, number, name, alias);
      if (moved === 0) db.run('INSERT INTO registered_model_aliases (alias, version, name) VALUES (?, ?, ?)', alias, number, name);
    });
  }

  // ---- rows ----

  /** The experiment of a new logged model: it must exist (in the default workspace) and be active. */
  private activeExperiment(experimentId: string): SqlRow {
    format.checkId('experiment', experimentId);
    const id = experimentIdNumber(experimentId);
    const row = id === undefined ? undefined : this.db.get(`SELECT * FROM experiments WHERE experiment_id = ?${this.ws()}`, id);
    if (!row) throw notFound(`No Experiment with id=${experimentId} exists`);
    if (row.lifecycle_stage !== 'active') {
      throw invalid(`The experiment ${experimentId} must be in the 'active' state. Current state is ${String(row.lifecycle_stage)}.`);
    }
    if (row.artifact_location === null || row.artifact_location === undefined) throw invalid(`The experiment ${experimentId} has no artifact location.`);
    return row;
  }

  /** A logged model's row; `anyStage` finds a deleted one too (as `_get_logged_model_record` does). */
  private modelRow(modelId: string, anyStage: boolean): SqlRow {
    if (typeof modelId !== 'string' || modelId === '') throw invalid("Missing value for required parameter 'model_id'.");
    const stage = anyStage ? '' : " AND lifecycle_stage != 'deleted'";
    const row = this.db.get(`SELECT * FROM logged_models WHERE model_id = ?${stage}`, modelId);
    if (!row) throw modelNotFound(modelId);
    return row;
  }

  /** A logged model that is not deleted (`get_logged_model`), the not-found message after `prefix`. */
  private liveModel(modelId: string, prefix = ''): SqlRow {
    try {
      return this.modelRow(modelId, false);
    } catch (error) {
      if (prefix && error instanceof MlflowRestError) throw notFound(`${prefix}${error.message}`);
      throw error;
    }
  }

  private readLoggedModel(row: SqlRow): WireLoggedModel {
    const db = this.db;
    const id = row.model_id!;
    return loggedModelFromRows(
      row,
      db.all('SELECT tag_key, tag_value FROM logged_model_tags WHERE model_id = ? ORDER BY rowid', id),
      db.all('SELECT param_key, param_value FROM logged_model_params WHERE model_id = ? ORDER BY rowid', id),
      db.all('SELECT * FROM logged_model_metrics WHERE model_id = ? ORDER BY rowid', id),
    );
  }

  /** Sets one tag of a logged model, keeping its place when it exists (`_bulk_upsert`). */
  private upsertModelTag(model: SqlRow, key: string, value: string): void {
    const db = this.db;
    const updated = db.run('UPDATE logged_model_tags SET tag_value = ? WHERE model_id = ? AND tag_key = ?', value, model.model_id!, key);
    if (updated === 0) {
      db.run('INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES (?, ?, ?, ?)', model.model_id!, model.experiment_id!, key, value);
    }
  }

  private registeredModelRow(name: string): SqlRow {
    const row = this.db.get(`SELECT * FROM registered_models WHERE name = ?${this.ws()}`, name);
    if (!row) throw notFound(`Registered Model with name=${name} not found`);
    return row;
  }

  private versionRow(name: string, version: number): SqlRow {
    const row = this.db.get(
      `SELECT * FROM model_versions WHERE name = ? AND version = ? AND current_stage != ?${this.ws()}`,
      name, version, STAGE_DELETED_INTERNAL,
    );
    if (!row) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    return row;
  }

  private readVersion(row: SqlRow): WireModelVersion {
    const aliases = this.db
      .all(`SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ?${this.ws()} ORDER BY rowid`, row.name!, row.version!)
      .map((r) => String(r.alias));
    return modelVersionFromRow(row, aliases);
  }

  /** `get_model_version_download_uri`: where the files are (the logged model's folder), else the source. */
  private downloadUri(row: SqlRow): string {
    return String(row.storage_location || row.source || '');
  }
}
