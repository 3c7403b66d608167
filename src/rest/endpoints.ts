/**
 * One typed description per MLflow REST endpoint: method, path, and the wire shapes of the
 * request and the response (snake_case, as `mlflow/protos/service.proto` names the fields).
 */
import type { Method } from 'axios';

export interface Endpoint<Req, Res> {
  method: Method;
  path: (req: Req) => string;
  /** Phantom field carrying the response type. */
  readonly response?: Res;
}

/** Describes an endpoint below `/api/2.0/mlflow`. */
export function endpoint<Req, Res>(method: Method, path: string | ((req: Req) => string)): Endpoint<Req, Res> {
  return { method, path: typeof path === 'string' ? () => `/api/2.0/mlflow${path}` : (req) => `/api/2.0/mlflow${path(req)}` };
}

// ---- wire shapes ----

export interface WireTag {
  key: string;
  value: string;
}

/** Doubles go out as numbers or, for NaN and ±Infinity, as the strings protobuf JSON uses. */
export type WireDouble = number | 'NaN' | 'Infinity' | '-Infinity';

export interface WireMetric {
  key: string;
  value: WireDouble;
  timestamp: number;
  step: number;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}

export interface WireExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  last_update_time?: number;
  creation_time?: number;
  tags?: WireTag[];
}

export interface WireRunInfo {
  run_id: string;
  run_uuid?: string;
  run_name?: string;
  experiment_id: string;
  user_id?: string;
  status: string;
  start_time?: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: string;
}

export interface WireDataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface WireDatasetInput {
  tags?: WireTag[];
  dataset: WireDataset;
}

export interface WireRun {
  info: WireRunInfo;
  data?: { metrics?: WireMetric[]; params?: WireTag[]; tags?: WireTag[] };
  inputs?: { dataset_inputs?: WireDatasetInput[]; model_inputs?: { model_id: string }[] };
  outputs?: { model_outputs?: { model_id: string; step?: number }[] };
}

// ---- experiments ----

export const getExperiment = endpoint<{ experiment_id: string }, { experiment: WireExperiment }>('GET', '/experiments/get');
export const getExperimentByName = endpoint<{ experiment_name: string }, { experiment: WireExperiment }>(
  'GET',
  '/experiments/get-by-name',
);
export const createExperiment = endpoint<
  { name: string; artifact_location?: string; tags?: WireTag[] },
  { experiment_id: string }
>('POST', '/experiments/create');

// ---- runs ----

export const createRun = endpoint<
  { experiment_id: string; user_id?: string; run_name?: string; start_time: number; tags: WireTag[] },
  { run: WireRun }
>('POST', '/runs/create');
export const updateRun = endpoint<
  { run_id: string; run_uuid?: string; status?: string; end_time?: number; run_name?: string },
  { run_info: WireRunInfo }
>('POST', '/runs/update');
export const getRun = endpoint<{ run_id: string }, { run: WireRun }>('GET', '/runs/get');
export const searchRuns = endpoint<
  { experiment_ids: string[]; filter?: string; max_results?: number; order_by?: string[]; page_token?: string; run_view_type?: string },
  { runs?: WireRun[]; next_page_token?: string }
>('POST', '/runs/search');
export const getMetricHistory = endpoint<
  { run_id: string; metric_key: string; max_results?: number; page_token?: string },
  { metrics?: WireMetric[]; next_page_token?: string }
>('GET', '/metrics/get-history');
export const logBatch = endpoint<
  { run_id: string; metrics: WireMetric[]; params: WireTag[]; tags: WireTag[] },
  Record<string, never>
>('POST', '/runs/log-batch');
export const setTag = endpoint<{ run_id: string; run_uuid?: string; key: string; value: string }, Record<string, never>>(
  'POST',
  '/runs/set-tag',
);
export const logInputs = endpoint<
  { run_id: string; datasets?: WireDatasetInput[]; models?: { model_id: string }[] },
  Record<string, never>
>('POST', '/runs/log-inputs');
export const logOutputs = endpoint<{ run_id: string; models: { model_id: string; step?: number }[] }, Record<string, never>>(
  'POST',
  '/runs/outputs',
);
