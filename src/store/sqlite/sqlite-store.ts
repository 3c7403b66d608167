/**
 * MLflow's SQL tracking store on a SQLite file (`sqlite:///mlflow.db`), written from Node in
 * MLflow's own schema, so that `mlflow ui` in the same folder and `MlflowClient('sqlite:///…')`
 * read it with no flag. Rules, errors and messages are the file store's (and MLflow's), so the
 * agent behaves the same whichever local store is in use.
 */
import { resolve } from 'node:path';
import { MlflowRestError } from '../../errors';
import * as format from '../file-store-format';
import type {
  CreateRunRequest, DatasetInput, Experiment, LogBatch, Metric, ModelIo, Run, RunInfo, SearchRunsRequest,
  SearchRunsResponse, Tag, LocalTrackingStore, UpdateRunRequest,
} from '../types';
import { Connection } from './connection';
import type { LoadedDriver, SqlRow } from './driver';
import { SqliteModelStore } from './model-store';
import * as rows from './rows';
import { checkInteger, invalid, lastValuePerKey, notFound, RUN_NAME_TAG } from './rows';
import { checkBatch, checkCreateRun, checkSearch, newRun } from '../store-rules';
import * as writes from './run-writes';

/** MLflow's default artifact root for a database store with none configured, resolved at open. */
const DEFAULT_ARTIFACT_ROOT = 'mlruns';

export interface SqliteStoreOptions {
  /**
   * Where new experiments keep their artifacts: `<root>/<experiment id>`.
   * @default `<cwd>/mlruns`, as MLflow's client sets it for a `sqlite:` URI
   */
  artifactRoot?: string;
  /** @internal The driver to use instead of the one {@link loadDriver} picks. */
  driver?: LoadedDriver;
}

/**
 * A {@link TrackingStore} over an MLflow SQLite database at `path`. The file, its schema and
 * experiment 0 are created on first use; several processes may write one file at once.
 */
