/**
 * MLflow 3 logged models and the model registry: one typed description per endpoint
 * (`service.proto`, `model_registry.proto`), as in `endpoints.ts`.
 */
import { endpoint, type WireMetric, type WireTag } from './endpoints';

const id = (modelId: string) => encodeURIComponent(modelId);

// ---- logged models ----

export type WireLoggedModelStatus = 'LOGGED_MODEL_PENDING' | 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED' | 'LOGGED_MODEL_STATUS_UNSPECIFIED';

export interface WireLoggedModel {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    creation_timestamp_ms?: number;
    last_updated_timestamp_ms?: number;
    artifact_uri: string;
    status: WireLoggedModelStatus;
    creator_id?: string;
    model_type?: string;
    source_run_id?: string;
    status_message?: string;
    tags?: WireTag[];
    registrations?: { name: string; version: string }[];
  };
  data?: { params?: WireTag[]; metrics?: WireMetric[] };
}

export const createLoggedModel = endpoint<
  { experiment_id: string; name?: string; model_type?: string; source_run_id?: string; params?: WireTag[]; tags?: WireTag[] },
  { model: WireLoggedModel }
>('POST', '/logged-models');
export const searchLoggedModels = endpoint<
  { experiment_ids: string[]; filter?: string; max_results?: number; page_token?: string },
  { models?: WireLoggedModel[]; next_page_token?: string }
>('POST', '/logged-models/search');
export const finalizeLoggedModel = endpoint<{ model_id: string; status: WireLoggedModelStatus }, { model: WireLoggedModel }>(
  'PATCH',
  (r) => `/logged-models/${id(r.model_id)}`,
);
export const getLoggedModel = endpoint<{ model_id: string }, { model: WireLoggedModel }>(
  'GET',
  (r) => `/logged-models/${id(r.model_id)}`,
);
export const setLoggedModelTags = endpoint<{ model_id: string; tags: WireTag[] }, Record<string, never>>(
  'PATCH',
  (r) => `/logged-models/${id(r.model_id)}/tags`,
);
export const logLoggedModelParams = endpoint<{ model_id: string; params: WireTag[] }, Record<string, never>>(
  'POST',
  (r) => `/logged-models/${id(r.model_id)}/params`,
);

// ---- model registry ----

export interface WireModelVersion {
  name: string;
  version: string;
  source?: string;
  run_id?: string;
  status?: string;
  model_id?: string;
  aliases?: string[];
  creation_timestamp?: number;
}

export interface WireRegisteredModel {
  name: string;
  latest_versions?: WireModelVersion[];
  aliases?: { alias: string; version: string }[];
}

export const createRegisteredModel = endpoint<
  { name: string; tags?: WireTag[]; description?: string },
  { registered_model: WireRegisteredModel }
>('POST', '/registered-models/create');
export const getRegisteredModel = endpoint<{ name: string }, { registered_model: WireRegisteredModel }>(
  'GET',
  '/registered-models/get',
);
export const createModelVersion = endpoint<
  { name: string; source: string; run_id?: string; tags?: WireTag[]; description?: string; model_id?: string },
  { model_version: WireModelVersion }
>('POST', '/model-versions/create');
export const searchModelVersions = endpoint<{ filter?: string; max_results?: number }, { model_versions?: WireModelVersion[] }>(
  'GET',
  '/model-versions/search',
);
export const getModelVersion = endpoint<{ name: string; version: string }, { model_version: WireModelVersion }>(
  'GET',
  '/model-versions/get',
);
export const getModelVersionDownloadUri = endpoint<{ name: string; version: string }, { artifact_uri: string }>(
  'GET',
  '/model-versions/get-download-uri',
);
export const getLatestVersions = endpoint<{ name: string; stages?: string[] }, { model_versions?: WireModelVersion[] }>(
  'POST',
  '/registered-models/get-latest-versions',
);
export const setRegisteredModelAlias = endpoint<{ name: string; alias: string; version: string }, Record<string, never>>(
  'POST',
  '/registered-models/alias',
);
export const getModelVersionByAlias = endpoint<{ name: string; alias: string }, { model_version: WireModelVersion }>(
  'GET',
  '/registered-models/alias',
);
