/**
 * `MlflowClient`: the low-level tracking API, the counterpart of Python's `mlflow.MlflowClient`.
 * Every call goes straight to the store (a tracking server, a local `sqlite:` database or the local
 * `./mlruns`) and resolves
 * when it is written; the fluent API above it adds the active run and background batching.
 */
import { resolve } from 'node:path';
import { loadConfig, type TrackingConfig, type TrackingOptions } from '../config/config';
import { artifactRepositoryFor } from '../artifacts/repository';
import type { ArtifactFile, ArtifactRepository } from '../artifacts/types';
import { isAlreadyExists, MlflowAutologError } from '../errors';
import type { HttpClient } from '../rest/http';
import type { CreateLoggedModelRequest, CreateModelVersionRequest, LoggedModel, ModelStore, ModelVersion } from '../store/model-store';
import { FileStore } from '../store/file-store';
import { splitIntoBatches, truncateValue, validateKey } from '../store/limits';
import type {
  DatasetInput,
  Experiment,
  LogBatch,
  Metric,
  ModelIo,
  Run,
  RunInfo,
  RunStatus,
  SearchRunsRequest,
  SearchRunsResponse,
  Tag,
  TrackingStore,
} from '../store/types';

/** HTTP retries of one background request; the sender itself retries until the server answers. */
const BACKGROUND_MAX_RETRIES = 2;

export interface CreateRunOptions {
  experimentId?: string;
  runName?: string;
  tags?: Record<string, string>;
  /** Milliseconds since the epoch. @default Date.now() */
  startTime?: number;
  /** @default the `mlflow.user` tag, else "unknown" */
  userId?: string;
}

export class MlflowClient {
  /** The validated configuration this client uses. */
  readonly config: TrackingConfig;
  /** @internal */
  readonly store: TrackingStore;
  /** @internal Logged models and the registry; none in the file store. */
  readonly models?: ModelStore;
  private readonly http?: HttpClient;
  private backgroundClient?: MlflowClient;
  private readonly repositories = new Map<string, ArtifactRepository>();

  /** Reads the configuration from `options` and MLflow's environment variables. */
  constructor(options: TrackingOptions | TrackingConfig = {}, internal: { background?: boolean } = {}) {
    this.config = 'target' in options ? options : loadConfig(options);
    const { target } = this.config;
    if (target.kind === 'rest') {
      // NB: loaded here: a local store needs no HTTP client (axios is most of the agent's load time).
      const { HttpClient } = require('../rest/http') as typeof import('../rest/http');
      const { RestStore } = require('../rest/rest-store') as typeof import('../rest/rest-store');
      if (internal.background) {
        const settings = { ...this.config.http, maxRetries: Math.min(this.config.http.maxRetries, BACKGROUND_MAX_RETRIES) };
        this.http = new HttpClient(target.url, settings, undefined, { background: true });
      } else {
        this.http = new HttpClient(target.url, this.config.http);
      }
      const rest = new RestStore(this.http);
      const { RestModelStore } = require('../rest/rest-model-store') as typeof import('../rest/rest-model-store');
      this.store = rest;
      this.models = new RestModelStore(rest);
    } else if (target.kind === 'sqlite') {
      // NB: loaded here: the SQLite store, and its driver on first use, only for a sqlite: URI.
      const { SqliteStore } = require('../store/sqlite') as typeof import('../store/sqlite');
      const sqlite = new SqliteStore(target.path);
      this.store = sqlite;
      this.models = sqlite.models;
    } else {
      this.store = new FileStore(target.root);
    }
  }

  /**
   * @internal The client the background sender uses: few HTTP retries of its own (the sender
   * retries for as long as it takes), waits that never keep the process alive, and an abort.
   */
  background(): MlflowClient {
    this.backgroundClient ??= this.http ? new MlflowClient(this.config, { background: true }) : this;
    return this.backgroundClient;
  }

  /** @internal Ends the background client's requests in flight (the process is exiting). */
  abortBackground(): void {
    if (this.backgroundClient !== this) this.backgroundClient?.http?.abort();
  }

  /** The tracking URI in use: the server's URL, `sqlite:///…/mlflow.db` or `file:///…/mlruns`. */
  get trackingUri(): string {
    return this.config.trackingUri;
  }

  // ---- experiments ----

