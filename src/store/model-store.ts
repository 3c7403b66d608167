/**
 * MLflow 3 logged models and the model registry, as a store: kept by a tracking server (over
 * REST, `rest/rest-model-store.ts`) or by the local SQLite database (`store/sqlite/model-store.ts`),
 * so that `logModel`, `models:/` URIs and `sync` work the same against either. Values use
 * MLflow's JSON shapes (`service.proto`, `model_registry.proto`): the local store answers exactly
 * what a server would.
 */
import type { WireLoggedModel, WireLoggedModelStatus, WireModelVersion } from '../rest/model-endpoints';

export type { WireLoggedModel as LoggedModel, WireModelVersion as ModelVersion, WireLoggedModelStatus as LoggedModelStatus };

export interface CreateLoggedModelRequest {
  experimentId: string;
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface CreateModelVersionRequest {
  name: string;
  /** `models:/<model_id>` for a logged model, else the artifact URI of the model's folder. */
  source: string;
  runId?: string;
  modelId?: string;
  tags?: Record<string, string>;
  description?: string;
}

/**
 * Where logged models and registered models live. Errors are {@link import('../errors').MlflowRestError}s
 * with MLflow's codes (RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS, INVALID_PARAMETER_VALUE),
 * whichever store answers.
 */
export interface ModelStore {
  /** Creates a PENDING logged model whose artifacts go under the experiment's `models/<id>/artifacts`. */
  createLoggedModel(request: CreateLoggedModelRequest): Promise<WireLoggedModel>;
  getLoggedModel(modelId: string): Promise<WireLoggedModel>;
  /** The first logged model of the experiment whose tag `key` is `value`, if any. */
  findLoggedModelByTag(experimentId: string, key: string, value: string): Promise<WireLoggedModel | undefined>;
  /** Every active logged model of the experiments, oldest first. */
  listLoggedModels(experimentIds: string[]): Promise<WireLoggedModel[]>;
  finalizeLoggedModel(modelId: string, status: 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED'): Promise<WireLoggedModel>;
  setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void>;
  logLoggedModelParams(modelId: string, params: Record<string, string>): Promise<void>;

  /** Rejects with RESOURCE_ALREADY_EXISTS when the name is taken. */
  createRegisteredModel(name: string): Promise<void>;
  /** The next version of `name` (1, 2, …), READY. */
  createModelVersion(request: CreateModelVersionRequest): Promise<WireModelVersion>;
  /** The version of `name` whose tag `key` is `value`, if any. */
  findModelVersionByTag(name: string, key: string, value: string): Promise<WireModelVersion | undefined>;
  /** Every version whose `model_id` is `modelId` (or whose source is `models:/<modelId>`). */
  findModelVersionsOf(modelId: string): Promise<WireModelVersion[]>;
  getModelVersion(name: string, version: string): Promise<WireModelVersion>;
  getModelVersionByAlias(name: string, alias: string): Promise<WireModelVersion>;
  /** The newest version of `name` per stage (as MLflow's `get_latest_versions`). */
  getLatestVersions(name: string): Promise<WireModelVersion[]>;
  /** Where the version's files are: the logged model's artifact location, or its source. */
  getModelVersionDownloadUri(name: string, version: string): Promise<string>;
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>;
}