export class SqliteStore implements LocalTrackingStore {
  /** The absolute path of the database file. */
  readonly location: string;
  private readonly artifactRoot: string;
  private readonly driver?: LoadedDriver;
  private connection?: Connection;
  private modelStore?: SqliteModelStore;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.location = resolve(path);
    // NB: MLflow resolves `./mlruns` against the working folder when the store is made
    // (`resolve_uri_if_local`): a plain absolute path, no file:// scheme.
    this.artifactRoot = format.resolveArtifactLocation(options.artifactRoot ?? DEFAULT_ARTIFACT_ROOT);
    this.driver = options.driver;
  }

  /** The open connection (opened, and the schema checked or created, on first use). */
  private get db(): Connection {
    this.connection ??= Connection.open(this.location, format.appendToUriPath(this.artifactRoot, '0'), this.driver);
    return this.connection;
  }

  /**
   * The logged models and model registry of this database, on the store's own connection (one per
   * store, made on first use; it follows the store when it is closed and opened again).
   */
  get models(): SqliteModelStore {
    this.modelStore ??= new SqliteModelStore(() => this.db, this.location);
    return this.modelStore;
  }

  /** Which driver the open connection uses. */
  get driverName(): string {
    return this.db.driver;
  }

  /** Closes the database (a later call opens it again). */
  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const experiment = this.findExperiment(experimentId);
    if (!experiment) throw notFound(`Could not find experiment with ID ${experimentId}`);
    return experiment;
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    const row = this.db.get(`SELECT * FROM experiments WHERE name = ?${this.workspace()}`, name);
    return row && this.experimentFromRow(row);
  }

  /** Every active experiment, by id. */
  async listExperiments(): Promise<Experiment[]> {
    return this.db
      .all(`SELECT * FROM experiments WHERE lifecycle_stage = 'active'${this.workspace()} ORDER BY experiment_id`)
      .map((row) => this.experimentFromRow(row));
  }

  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Tag[] } = {}): Promise<string> {
    if (typeof name !== 'string' || name.trim() === '') throw invalid(`Invalid experiment name: '${name}'`);
    for (const tag of options.tags ?? []) format.checkKey('tag', tag.key);
    const location = options.artifactLocation ? format.resolveArtifactLocation(options.artifactLocation) : null;
    const db = this.db;
    return db.write(() => {
      const existing = db.get(`SELECT lifecycle_stage FROM experiments WHERE name = ?${this.workspace()}`, name);
      if (existing) {
        const state = existing.lifecycle_stage === 'deleted' ? ' in deleted state' : '';
        throw new MlflowRestError(`Experiment '${name}' already exists${state}.`, 'RESOURCE_ALREADY_EXISTS', 400);
      }
      const now = Date.now();
      const id = db.insert(
        "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, 'active', ?, ?)",
        name, location, now, now,
      );
      // NB: as MLflow: the default location names the id, known only after the insert.
      if (location === null) {
        db.run('UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?', format.appendToUriPath(this.artifactRoot, String(id)), id);
      }
      for (const tag of lastValuePerKey(options.tags ?? [])) {
        db.run('INSERT INTO experiment_tags ("key", value, experiment_id) VALUES (?, ?, ?)', tag.key, tag.value, id);
      }
      return String(id);
    });
  }

  async createRun(request: CreateRunRequest): Promise<RunInfo> {
    checkCreateRun(request);
    const db = this.db;
    return db.write(() => {
      const experiment = this.findExperiment(request.experimentId);
      if (!experiment) throw notFound(`Could not find experiment with ID ${request.experimentId}`);
      const { info, tags } = newRun(experiment, request);
      const runName = info.runName;
      // NB: the values MLflow's `create_run` writes: empty strings, not NULL, and source UNKNOWN.
      db.run(
        'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, ' +
          "source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) VALUES (?, ?, 'UNKNOWN', '', '', ?, 'RUNNING', ?, NULL, '', 'active', ?, ?, NULL)",
        info.runId, runName, info.userId, info.startTime, info.artifactUri, Number(experiment.experimentId),
      );
      for (const tag of lastValuePerKey(tags)) writes.upsertTag(db, info.runId, tag);
      return info;
    });
  }

  async updateRun(runId: string, update: UpdateRunRequest): Promise<RunInfo> {
    if (update.endTime !== undefined) checkInteger('end time', update.endTime);
    const db = this.db;
    return db.write(() => {
      const info = this.activeRun(runId);
      if (update.status !== undefined) info.status = update.status;
      if (update.endTime !== undefined) info.endTime = update.endTime;
      if (update.runName) info.runName = update.runName;
      db.run('UPDATE runs SET status = ?, end_time = ?, name = ? WHERE run_uuid = ?', info.status, info.endTime ?? null, info.runName, runId);
      if (update.runName) writes.upsertTag(db, runId, { key: RUN_NAME_TAG, value: update.runName });
      return info;
    });
  }

  async getRun(runId: string): Promise<Run> {
    return this.readRun(this.runRow(runId));
  }

  async searchRuns(request: SearchRunsRequest): Promise<SearchRunsResponse> {
    const { maxResults, offset, tag } = checkSearch(request, 'local SQLite store');
    const ids: number[] = [];
    for (const experimentId of new Set(request.experimentIds)) {
      format.checkId('experiment', experimentId);
      const id = rows.experimentIdNumber(experimentId);
      if (id !== undefined && this.findExperiment(experimentId)) ids.push(id);
    }
    if (ids.length === 0) return { runs: [] };
    // NB: the ids are integers checked above, so they can be spelled into the statement.
    const tagged = tag ? ' AND run_uuid IN (SELECT run_uuid FROM tags WHERE "key" = ? AND value = ?)' : '';
    const found = this.db.all(
      `SELECT * FROM runs WHERE experiment_id IN (${ids.join(', ')}) AND lifecycle_stage = 'active'${tagged} ` +
        'ORDER BY start_time DESC, run_uuid ASC LIMIT ? OFFSET ?',
      ...(tag ? [tag.key, tag.value] : []), maxResults + 1, offset,
    );
    const response: SearchRunsResponse = { runs: found.slice(0, maxResults).map((row) => this.readRun(row)) };
    if (found.length > maxResults) response.nextPageToken = rows.makePageToken(offset + maxResults);
    return response;
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    format.checkKey('metric', key);
    this.runRow(runId);
    return this.db
      .all('SELECT * FROM metrics WHERE run_uuid = ? AND "key" = ? ORDER BY rowid', runId, key)
      .map(rows.metricFromRow);
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    checkBatch(batch);
    const db = this.db;
    // NB: one transaction: a refused param leaves the run as it was, and readers see all or nothing.
    db.write(() => {
      const info = this.activeRun(runId);
      writes.logParams(db, runId, batch.params);
      writes.logMetrics(db, runId, Number(info.experimentId), batch.metrics);
      for (const tag of lastValuePerKey(batch.tags)) {
        writes.upsertTag(db, runId, tag);
        if (tag.key === RUN_NAME_TAG) db.run('UPDATE runs SET name = ? WHERE run_uuid = ?', tag.value, runId);
      }
    });
  }

  async setTag(runId: string, tag: Tag): Promise<void> {
    await this.logBatch(runId, { metrics: [], params: [], tags: [tag] });
  }

  async logInputs(runId: string, datasets: DatasetInput[], models: ModelIo[] = []): Promise<void> {
    const db = this.db;
    db.write(() => {
      const info = this.activeRun(runId);
      writes.logDatasetInputs(db, runId, Number(info.experimentId), datasets);
      writes.logModelInputs(db, runId, models);
    });
  }

  async logOutputs(runId: string, models: ModelIo[]): Promise<void> {
    for (const model of models) format.checkPathComponent('model_id', model.modelId);
    const db = this.db;
    if (!db.shape.outputs) {
      throw new MlflowRestError(
        `The database ${this.location} (schema revision ${db.shape.revision}) has no run outputs: run \`mlflow db upgrade\` on it to record logged models.`,
        'INVALID_STATE',
        400,
      );
    }
    db.write(() => {
      this.activeRun(runId);
      writes.logModelOutputs(db, runId, models);
    });
  }

  /** ` AND workspace = 'default'` when the schema has workspaces: the only one this store writes. */
  private workspace(): string {
    return this.db.shape.workspaces ? " AND workspace = 'default'" : '';
  }

  private findExperiment(experimentId: string): Experiment | undefined {
    format.checkId('experiment', experimentId);
    const id = rows.experimentIdNumber(experimentId);
    if (id === undefined) return undefined;
    const row = this.db.get(`SELECT * FROM experiments WHERE experiment_id = ?${this.workspace()}`, id);
    return row && this.experimentFromRow(row);
  }

  private experimentFromRow(row: SqlRow): Experiment {
    const tags = this.db.all('SELECT "key", value FROM experiment_tags WHERE experiment_id = ? ORDER BY "key"', row.experiment_id!);
    return rows.experimentFromRow(row, rows.tagsFromRows(tags));
  }

  private runRow(runId: string): SqlRow {
    format.checkId('run', runId);
    const row = this.db.get('SELECT * FROM runs WHERE run_uuid = ?', runId);
    if (!row) throw notFound(`Run '${runId}' not found`);
    return row;
  }

  private activeRun(runId: string): RunInfo {
    const info = rows.runInfoFromRow(this.runRow(runId));
    if (info.lifecycleStage !== 'active') throw invalid(`The run ${runId} must be in 'active' lifecycle_stage.`);
    return info;
  }

  private readRun(row: SqlRow): Run {
    const info = rows.runInfoFromRow(row);
    const db = this.db;
    const run: Run = {
      info,
      data: {
        metrics: db.all('SELECT * FROM latest_metrics WHERE run_uuid = ? ORDER BY "key"', info.runId).map(rows.metricFromRow),
        params: rows.tagsFromRows(db.all('SELECT "key", value FROM params WHERE run_uuid = ? ORDER BY "key"', info.runId)),
        tags: rows.tagsFromRows(db.all('SELECT "key", value FROM tags WHERE run_uuid = ? ORDER BY "key"', info.runId)),
      },
      ...writes.readRunIo(db, info.runId, db.shape.outputs),
    };
    if (!info.runName) info.runName = run.data.tags.find((t) => t.key === RUN_NAME_TAG)?.value ?? '';
    return run;
  }
}