  getExperiment(experimentId: string): Promise<Experiment> {
    return this.store.getExperiment(experimentId);
  }

  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return this.store.getExperimentByName(name);
  }

  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Record<string, string> }): Promise<string> {
    return this.store.createExperiment(name, { artifactLocation: options?.artifactLocation, tags: toTags(options?.tags) });
  }

  /** The id of the experiment called `name`, created if missing (safe against a concurrent create). */
  async getOrCreateExperimentId(name: string): Promise<string> {
    const existing = await this.store.getExperimentByName(name);
    if (existing) return existing.experimentId;
    try {
      return await this.store.createExperiment(name);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const raced = await this.store.getExperimentByName(name);
      if (!raced) throw error;
      return raced.experimentId;
    }
  }

  // ---- runs ----

  createRun(options: CreateRunOptions = {}): Promise<RunInfo> {
    const tags = toTags(options.tags);
    const userId = options.userId ?? options.tags?.['mlflow.user'] ?? 'unknown';
    return this.store.createRun({
      experimentId: options.experimentId ?? '0',
      userId,
      runName: options.runName,
      startTime: options.startTime ?? Date.now(),
      tags,
    });
  }

  getRun(runId: string): Promise<Run> {
    return this.store.getRun(runId);
  }

  searchRuns(request: SearchRunsRequest): Promise<SearchRunsResponse> {
    return this.store.searchRuns(request);
  }

  /** Ends a run with `status` (FINISHED by default) at `endTime` (now by default). */
  setTerminated(runId: string, status: RunStatus = 'FINISHED', endTime = Date.now()): Promise<RunInfo> {
    return this.store.updateRun(runId, { status, endTime });
  }

  updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    return this.store.updateRun(runId, update);
  }

  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return this.store.getMetricHistory(runId, key);
  }

  // ---- logging (synchronous round trips; the fluent API batches in the background) ----

  /**
   * Logs metrics, params and tags, split into as many `log-batch` requests as MLflow's limits
   * require. Keys are validated; over-long param and tag values are truncated with a warning.
   */
  async logBatch(runId: string, batch: Partial<LogBatch>): Promise<void> {
    const prepared = prepareBatch(batch);
    for (const part of splitIntoBatches(prepared)) await this.store.logBatch(runId, part);
  }

  logMetric(runId: string, key: string, value: number, options: { step?: number; timestamp?: number } = {}): Promise<void> {
    return this.logBatch(runId, { metrics: [{ key, value, step: options.step ?? 0, timestamp: options.timestamp ?? Date.now() }] });
  }

  logParam(runId: string, key: string, value: unknown): Promise<void> {
    return this.logBatch(runId, { params: [{ key, value: stringify(value) }] });
  }

  setTag(runId: string, key: string, value: unknown): Promise<void> {
    validateKey('tag', key);
    return this.store.setTag(runId, { key, value: truncateValue('tag', key, stringify(value)) });
  }

  logInputs(runId: string, datasets: DatasetInput[], models?: ModelIo[]): Promise<void> {
    return this.store.logInputs(runId, datasets, models);
  }

  logOutputs(runId: string, models: ModelIo[]): Promise<void> {
    return this.store.logOutputs(runId, models);
  }

  // ---- MLflow 3 logged models and the model registry (a server, or the local SQLite store) ----

  /** The model store, or a clear error for the file store (it keeps neither). */
  private modelStore(what: string): ModelStore {
    if (this.models) return this.models;
    throw new MlflowAutologError(
      `${what} needs a tracking server (MLFLOW_TRACKING_URI=http://…) or a SQLite store (sqlite:///mlflow.db); the file store ${this.config.trackingUri} keeps none.`,
    );
  }

  /** True when this client talks to a tracking server. */
  get hasServer(): boolean {
    return this.http !== undefined;
  }

  /** True when the store keeps MLflow 3 logged models and a registry (a server or a SQLite store). */
  get hasModelStore(): boolean {
    return this.models !== undefined;
  }

  createLoggedModel(request: CreateLoggedModelRequest): Promise<LoggedModel> {
    return this.modelStore('A logged model').createLoggedModel(request);
  }

  /** The logged model of the experiment whose tag `key` is `value`, if any. */
  findLoggedModelByTag(experimentId: string, key: string, value: string): Promise<LoggedModel | undefined> {
    return this.modelStore('A logged model').findLoggedModelByTag(experimentId, key, value);
  }

  /** Every active logged model of the experiments, oldest first. */
  listLoggedModels(experimentIds: string[]): Promise<LoggedModel[]> {
    return this.modelStore('A logged model').listLoggedModels(experimentIds);
  }

  /** The version of the registered model `name` whose tag `key` is `value`, if any. */
  findModelVersionByTag(name: string, key: string, value: string): Promise<ModelVersion | undefined> {
    return this.modelStore('The model registry').findModelVersionByTag(name, key, value);
  }

  /** The registered versions made from the logged model `modelId`. */
  findModelVersionsOf(modelId: string): Promise<ModelVersion[]> {
    return this.modelStore('The model registry').findModelVersionsOf(modelId);
  }

  finalizeLoggedModel(modelId: string, status: 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED'): Promise<LoggedModel> {
    return this.modelStore('A logged model').finalizeLoggedModel(modelId, status);
  }

  getLoggedModel(modelId: string): Promise<LoggedModel> {
    return this.modelStore('A logged model').getLoggedModel(modelId);
  }

  setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    return this.modelStore('A logged model').setLoggedModelTags(modelId, tags);
  }

  logLoggedModelParams(modelId: string, params: Record<string, string>): Promise<void> {
    return this.modelStore('A logged model').logLoggedModelParams(modelId, params);
  }

  /** Creates a registered model; an existing one of that name is fine (as in MLflow's client). */
  async createRegisteredModel(name: string): Promise<void> {
    try {
      await this.modelStore('The model registry').createRegisteredModel(name);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  createModelVersion(request: CreateModelVersionRequest): Promise<ModelVersion> {
    return this.modelStore('The model registry').createModelVersion(request);
  }

  getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return this.modelStore('The model registry').getModelVersion(name, version);
  }

  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return this.modelStore('The model registry').getModelVersionByAlias(name, alias);
  }

  /** The newest version of a registered model, across stages (what `models:/<name>/latest` means). */
  async getLatestModelVersion(name: string): Promise<ModelVersion> {
    const versions = await this.modelStore('The model registry').getLatestVersions(name);
    const latest = versions.reduce<ModelVersion | undefined>((best, v) => (best === undefined || Number(v.version) > Number(best.version) ? v : best), undefined);
    if (!latest) throw new MlflowAutologError(`The registered model "${name}" has no versions.`);
    return latest;
  }

  getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    return this.modelStore('The model registry').getModelVersionDownloadUri(name, version);
  }

  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    return this.modelStore('The model registry').setRegisteredModelAlias(name, alias, version);
  }

  // ---- artifacts ----

  /** The artifact repository of a run (cached per run). */
  async artifactRepository(runId: string): Promise<ArtifactRepository> {
    let repository = this.repositories.get(runId);
    if (!repository) {
      const { info } = await this.store.getRun(runId);
      repository = this.artifactRepositoryForUri(info.artifactUri);
      this.repositories.set(runId, repository);
    }
    return repository;
  }

  /** The artifact repository for any artifact URI of this tracking store. */
  artifactRepositoryForUri(uri: string): ArtifactRepository {
    return artifactRepositoryFor(uri, this.config, this.http);
  }

  /** Uploads one local file to the run's artifacts, under `artifactPath` if given. */
  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void> {
    await (await this.artifactRepository(runId)).logArtifact(resolve(localPath), artifactPath);
  }

  /** Uploads a local folder's contents to the run's artifacts, under `artifactPath` if given. */
  async logArtifacts(runId: string, localDir: string, artifactPath?: string): Promise<void> {
    await (await this.artifactRepository(runId)).logArtifacts(resolve(localDir), artifactPath);
  }

  async listArtifacts(runId: string, path?: string): Promise<ArtifactFile[]> {
    return (await this.artifactRepository(runId)).listArtifacts(path);
  }

  /** Downloads a run's artifact (file or folder) into `destDir`; resolves to the local path. */
  async downloadArtifacts(runId: string, path: string | undefined, destDir: string): Promise<string> {
    return (await this.artifactRepository(runId)).downloadArtifacts(path, resolve(destDir));
  }
}

/** Validates keys and truncates values: the rules every write path shares. */
export function prepareBatch(batch: Partial<LogBatch>): LogBatch {
  const metrics = (batch.metrics ?? []).map((m) => {
    validateKey('metric', m.key);
    return m;
  });
  const params = (batch.params ?? []).map((p) => {
    validateKey('param', p.key);
    return { key: p.key, value: truncateValue('param', p.key, p.value) };
  });
  const tags = (batch.tags ?? []).map((t) => {
    validateKey('tag', t.key);
    return { key: t.key, value: truncateValue('tag', t.key, t.value) };
  });
  return { metrics, params, tags };
}

/** Params and tags are strings on the wire: strings pass as they are, objects become JSON. */
export function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function toTags(record: Record<string, unknown> | undefined): Tag[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: stringify(value) }));
}

