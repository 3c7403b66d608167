/**
 * The tracking entities and the store interface that both back ends implement: the MLflow REST
 * API (`rest-store.ts`) and the local file store (`file-store.ts`). Field names follow MLflow's
 * entities in camelCase; values are already decoded (numbers are numbers, NaN is NaN).
 */

/** Lifecycle of a run, as MLflow names it. */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** A key/value pair: a run tag, an experiment tag or a dataset input tag. */
export interface Tag {
  key: string;
  value: string;
}

/** A run parameter. Params are immutable once logged. */
export interface Param {
  key: string;
  value: string;
}

/** One point of a metric's history. */
export interface Metric {
  key: string;
  /** May be NaN or ±Infinity; the stores encode those as MLflow does. */
  value: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
  /** The logged model this point belongs to (MLflow 3). */
  modelId?: string;
  datasetName?: string;
  datasetDigest?: string;
}

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime?: number;
  lastUpdateTime?: number;
  tags: Tag[];
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime?: number;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
}

/** A dataset as MLflow's `log-inputs` describes it. */
export interface Dataset {
  name: string;
  /** At most 36 characters. */
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  dataset: Dataset;
  /** For example `{key: 'mlflow.data.context', value: 'train'}`. */
  tags: Tag[];
}

/** A logged model recorded as an output (or input) of a run. */
export interface ModelIo {
  modelId: string;
  step?: number;
}

export interface Run {
  info: RunInfo;
  data: {
    /** The latest value of each metric key. */
    metrics: Metric[];
    params: Param[];
    tags: Tag[];
  };
  inputs: { datasetInputs: DatasetInput[]; modelInputs: ModelIo[] };
  outputs: { modelOutputs: ModelIo[] };
}

export interface CreateRunRequest {
  experimentId: string;
  userId: string;
  runName?: string;
  /** Milliseconds since the epoch. */
  startTime: number;
  tags: Tag[];
}

export interface UpdateRunRequest {
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

/** One `log-batch` worth of data. The caller keeps it within {@link import('./limits').LIMITS}. */
export interface LogBatch {
  metrics: Metric[];
  params: Param[];
  tags: Tag[];
}

export interface SearchRunsRequest {
  experimentIds: string[];
  filter?: string;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

export interface SearchRunsResponse {
  runs: Run[];
  nextPageToken?: string;
}

/**
 * Where runs are kept. Every method is one round trip (or one file-system operation) with no
 * batching or queueing of its own: those live above, in the client.
 */
export interface TrackingStore {
  /** A human-readable description of where the data goes, e.g. the URL or the folder. */
  readonly location: string;

  getExperiment(experimentId: string): Promise<Experiment>;
  /** Resolves to `undefined` when no experiment has that name. */
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  /** Resolves to the new experiment's id. Rejects with RESOURCE_ALREADY_EXISTS for a taken name. */
  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Tag[] }): Promise<string>;

  createRun(request: CreateRunRequest): Promise<RunInfo>;
  updateRun(runId: string, update: UpdateRunRequest): Promise<RunInfo>;
  getRun(runId: string): Promise<Run>;
  searchRuns(request: SearchRunsRequest): Promise<SearchRunsResponse>;
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;

  logBatch(runId: string, batch: LogBatch): Promise<void>;
  setTag(runId: string, tag: Tag): Promise<void>;
  logInputs(runId: string, datasets: DatasetInput[], models?: ModelIo[]): Promise<void>;
  logOutputs(runId: string, models: ModelIo[]): Promise<void>;
}

/** A store on this machine (the file store, a SQLite database): `sync` reads every experiment of it. */
export interface LocalTrackingStore extends TrackingStore {
  /** Every active experiment. */
  listExperiments(): Promise<Experiment[]>;
}
