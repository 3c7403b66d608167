/**
 * The {@link TrackingStore} over MLflow's REST API: each method is one endpoint call, mapping our
 * entities to the wire shapes and back.
 */
import { isNotFound } from '../errors';
import type {
  CreateRunRequest,
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
  UpdateRunRequest,
} from '../store/types';
import * as api from './endpoints';
import type { HttpClient } from './http';

export class RestStore implements TrackingStore {
  constructor(private readonly http: HttpClient) {}

  get location(): string {
    return this.http.baseUrl;
  }

  /** Calls one endpoint: the only way this class reaches the server. */
  call<Req, Res>(endpoint: api.Endpoint<Req, Res>, request: Req, options: { notIdempotent?: boolean } = {}): Promise<Res> {
    return this.http.json<Res>(endpoint.method, endpoint.path(request), request, options);
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const { experiment } = await this.call(api.getExperiment, { experiment_id: experimentId });
    return toExperiment(experiment);
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    try {
      const { experiment } = await this.call(api.getExperimentByName, { experiment_name: name });
      return toExperiment(experiment);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Tag[] } = {}): Promise<string> {
    const { experiment_id } = await this.call(api.createExperiment, {
      name,
      artifact_location: options.artifactLocation,
      tags: options.tags,
    });
    return experiment_id;
  }

  async createRun(request: CreateRunRequest): Promise<RunInfo> {
    const { run } = await this.call(api.createRun, {
      experiment_id: request.experimentId,
      user_id: request.userId,
      run_name: request.runName,
      start_time: request.startTime,
      tags: request.tags,
    }, { notIdempotent: true });
    return toRunInfo(run.info);
  }

  async updateRun(runId: string, update: UpdateRunRequest): Promise<RunInfo> {
    const { run_info } = await this.call(api.updateRun, {
      run_id: runId,
      status: update.status,
      end_time: update.endTime,
      run_name: update.runName,
    });
    return toRunInfo(run_info);
  }

  async getRun(runId: string): Promise<Run> {
    const { run } = await this.call(api.getRun, { run_id: runId });
    return toRun(run);
  }

  async searchRuns(request: SearchRunsRequest): Promise<SearchRunsResponse> {
    const response = await this.call(api.searchRuns, {
      experiment_ids: request.experimentIds,
      filter: request.filter,
      max_results: request.maxResults,
      order_by: request.orderBy,
      page_token: request.pageToken,
    });
    return { runs: (response.runs ?? []).map(toRun), nextPageToken: response.next_page_token || undefined };
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const metrics: Metric[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call(api.getMetricHistory, {
        run_id: runId,
        metric_key: key,
        max_results: 25_000,
        page_token: pageToken,
      });
      metrics.push(...(page.metrics ?? []).map(toMetric));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return metrics;
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    await this.call(api.logBatch, {
      run_id: runId,
      metrics: batch.metrics.map(toWireMetric),
      params: batch.params,
      tags: batch.tags,
    });
  }

  async setTag(runId: string, tag: Tag): Promise<void> {
    await this.call(api.setTag, { run_id: runId, key: tag.key, value: tag.value });
  }

  async logInputs(runId: string, datasets: DatasetInput[], models: ModelIo[] = []): Promise<void> {
    await this.call(api.logInputs, {
      run_id: runId,
      datasets: datasets.map((d) => ({
        tags: d.tags,
        dataset: {
          name: d.dataset.name,
          digest: d.dataset.digest,
          source_type: d.dataset.sourceType,
          source: d.dataset.source,
          schema: d.dataset.schema,
          profile: d.dataset.profile,
        },
      })),
      models: models.length ? models.map((m) => ({ model_id: m.modelId })) : undefined,
    });
  }

  async logOutputs(runId: string, models: ModelIo[]): Promise<void> {
    await this.call(api.logOutputs, { run_id: runId, models: models.map((m) => ({ model_id: m.modelId, step: m.step ?? 0 })) });
  }
}

/** Encodes a double the way MLflow's protobuf JSON does: NaN and ±Infinity become strings. */
export function toWireDouble(value: number): api.WireDouble {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

function fromWireDouble(value: api.WireDouble | undefined): number {
  if (value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

function toWireMetric(m: Metric): api.WireMetric {
  return {
    key: m.key,
    value: toWireDouble(m.value),
    timestamp: m.timestamp,
    step: m.step,
    model_id: m.modelId,
    dataset_name: m.datasetName,
    dataset_digest: m.datasetDigest,
  };
}

function toMetric(m: api.WireMetric): Metric {
  return {
    key: m.key,
    value: fromWireDouble(m.value),
    timestamp: Number(m.timestamp ?? 0),
    step: Number(m.step ?? 0),
    modelId: m.model_id,
    datasetName: m.dataset_name,
    datasetDigest: m.dataset_digest,
  };
}

function toExperiment(e: api.WireExperiment): Experiment {
  return {
    experimentId: e.experiment_id,
    name: e.name,
    artifactLocation: e.artifact_location,
    lifecycleStage: e.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    creationTime: e.creation_time,
    lastUpdateTime: e.last_update_time,
    tags: e.tags ?? [],
  };
}

function toRunInfo(info: api.WireRunInfo): RunInfo {
  return {
    runId: info.run_id || info.run_uuid || '',
    runName: info.run_name ?? '',
    experimentId: info.experiment_id,
    userId: info.user_id ?? '',
    status: info.status as RunStatus,
    startTime: Number(info.start_time ?? 0),
    endTime: info.end_time === undefined ? undefined : Number(info.end_time),
    artifactUri: info.artifact_uri,
    lifecycleStage: info.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  };
}

function toRun(run: api.WireRun): Run {
  return {
    info: toRunInfo(run.info),
    data: {
      metrics: (run.data?.metrics ?? []).map(toMetric),
      params: run.data?.params ?? [],
      tags: run.data?.tags ?? [],
    },
    inputs: {
      datasetInputs: (run.inputs?.dataset_inputs ?? []).map((d) => ({
        tags: d.tags ?? [],
        dataset: {
          name: d.dataset.name,
          digest: d.dataset.digest,
          sourceType: d.dataset.source_type,
          source: d.dataset.source,
          schema: d.dataset.schema,
          profile: d.dataset.profile,
        },
      })),
      modelInputs: (run.inputs?.model_inputs ?? []).map((m) => ({ modelId: m.model_id })),
    },
    outputs: { modelOutputs: (run.outputs?.model_outputs ?? []).map((m) => ({ modelId: m.model_id, step: m.step })) },
  };
}
